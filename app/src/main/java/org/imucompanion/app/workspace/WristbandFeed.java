package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Connects a protocol-v1 wristband and streams its samples into a {@link LiveDevice}: the
 * connection's delivery thread decodes each notification (ble-driver's {@link WristbandProfile}),
 * feeds stream health, and appends the samples to the device's ring buffer. Nothing here touches
 * JavaFX.
 */
public final class WristbandFeed {
  /** Address of the built-in virtual wristband. */
  public static final String VIRTUAL_ADDRESS = "02:00:00:00:00:01";

  private WristbandFeed() {}

  /**
   * Starts the built-in virtual wristband doing the demo workout, in its own in-process transport.
   *
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual() {
    return startVirtual(SampleSink.NONE);
  }

  /**
   * Starts the built-in virtual wristband, also handing every sample to a sink.
   *
   * @param sink receives every sample on the delivery thread
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual(SampleSink sink) {
    VirtualTransport transport = VirtualTransport.create();
    transport.addDevice(
        new VirtualWristband(VIRTUAL_ADDRESS, "Virtual wristband", AthleteMotion.demo()));
    return start(
        transport, VIRTUAL_ADDRESS, "Virtual wristband", "wristband v1 (virtual)", true, sink);
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
    VirtualTransport transport = VirtualTransport.create();
    transport.addDevice(new VirtualWristband(address, name, motion));
    return start(transport, address, name, "wristband v1 (virtual)", true, sink);
  }

  /**
   * Connects a wristband and starts its stream.
   *
   * @param transport how to reach it
   * @param address its address
   * @param name what to call it
   * @param kind what to show as its kind
   * @param ownsTransport whether closing the device closes the transport too
   * @return the device, connecting; its state and problem say how it goes
   */
  public static LiveDevice start(
      BleTransport transport, String address, String name, String kind, boolean ownsTransport) {
    return start(transport, address, name, kind, ownsTransport, SampleSink.NONE);
  }

  /**
   * Connects a wristband and starts its stream, also handing every sample to a sink.
   *
   * @param transport how to reach it
   * @param address its address
   * @param name what to call it
   * @param kind what to show as its kind
   * @param ownsTransport whether closing the device closes the transport too
   * @param sink receives every sample on the delivery thread (e.g. a session recorder)
   * @return the device, connecting; its state and problem say how it goes
   */
  public static LiveDevice start(
      BleTransport transport,
      String address,
      String name,
      String kind,
      boolean ownsTransport,
      SampleSink sink) {
    DeviceLink link = new DeviceLink(transport, ownsTransport);
    SampleRingBuffer buffer =
        new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY);
    LiveDevice device = new LiveDevice(name, kind, buffer, link);
    CompletableFuture<WristbandProfile.Session> started = link.connect(address, device)
        .thenCompose(
            connection -> {
              DeviceLink.readBattery(connection, device);
              StreamHealth health =
                  StreamHealth.withSequenceNumbers(
                      new StreamKey(address, WristbandUuids.DATA),
                      NominalRate.ofSamples(
                          WristbandConfig.DEFAULT.outputDataRateHz(),
                          Math.max(1, WristbandConfig.DEFAULT.batchSize())));
              device.attachHealth(health);
              SampleAppender appender = new SampleAppender(device, sink);
              // A second, raw subscription for the Inspector: it must see malformed packets too.
              return connection
                  .subscribe(WristbandUuids.DATA, device.notifications()::append)
                  .thenCompose(
                      raw -> {
                        link.hold(raw);
                        return WristbandProfile.start(
                            connection, appender::onPacket, Optional.of(health));
                      })
                  .thenApply(
                      session -> {
                        appender.rateHz = session.config().outputDataRateHz();
                        return session;
                      });
            });
    link.keep(started, device);
    return device;
  }

  /** Appends each packet's samples, spreading a batch back in time at the device's rate. */
  private static final class SampleAppender {
    private final LiveDevice device;
    private final SampleRingBuffer buffer;
    private final SampleSink sink;
    private final double[] sample = new double[6];
    private volatile double rateHz = WristbandConfig.DEFAULT.outputDataRateHz();

    SampleAppender(LiveDevice device, SampleSink sink) {
      this.device = device;
      this.buffer = device.imuSamples();
      this.sink = sink;
    }

    void onPacket(TimedPacket<WristbandDataPacket> timed) {
      List<WristbandSample> samples = timed.packet().samples();
      long period = (long) (1e9 / rateHz);
      int n = samples.size();
      for (int i = 0; i < n; i++) {
        WristbandSample s = samples.get(i);
        Vector3 a = s.accelG();
        Vector3 g = s.gyroRadPerS();
        long t = timed.hostTimeNanos() - (n - 1 - i) * period;
        buffer.append(t, a.x(), a.y(), a.z(), g.x(), g.y(), g.z());
        sample[0] = a.x();
        sample[1] = a.y();
        sample[2] = a.z();
        sample[3] = g.x();
        sample[4] = g.y();
        sample[5] = g.z();
        long deviceMicros =
            (timed.packet().deviceTimeMicros() + (long) (i * 1e6 / rateHz)) & 0xFFFF_FFFFL;
        sink.onSample(t, deviceMicros, sample);
        device.recordingSink().onSample(t, deviceMicros, sample);
        Optional<LiveClassification> live = device.classification();
        if (live.isPresent()) {
          live.get().push(t / 1e9, sample);
        }
      }
    }
  }
}
