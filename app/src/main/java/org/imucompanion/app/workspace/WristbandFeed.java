package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.ProfileSession;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.stream.DeviceClock;
import org.imucompanion.protocol.stream.SampleClock;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * A protocol-v1 wristband's part of a {@link DeviceFeed}: on each connection the data
 * characteristic is subscribed raw (the Inspector must see malformed packets too) and through
 * {@link WristbandProfile}, which decodes each notification, feeds stream health, and hands the
 * samples over; they go into the device's ring buffer, its sinks and its classification. Batched
 * samples are spread at the configured rate; the device's 32-bit clock is unwrapped to 64 bits.
 * Nothing here touches JavaFX.
 */
public final class WristbandFeed implements KindFeed {

  /** Address of the built-in virtual wristband. */
  public static final String VIRTUAL_ADDRESS = "02:00:00:00:00:01";

  private final String address;
  private final LiveDevice device;
  private final SampleSink sink;
  private final StreamHealth health;
  private final double[] sample = new double[6];
  private final DeviceClock deviceClock = new DeviceClock();
  private final long[] times = new long[WristbandCodec.MAX_SAMPLES];
  private volatile double rateHz = WristbandConfig.DEFAULT.outputDataRateHz();
  private volatile SampleClock clock = SampleClock.forNominalRate(rateHz);

  WristbandFeed(String address, LiveDevice device, SampleSink sink) {
    this.address = address;
    this.device = device;
    this.sink = sink;
    this.health =
        StreamHealth.withSequenceNumbers(
            new StreamKey(address, WristbandUuids.DATA),
            NominalRate.ofSamples(
                WristbandConfig.DEFAULT.outputDataRateHz(),
                Math.max(1, WristbandConfig.DEFAULT.batchSize())));
    device.attachHealth(health);
  }

  /**
   * Starts the built-in virtual wristband doing the demo workout, in its own in-process transport.
   *
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual() {
    return startVirtual(VIRTUAL_ADDRESS, "Virtual wristband", AthleteMotion.demo());
  }

  /**
   * Starts a virtual wristband with its own address, name and motion, in its own in-process
   * transport (several can run side by side, one per athlete).
   *
   * @param address its address
   * @param name its name
   * @param motion what its sensors feel
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual(String address, String name, MotionSource motion) {
    return startVirtual(address, name, motion, SampleSink.NONE);
  }

  /**
   * Connects an in-process virtual wristband performing the given motion, every decoded sample
   * also going to a sink (a recorder).
   *
   * @param address the device's address
   * @param name the device's name
   * @param motion what the device's sensors feel
   * @param sink where every decoded sample also goes
   * @return the device
   */
  public static LiveDevice startVirtual(
      String address, String name, MotionSource motion, SampleSink sink) {
    return DeviceFeed.startVirtual(DeviceKind.WRISTBAND_V1, address, name, motion, sink);
  }

  /**
   * Connects a wristband and starts its stream, supervised ({@link DeviceFeed}).
   *
   * @param transport how to reach it
   * @param address its address
   * @param name what to call it
   * @param ownsTransport whether closing the device closes the transport too
   * @return the device, connecting; its link status and problem say how it goes
   */
  public static LiveDevice start(
      BleTransport transport, String address, String name, boolean ownsTransport) {
    return DeviceFeed.start(
        transport, address, name, Optional.of(DeviceKind.WRISTBAND_V1), ownsTransport, SampleSink.NONE);
  }

  @Override
  public List<DeviceStream> streams() {
    return List.of(
        new DeviceStream(
            "imu",
            LiveClassification.WRISTBAND_CHANNELS,
            rateHz));
  }

  @Override
  public CompletableFuture<ProfileSession> startOn(
      BleConnection connection, List<GattCharacteristicInfo> characteristics) {
    HeldSession held = new HeldSession();
    clock.reset(); // a new connection: the device's clock and the link's timing start afresh
    DeviceInfo.readBattery(connection, device);
    return held.closeOnFailure(
        connection
            .subscribe(WristbandUuids.DATA, device::onRawNotification)
            .thenCompose(
                raw -> {
                  held.hold(raw);
                  return WristbandProfile.start(connection, this::onPacket, Optional.of(health));
                })
            .thenApply(
                session -> {
                  double rate = session.config().outputDataRateHz();
                  if (rate != rateHz) {
                    clock = SampleClock.forNominalRate(rate);
                  }
                  rateHz = rate;
                  device.reportWristbandConfig(session.config());
                  device.recognise(DeviceKind.WRISTBAND_V1, device.kind(), streams());
                  return (ProfileSession) held.withProfile(session);
                }));
  }

  private void onPacket(TimedPacket<WristbandDataPacket> timed) {
    List<WristbandSample> samples = timed.packet().samples();
    double rate = rateHz;
    int n = samples.size();
    clock.stampWithDeviceTime(timed.hostTimeNanos(), timed.packet().deviceTimeMicros(), n, times);
    long firstDeviceMicros = deviceClock.extend(timed.packet().deviceTimeMicros());
    for (int i = 0; i < n; i++) {
      WristbandSample s = samples.get(i);
      Vector3 a = s.accelG();
      Vector3 g = s.gyroRadPerS();
      long t = times[i];
      device.imuSamples().append(t, a.x(), a.y(), a.z(), g.x(), g.y(), g.z());
      sample[0] = a.x();
      sample[1] = a.y();
      sample[2] = a.z();
      sample[3] = g.x();
      sample[4] = g.y();
      sample[5] = g.z();
      long deviceMicros = firstDeviceMicros + (long) (i * 1e6 / rate);
      sink.onSample(0, t, deviceMicros, sample);
      Optional<LiveClassification> live = device.classification();
      if (live.isPresent()) {
        live.get().push(t / 1e9, sample);
      }
    }
  }
}
