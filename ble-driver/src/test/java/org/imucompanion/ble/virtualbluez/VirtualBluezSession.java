package org.imucompanion.ble.virtualbluez;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.bluez.BluezTransport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The life cycle every BlueZ integration test class repeated: one {@link VirtualBluezFixture} per
 * class, a fresh {@link BluezTransport} on it per test, and what a test opened closed after it
 * (newest first, then the transport). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final VirtualBluezSession bus = new VirtualBluezSession("CD:00:00:00:00:%02X");
 *
 * @Test void streams() throws Exception {
 *   VirtualWristband band = VirtualWristband.add(bus.bluez(), bus.newAddress(), config, false);
 *   BleConnection c = bus.closeAfterEach(bus.transport().connect(...).get());
 * }
 * }</pre>
 */
public final class VirtualBluezSession
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final String addressPattern;
  private final AtomicInteger nextAddress = new AtomicInteger(1);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private VirtualBluezFixture fixture;
  private BluezTransport transport;

  /**
   * Makes the extension.
   *
   * @param addressPattern a {@link String#format} pattern with one integer, e.g. {@code
   *     "CD:00:00:00:00:%02X"}: each test class its own prefix, so devices never collide
   */
  public VirtualBluezSession(String addressPattern) {
    this.addressPattern = addressPattern;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    fixture = VirtualBluezFixture.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    transport = openTransport();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
    } finally {
      toClose.clear();
      transport.close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (fixture != null) {
      fixture.close();
    }
  }

  /**
   * Opens another transport on the same bus (the test closes it).
   *
   * @return a new transport
   * @throws Exception if it cannot connect
   */
  public BluezTransport openTransport() throws Exception {
    return BluezTransport.open(BluezOptions.defaults().withBusAddress(fixture.busAddress()));
  }

  /**
   * Returns this test's transport.
   *
   * @return the transport, closed after the test
   */
  public BluezTransport transport() {
    return transport;
  }

  /**
   * Returns the class's fixture.
   *
   * @return the daemon and virtual BlueZ
   */
  public VirtualBluezFixture fixture() {
    return fixture;
  }

  /**
   * Returns the class's virtual BlueZ.
   *
   * @return the fake {@code org.bluez}
   */
  public VirtualBluez bluez() {
    return fixture.bluez();
  }

  /**
   * Returns a device address not used before in this class.
   *
   * @return the next address of the pattern
   */
  public String newAddress() {
    return String.format(addressPattern, nextAddress.getAndIncrement());
  }

  /**
   * Closes something after the test, before the transport, newest first.
   *
   * @param <T> its type
   * @param c what to close
   * @return {@code c}
   */
  public <T extends AutoCloseable> T closeAfterEach(T c) {
    toClose.add(c);
    return c;
  }
}
