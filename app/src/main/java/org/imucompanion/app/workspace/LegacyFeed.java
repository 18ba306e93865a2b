package org.imucompanion.app.workspace;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.LegacyProfile;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.VirtualLegacyWristband;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;

/**
 * Connects a legacy Simblee wristband and streams it into a {@link LiveDevice}. Its firmware can
 * only be polled, as the original project did about every 0.35 s, so it gives about 3 samples a
 * second: enough to plot and to watch, too slow for the shipped model's pipeline.
 */
public final class LegacyFeed {
  /** How often the characteristic is read: the original collecting PC's interval. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(350);

  private LegacyFeed() {}

  /**
   * Starts a virtual legacy wristband (poll-only firmware) in its own in-process transport.
   *
   * @param address its address
   * @param name its name
   * @param motion what its sensors feel
   * @return the device, connecting; closing it stops the polling and the transport
   */
  public static LiveDevice startVirtual(String address, String name, MotionSource motion) {
    VirtualTransport transport = VirtualTransport.create();
    transport.addDevice(new VirtualLegacyWristband(address, name, motion, 0));
    return start(transport, address, name, "legacy wristband (virtual)", true);
  }

  /**
   * Connects a legacy wristband and starts reading it.
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
    DeviceLink link = new DeviceLink(transport, ownsTransport);
    LiveDevice device =
        new LiveDevice(
            name,
            kind,
            new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY),
            link);
    SampleRingBuffer buffer = device.imuSamples();
    CompletableFuture<LegacyProfile.Session> started = link.connect(address, device)
        .thenCompose(
            connection -> {
              StreamHealth health =
                  StreamHealth.withoutSequenceNumbers(
                      new StreamKey(address, LegacyUuids.DATA),
                      NominalRate.ofSamples(1e3 / POLL_INTERVAL.toMillis(), 1));
              device.attachHealth(health);
              DeviceLink.readBattery(connection, device);
              return LegacyProfile.start(
                  connection,
                  (TimedPacket<LegacyWristbandPacket> timed) -> {
                    Vector3 a = timed.packet().accelG();
                    Vector3 g = timed.packet().gyroRadPerS();
                    buffer.append(timed.hostTimeNanos(), a.x(), a.y(), a.z(), g.x(), g.y(), g.z());
                  },
                  Optional.of(health),
                  POLL_INTERVAL);
            });
    link.keep(started, device);
    return device;
  }
}
