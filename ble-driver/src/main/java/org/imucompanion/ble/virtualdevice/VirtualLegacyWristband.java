package org.imucompanion.ble.virtualdevice;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;

/**
 * The legacy Simblee wristband (PROTOCOL.md §3): one characteristic holding the latest sample as 32
 * bytes. Reads return the sample at that moment; if the firmware supports notifications, a
 * subscribed host gets one at a fixed rate, cut to the MTU (the first 20 bytes at the default MTU
 * of 23, as on a real link).
 */
public final class VirtualLegacyWristband extends VirtualDevice {

  /** The data characteristic's ATT value handle. */
  public static final int DATA_HANDLE = 0x000e;

  /** Simblee's 16-bit service UUID (0xFE84), which its firmware advertises by default. */
  public static final UUID SIMBLEE_SERVICE =
      UUID.fromString("0000fe84-0000-1000-8000-00805f9b34fb");

  private final MotionSource motion;
  private final long powerOnNanos = System.nanoTime();
  private final double notifyRateHz;
  private PeriodicSender sender;
  private long sent;

  /**
   * Creates a legacy wristband.
   *
   * @param address its address
   * @param name its advertised name
   * @param motion what its sensors feel
   * @param notifyRateHz notifications per second while subscribed, or 0 for firmware that can only
   *     be polled (then the characteristic does not offer notify)
   */
  public VirtualLegacyWristband(
      String address, String name, MotionSource motion, double notifyRateHz) {
    super(address, Optional.of(name), Set.of(SIMBLEE_SERVICE), gatt(notifyRateHz > 0));
    this.motion = Objects.requireNonNull(motion, "motion");
    if (!(notifyRateHz >= 0) || notifyRateHz > 1000) {
      throw new IllegalArgumentException("notifyRateHz 0..1000: " + notifyRateHz);
    }
    this.notifyRateHz = notifyRateHz;
    setMtu(23); // Simblee never negotiates a larger MTU
  }

  private static List<GattCharacteristicInfo> gatt(boolean notify) {
    return List.of(
        new GattCharacteristicInfo(
            SIMBLEE_SERVICE,
            LegacyUuids.DATA,
            DATA_HANDLE,
            notify
                ? EnumSet.of(CharacteristicProperty.READ, CharacteristicProperty.NOTIFY)
                : EnumSet.of(CharacteristicProperty.READ)));
  }

  @Override
  public String kind() {
    return "legacy";
  }

  /**
   * Returns the motion the sensors feel.
   *
   * @return the source
   */
  public MotionSource motion() {
    return motion;
  }

  /**
   * Returns how many notifications the device sent (before link faults).
   *
   * @return the count
   */
  public synchronized long notificationsSent() {
    return sent;
  }

  /**
   * Tells whether the firmware's notification timer runs: from the moment a central enables
   * notifications until it disables them or the link drops.
   *
   * @return true while it sends
   */
  public synchronized boolean isSending() {
    return sender != null;
  }

  private byte[] valueAt(long nanosSincePowerOn) {
    MotionSample m = motion.sampleAt(nanosSincePowerOn);
    return LegacyCodec.encode(
        new LegacyWristbandPacket(m.accelG(), m.gyroRadPerS(), m.magMicroTesla()));
  }

  @Override
  protected byte[] onRead(UUID characteristic) throws BleException {
    if (!characteristic.equals(LegacyUuids.DATA)) {
      return super.onRead(characteristic);
    }
    // A read returns the whole 32 bytes (BlueZ reads long values in pieces).
    return valueAt(System.nanoTime() - powerOnNanos);
  }

  @Override
  protected synchronized void onNotifyingChanged(UUID characteristic, boolean notifying) {
    if (!characteristic.equals(LegacyUuids.DATA)) {
      return;
    }
    stopSending();
    Optional<DeviceLink> link = link();
    if (notifying && link.isPresent()) {
      DeviceLink l = link.get();
      long period = Math.round(1e9 / notifyRateHz);
      long start = System.nanoTime();
      sender =
          new PeriodicSender(
              l.scheduler(),
              start,
              period,
              k -> {
                byte[] full = valueAt(start - powerOnNanos + k * period);
                synchronized (this) {
                  sent++;
                }
                l.notify(LegacyUuids.DATA, Arrays.copyOf(full, Math.min(full.length, l.mtu() - 3)));
              });
    }
  }

  private void stopSending() {
    if (sender != null) {
      sender.stop();
      sender = null;
    }
  }

  @Override
  protected synchronized void onDisconnected() {
    stopSending();
  }
}
