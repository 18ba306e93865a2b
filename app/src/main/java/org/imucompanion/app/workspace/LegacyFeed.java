package org.imucompanion.app.workspace;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.LegacyProfile;
import org.imucompanion.ble.profile.ProfileSession;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.models.Channels;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.stream.SampleClock;

/**
 * A legacy Simblee wristband's part of a {@link DeviceFeed}. Firmware whose data characteristic
 * notifies sends about 10 values a second; read-only firmware is polled, as the original project
 * did, every {@link #POLL_INTERVAL} (about 3 a second). Stream health is judged against the rate
 * of the mode actually in use. Each value carries accelerometer, gyroscope and magnetometer.
 */
public final class LegacyFeed implements KindFeed {
  /** How often read-only firmware is read: the original collecting PC's interval. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(350);

  /** How often notifying firmware sends a value. */
  public static final double NOTIFY_RATE_HZ = 10;

  private final LiveDevice device;
  private final SampleSink sink;
  private final LegacyProfile.Mode mode;
  private final StreamHealth health;
  private final double[] values = new double[9];
  private final SampleClock clock;

  LegacyFeed(String address, LiveDevice device, SampleSink sink, LegacyProfile.Mode mode) {
    this.device = device;
    this.sink = sink;
    this.mode = mode;
    this.clock = SampleClock.forNominalRate(rateHz(mode));
    this.health =
        StreamHealth.withoutSequenceNumbers(
            new StreamKey(address, LegacyUuids.DATA), NominalRate.ofSamples(rateHz(mode), 1));
    device.attachHealth(health);
  }

  /**
   * Starts a virtual legacy wristband (poll-only firmware) in its own in-process transport.
   *
   * @param address its address
   * @param name its name
   * @param motion what its sensors feel
   * @return the device, connecting; closing it stops the polling and the transport
   */
  public static LiveDevice startVirtual(String address, String name, MotionSource motion) {
    return DeviceFeed.startVirtual(DeviceKind.LEGACY, address, name, motion, SampleSink.NONE);
  }

  /**
   * Tells how a legacy band will be read, from its data characteristic's properties.
   *
   * @param characteristics what the connection found
   * @return notify when the characteristic notifies, else poll
   */
  static LegacyProfile.Mode modeOf(List<GattCharacteristicInfo> characteristics) {
    return characteristics.stream()
            .anyMatch(
                c -> c.uuid().equals(LegacyUuids.DATA) && c.has(CharacteristicProperty.NOTIFY))
        ? LegacyProfile.Mode.NOTIFY
        : LegacyProfile.Mode.POLL;
  }

  /**
   * Returns the nominal rate of a mode.
   *
   * @param mode notify or poll
   * @return values per second
   */
  static double rateHz(LegacyProfile.Mode mode) {
    return mode == LegacyProfile.Mode.NOTIFY ? NOTIFY_RATE_HZ : 1e3 / POLL_INTERVAL.toMillis();
  }

  @Override
  public List<DeviceStream> streams() {
    return List.of(
        new DeviceStream(
            "imu",
            java.util.stream.Stream.concat(
                    LiveClassification.WRISTBAND_CHANNELS.stream(), Channels.MAG.stream())
                .toList(),
            rateHz(mode)));
  }

  @Override
  public CompletableFuture<ProfileSession> startOn(
      BleConnection connection, List<GattCharacteristicInfo> characteristics) {
    HeldSession held = new HeldSession();
    clock.reset();
    DeviceInfo.readBattery(connection, device);
    return held.closeOnFailure(
        LegacyProfile.start(
                connection, this::onPacket, Optional.of(health), device::onRawNotification, POLL_INTERVAL)
            .thenApply(session -> (ProfileSession) held.withProfile(session)));
  }

  private void onPacket(TimedPacket<LegacyWristbandPacket> timed) {
    LegacyWristbandPacket p = timed.packet();
    Vector3 a = p.accelG();
    Vector3 g = p.gyroRadPerS();
    Vector3 m = p.magMicroTesla();
    long t = clock.stamp(timed.hostTimeNanos(), 1, 0);
    device.imuSamples().append(t, a.x(), a.y(), a.z(), g.x(), g.y(), g.z());
    values[0] = a.x();
    values[1] = a.y();
    values[2] = a.z();
    values[3] = g.x();
    values[4] = g.y();
    values[5] = g.z();
    values[6] = m.x();
    values[7] = m.y();
    values[8] = m.z();
    sink.onSample(0, t, t / 1_000, values);
  }
}
