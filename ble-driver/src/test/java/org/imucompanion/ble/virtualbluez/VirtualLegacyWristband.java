package org.imucompanion.ble.virtualbluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;

/**
 * The legacy Simblee wristband on the virtual BlueZ: one 32-byte value made by {@link
 * LegacyCodec#encode}. Notifying firmware sends it (truncated to 20 bytes at the default MTU, as a
 * real link does); read-only firmware updates the value at its rate for the host to poll.
 */
public final class VirtualLegacyWristband {

  /** The service the legacy firmware puts its characteristic in (Simblee's default). */
  public static final UUID SERVICE = LegacyUuids.SIMBLEE_SERVICE;

  private final VirtualPeripheral peripheral;
  private final List<LegacyWristbandPacket> generated = new ArrayList<>();
  private int counter;

  private VirtualLegacyWristband(VirtualPeripheral peripheral) {
    this.peripheral = peripheral;
  }

  /**
   * Builds a legacy wristband.
   *
   * @param bluez where to add it
   * @param address its address
   * @param notifies true for firmware that notifies, false for read-only firmware
   * @return the device, already added
   */
  public static VirtualLegacyWristband add(VirtualBluez bluez, String address, boolean notifies) {
    Set<String> flags = notifies ? Set.of("read", "notify") : Set.of("read");
    VirtualPeripheral p =
        VirtualPeripheral.builder(address, "Simblee")
            .advertising(SERVICE)
            .characteristic(SERVICE, LegacyUuids.DATA, flags, new byte[LegacyCodec.FULL_LENGTH])
            .build();
    bluez.add(p);
    return new VirtualLegacyWristband(p);
  }

  /**
   * Makes the next packet and stores it as the characteristic's value.
   *
   * @return its 32 encoded bytes
   */
  public synchronized byte[] next() {
    int k = counter++;
    LegacyWristbandPacket p =
        new LegacyWristbandPacket(
            new Vector3(0.001 * k, -0.5, 1.0),
            new Vector3(0.01 * Math.PI / 180 * k, 0, 0),
            new Vector3(10, 20, -30));
    byte[] bytes = LegacyCodec.encode(p);
    try {
      generated.add(LegacyCodec.decode(bytes));
    } catch (org.imucompanion.protocol.ProtocolException e) {
      throw new IllegalStateException(e);
    }
    peripheral.setValue(LegacyUuids.DATA, bytes);
    return bytes;
  }

  /**
   * Makes and notifies packets now.
   *
   * @param count how many
   */
  public void emit(int count) {
    for (int i = 0; i < count; i++) {
      peripheral.notify(LegacyUuids.DATA, next());
    }
  }

  /**
   * Notifies at a fixed rate whenever connected, as the notifying legacy firmware does: it needs
   * no command, and starts again by itself after a reconnect.
   *
   * @param period time between notifications
   */
  public void streamWhileConnected(Duration period) {
    peripheral.onConnect(p -> p.startTimer("legacy-notify", i -> emit(1), period));
    if (peripheral.isConnected()) {
      peripheral.startTimer("legacy-notify", i -> emit(1), period);
    }
  }

  /**
   * Updates the value at a fixed rate (read-only firmware).
   *
   * @param period time between updates
   */
  public void updateEvery(Duration period) {
    peripheral.startTimer("legacy", i -> next(), period);
  }

  /**
   * Returns every packet made so far, as the host decodes it.
   *
   * @return the packets, in order
   */
  public synchronized List<LegacyWristbandPacket> generated() {
    return List.copyOf(generated);
  }

  /**
   * Returns the underlying peripheral.
   *
   * @return the peripheral
   */
  public VirtualPeripheral peripheral() {
    return peripheral;
  }
}
