package org.imucompanion.ble.virtualbluez;

import java.io.IOException;
import java.nio.file.Path;
import org.freedesktop.dbus.exceptions.DBusException;

/**
 * A private daemon with a virtual BlueZ on it, for one test class: start it in {@code @BeforeAll},
 * close it in {@code @AfterAll}. Closing stops the fake first, then kills the daemon.
 *
 * <p>From another module's tests (the test-jar is {@code ble-driver:tests}):
 *
 * <pre>{@code
 * try (VirtualBluezFixture bus = VirtualBluezFixture.start();
 *     BluezTransport ble = BluezTransport.open(BluezOptions.defaults().withBusAddress(bus.busAddress()))) {
 *   VirtualWristband band = VirtualWristband.add(bus.bluez(), "C0:FF:EE:00:00:01", WristbandConfig.DEFAULT, true);
 *   BleConnection c = ble.connect(band.peripheral().address(), ConnectionListener.IGNORE, Runnable::run).get();
 *   WristbandProfile.start(c, packet -> ..., Optional.empty()).get(); // the band now streams at 50 Hz
 *   band.peripheral().dropNext(3);                                    // and faults are one call away
 * }
 * }</pre>
 */
public final class VirtualBluezFixture implements AutoCloseable {

  /** Unix socket paths are limited to 107 bytes; a deep build directory must not break the tests. */
  private static final int MAX_SOCKET_DIR = 80;

  private final PrivateDbusDaemon daemon;
  private final VirtualBluez bluez;

  private VirtualBluezFixture(PrivateDbusDaemon daemon, VirtualBluez bluez) {
    this.daemon = daemon;
    this.bluez = bluez;
  }

  /**
   * Starts a daemon in a fresh directory under {@code java.io.tmpdir} (or {@code /tmp} if that path
   * is too long for a unix socket) and a virtual BlueZ on it.
   *
   * @return the running fixture
   * @throws IOException if {@code dbus-daemon} is missing or fails
   * @throws DBusException if the fake cannot take {@code org.bluez}
   */
  public static VirtualBluezFixture start() throws IOException, DBusException {
    Path parent = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    if (parent.toString().length() > MAX_SOCKET_DIR) {
      parent = Path.of("/tmp");
    }
    PrivateDbusDaemon d = PrivateDbusDaemon.start(parent);
    try {
      return new VirtualBluezFixture(d, VirtualBluez.start(d.address()));
    } catch (DBusException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /**
   * Starts only a daemon, with no BlueZ on it (to test what happens when BlueZ is missing).
   *
   * @return the daemon
   * @throws IOException if {@code dbus-daemon} is missing or fails
   */
  public static PrivateDbusDaemon startBareDaemon() throws IOException {
    Path parent = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    if (parent.toString().length() > MAX_SOCKET_DIR) {
      parent = Path.of("/tmp");
    }
    return PrivateDbusDaemon.start(parent);
  }

  /**
   * Returns the bus address for the client under test.
   *
   * @return a {@code unix:path=} address
   */
  public String busAddress() {
    return daemon.address();
  }

  /**
   * Returns the fake BlueZ.
   *
   * @return the virtual BlueZ
   */
  public VirtualBluez bluez() {
    return bluez;
  }

  @Override
  public void close() {
    try {
      bluez.close();
    } finally {
      daemon.close();
    }
  }
}
