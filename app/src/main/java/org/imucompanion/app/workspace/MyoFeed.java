package org.imucompanion.app.workspace;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.EmgReading;
import org.imucompanion.ble.profile.MyoListener;
import org.imucompanion.ble.profile.MyoProfile;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;

/**
 * Connects a Myo armband and streams it into a {@link LiveDevice}: IMU at 50 Hz into the IMU ring
 * buffer (and, with the armband's own quaternion, into the live classification), the merged
 * 200 Hz EMG stream (ble-driver's {@link MyoProfile}, four characteristics put back in order) into
 * the EMG ring buffer, and the battery level and firmware version read once after connecting.
 * Everything runs on the connection's delivery thread; nothing here touches JavaFX.
 */
public final class MyoFeed {
  /** Address of the built-in virtual Myo. */
  public static final String VIRTUAL_ADDRESS = "02:00:00:00:00:02";

  private MyoFeed() {}

  /**
   * Starts the built-in virtual Myo doing the demo workout, in its own in-process transport.
   *
   * @param sink receives every IMU sample (accelerometer, gyroscope) on the delivery thread
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
   * @param sink receives every IMU sample on the delivery thread
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual(
      String address, String name, MotionSource motion, SampleSink sink) {
    VirtualTransport transport = VirtualTransport.create();
    transport.addDevice(new VirtualMyo(address, name, motion));
    return start(transport, address, name, "myo (virtual)", true, sink);
  }

  /**
   * Connects a Myo and starts its IMU and EMG streams.
   *
   * @param transport how to reach it
   * @param address its address
   * @param name what to call it
   * @param kind what to show as its kind
   * @param ownsTransport whether closing the device closes the transport too
   * @param sink receives every IMU sample (accelerometer g, gyroscope rad/s) on the delivery thread
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
    LiveDevice device =
        new LiveDevice(
            name,
            kind,
            new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY),
            Optional.of(new SampleRingBuffer(LiveDevice.EMG_CHANNELS, LiveDevice.EMG_CAPACITY)),
            link);
    CompletableFuture<MyoProfile.Session> started = link.connect(address, device)
        .thenCompose(
            connection -> {
              // The Myo has no sequence numbers: its health is judged by rate and timing alone.
              StreamHealth imuHealth =
                  StreamHealth.withoutSequenceNumbers(
                      new StreamKey(address, MyoUuids.IMU_DATA),
                      NominalRate.ofSamples(VirtualMyo.IMU_RATE_HZ, 1));
              StreamHealth emgHealth =
                  StreamHealth.withoutSequenceNumbers(
                      new StreamKey(address, MyoUuids.EMG_DATA.get(0)),
                      NominalRate.ofSamples(EmgReading.RATE_HZ, 2));
              device.attachHealth(imuHealth);
              readInfo(connection, device);
              // Raw subscriptions for the Inspector, which must see every value as it came.
              CompletableFuture<?>[] raw =
                  Stream.concat(Stream.of(MyoUuids.IMU_DATA), MyoUuids.EMG_DATA.stream())
                      .map(
                          c ->
                              connection
                                  .subscribe(c, device.notifications()::append)
                                  .thenAccept(link::hold))
                      .toArray(CompletableFuture<?>[]::new);
              return CompletableFuture.allOf(raw)
                  .thenCompose(
                      subscribed ->
                          MyoProfile.start(
                              connection,
                              new Appender(device, sink),
                              Optional.of(imuHealth),
                              Optional.of(emgHealth)));
            });
    link.keep(started, device);
    return device;
  }

  /** Battery and firmware version are read once; a device that doesn't answer shows neither. */
  private static void readInfo(BleConnection connection, LiveDevice device) {
    CompletableFuture<Void> unused =
        connection
            .read(MyoUuids.FIRMWARE_VERSION)
            .thenAccept(
                bytes -> {
                  try {
                    device.reportFirmwareVersion(MyoCodec.decodeFirmwareVersion(bytes).toString());
                  } catch (ProtocolException e) {
                    device.reportProblem("unreadable firmware version: " + e.getMessage());
                  }
                })
            .exceptionally(e -> null)
            .thenRun(() -> DeviceLink.readBattery(connection, device));
  }

  /** Writes IMU and EMG samples into the device's buffers and its classification. */
  private static final class Appender implements MyoListener {
    private static final long EMG_SAMPLE_NANOS = 1_000_000_000L / EmgReading.RATE_HZ;
    private final LiveDevice device;
    private final SampleRingBuffer imu;
    private final SampleRingBuffer emg;
    private final SampleSink sink;
    private final double[] sample = new double[6];
    private final double[] withQuaternion = new double[10];
    private final double[] emgValues = new double[EmgSample.CHANNELS];

    Appender(LiveDevice device, SampleSink sink) {
      this.device = device;
      this.imu = device.imuSamples();
      this.emg = device.emgSamples().orElseThrow();
      this.sink = sink;
    }

    @Override
    public void onImu(TimedPacket<MyoImuPacket> timed) {
      MyoImuPacket p = timed.packet();
      Vector3 a = p.accelG();
      Vector3 g = p.gyroRadPerS();
      Quaternion q = p.orientation();
      long t = timed.hostTimeNanos();
      imu.append(t, a.x(), a.y(), a.z(), g.x(), g.y(), g.z());
      sample[0] = a.x();
      sample[1] = a.y();
      sample[2] = a.z();
      sample[3] = g.x();
      sample[4] = g.y();
      sample[5] = g.z();
      // The armband has no clock on the wire: its device time is the host's, in microseconds.
      long deviceMicros = (t / 1_000) & 0xFFFF_FFFFL;
      sink.onSample(t, deviceMicros, sample);
      device.recordingSink().onSample(t, deviceMicros, sample);
      Optional<LiveClassification> live = device.classification();
      if (live.isPresent()) {
        System.arraycopy(sample, 0, withQuaternion, 0, 6);
        withQuaternion[6] = q.w();
        withQuaternion[7] = q.x();
        withQuaternion[8] = q.y();
        withQuaternion[9] = q.z();
        live.get().push(t / 1e9, withQuaternion);
      }
    }

    @Override
    public void onEmg(EmgReading reading) {
      // Two samples share a notification; the first of a pair was taken 5 ms before it was sent.
      long t = reading.hostTimeNanos() - ((reading.sampleIndex() & 1) == 0 ? EMG_SAMPLE_NANOS : 0);
      EmgSample s = reading.sample();
      for (int c = 0; c < emgValues.length; c++) {
        emgValues[c] = s.channel(c);
      }
      emg.append(t, emgValues);
    }
  }
}
