package org.imucompanion.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.EmgReading;
import org.imucompanion.ble.profile.MyoListener;
import org.imucompanion.ble.profile.MyoProfile;
import org.imucompanion.ble.profile.ProfileSession;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.models.Channels;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.stream.SampleClock;

/**
 * A Myo armband's part of a {@link DeviceFeed}: on each connection (its set-mode and never-sleep
 * commands are written again every time: the armband forgets them at a disconnect) the IMU at
 * 50 Hz goes into the IMU ring buffer, the sinks (accelerometer, gyroscope and the armband's own
 * quaternion) and the live classification; the merged 200 Hz EMG stream (ble-driver's {@link
 * MyoProfile}, four characteristics put back in order) into the EMG ring buffer and the sinks;
 * the firmware version and battery level are read. The armband has no clock on the wire: each
 * stream's {@link SampleClock} places its samples on the host's timeline (EMG by its index in the
 * 200 Hz stream), never backwards. Everything runs on the connection's delivery thread; nothing
 * here touches JavaFX.
 */
public final class MyoFeed implements KindFeed, MyoListener {
  /** Address of the built-in virtual Myo. */
  public static final String VIRTUAL_ADDRESS = "02:00:00:00:00:02";

  /** The Myo's IMU rate in the mode the profile sets. */
  public static final double IMU_RATE_HZ = VirtualMyo.IMU_RATE_HZ;

  private final LiveDevice device;
  private final SampleSink sink;
  private final StreamHealth imuHealth;
  private final StreamHealth emgHealth;
  private final double[] imuValues = new double[10];
  private final double[] emgValues = new double[EmgSample.CHANNELS];
  private final SampleClock imuClock = SampleClock.forNominalRate(IMU_RATE_HZ);
  private final SampleClock emgClock = SampleClock.forNominalRate(EmgReading.RATE_HZ);

  MyoFeed(String address, LiveDevice device, SampleSink sink) {
    this.device = device;
    this.sink = sink;
    this.imuHealth =
        StreamHealth.withoutSequenceNumbers(
            new StreamKey(address, MyoUuids.IMU_DATA), NominalRate.ofSamples(IMU_RATE_HZ, 1));
    this.emgHealth =
        StreamHealth.withoutSequenceNumbers(
            new StreamKey(address, MyoUuids.EMG_DATA.get(0)),
            NominalRate.ofSamples(EmgReading.RATE_HZ, 2));
    device.attachHealth(imuHealth);
    device.attachOtherHealth(emgHealth);
  }

  /**
   * Starts the built-in virtual Myo doing the demo workout, in its own in-process transport.
   *
   * @param sink receives every sample of both streams on the delivery thread
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual(SampleSink sink) {
    return startVirtual(VIRTUAL_ADDRESS, "Virtual Myo", AthleteMotion.demo(), sink);
  }

  /**
   * Starts a virtual Myo with its own address, name and motion, in its own in-process transport
   * (several can run side by side, one per athlete).
   *
   * @param address its address
   * @param name its name
   * @param motion what its sensors feel
   * @param sink receives every sample on the delivery thread
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual(
      String address, String name, MotionSource motion, SampleSink sink) {
    return DeviceFeed.startVirtual(DeviceKind.MYO, address, name, motion, sink);
  }

  /**
   * Returns the health of the merged EMG stream.
   *
   * @return the tracker
   */
  StreamHealth emgHealth() {
    return emgHealth;
  }

  @Override
  public List<DeviceStream> streams() {
    return List.of(
        new DeviceStream("imu", LiveClassification.ACCEL_GYRO_QUAT, IMU_RATE_HZ),
        new DeviceStream("emg", Channels.EMG, EmgReading.RATE_HZ));
  }

  @Override
  public CompletableFuture<ProfileSession> startOn(
      BleConnection connection, List<GattCharacteristicInfo> characteristics) {
    HeldSession held = new HeldSession();
    // A new connection: the armband's EMG index restarts at 0 and the link's timing afresh.
    imuClock.reset();
    emgClock.reset();
    DeviceInfo.readMyo(connection, device);
    // Raw subscriptions for the Inspector, which must see every value as it came.
    List<CompletableFuture<Void>> raw = new ArrayList<>();
    Stream.concat(Stream.of(MyoUuids.IMU_DATA), MyoUuids.EMG_DATA.stream())
        .forEach(c -> raw.add(connection.subscribe(c, device::onRawNotification).thenAccept(held::hold)));
    // Battery and classifier events too where the armband offers them; their absence is no fault.
    for (GattCharacteristicInfo c : characteristics) {
      if ((c.uuid().equals(MyoUuids.BATTERY_LEVEL) || c.uuid().equals(MyoUuids.CLASSIFIER_EVENT))
          && (c.has(CharacteristicProperty.NOTIFY) || c.has(CharacteristicProperty.INDICATE))) {
        raw.add(
            connection
                .subscribe(c.uuid(), device::onRawNotification)
                .thenAccept(held::hold)
                .exceptionally(e -> null));
      }
    }
    return held.closeOnFailure(
        CompletableFuture.allOf(raw.toArray(CompletableFuture<?>[]::new))
            .thenCompose(
                subscribed ->
                    MyoProfile.start(connection, this, Optional.of(imuHealth), Optional.of(emgHealth)))
            .thenApply(
                session -> {
                  device.attachBuzzer(
                      type -> session.vibrate(type).exceptionally(e -> {
                        device.reportProblem("vibration failed: " + e.getMessage());
                        return null;
                      }));
                  held.hold(() -> device.attachBuzzer(null));
                  return (ProfileSession) held.withProfile(session);
                }));
  }

  @Override
  public void onImu(TimedPacket<MyoImuPacket> timed) {
    MyoImuPacket p = timed.packet();
    Vector3 a = p.accelG();
    Vector3 g = p.gyroRadPerS();
    Quaternion q = p.orientation();
    long t = imuClock.stamp(timed.hostTimeNanos(), 1, 0);
    device.imuSamples().append(t, a.x(), a.y(), a.z(), g.x(), g.y(), g.z());
    imuValues[0] = a.x();
    imuValues[1] = a.y();
    imuValues[2] = a.z();
    imuValues[3] = g.x();
    imuValues[4] = g.y();
    imuValues[5] = g.z();
    imuValues[6] = q.w();
    imuValues[7] = q.x();
    imuValues[8] = q.y();
    imuValues[9] = q.z();
    // The armband has no clock on the wire: its device time is the host's, in microseconds.
    sink.onSample(0, t, t / 1_000, imuValues);
    Optional<LiveClassification> live = device.classification();
    if (live.isPresent()) {
      live.get().push(t / 1e9, imuValues);
    }
  }

  @Override
  public void onEmg(EmgReading reading) {
    // Two samples share a notification; the clock places each by its index in the stream.
    long t = emgClock.stampSample(reading.hostTimeNanos(), reading.sampleIndex(), 2);
    EmgSample s = reading.sample();
    for (int c = 0; c < emgValues.length; c++) {
      emgValues[c] = s.channel(c);
    }
    device.emgSamples().ifPresent(b -> b.append(t, emgValues));
    sink.onSample(1, t, t / 1_000, emgValues);
  }
}
