package org.imucompanion.app.workspace;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.ProfileSession;
import org.imucompanion.ble.supervise.ReconnectPolicy;
import org.imucompanion.ble.supervise.StreamGap;
import org.imucompanion.ble.supervise.SupervisedDevice;
import org.imucompanion.ble.supervise.SupervisedState;
import org.imucompanion.ble.supervise.SupervisorListener;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.VirtualDevice;
import org.imucompanion.ble.virtualdevice.VirtualLegacyWristband;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;

/**
 * The one way a live device enters the app, for every command and view: a {@link
 * SupervisedDevice} keeps it connected (reconnect with capped backoff and jitter, permanent
 * failures reported and not retried), and on each new connection the device is recognised by its
 * GATT characteristics ({@link DeviceKind#fromCharacteristics}) and its kind's feed ({@link
 * WristbandFeed}, {@link LegacyFeed}, {@link MyoFeed}) starts its profile, its raw subscriptions
 * and its information reads again. The {@link LiveDevice} — its row, its buffers, its stream
 * health — stays the same across reconnects; each outage is counted in its {@link LinkStatus} and
 * handed to its sinks as a gap.
 */
public final class DeviceFeed {
  /** Callbacks run on the connection's own delivery thread: nothing done there blocks. */
  private static final Executor DIRECT = Runnable::run;

  private final BleTransport transport;
  private final String address;
  private final LiveDevice device;
  private final SampleSink sinks;
  private final Optional<List<GattCharacteristicInfo>> recordedTable;
  private volatile KindFeed feed;

  private DeviceFeed(
      BleTransport transport,
      String address,
      LiveDevice device,
      SampleSink sink,
      Optional<List<GattCharacteristicInfo>> recordedTable) {
    this.recordedTable = recordedTable;
    this.transport = transport;
    this.address = address;
    this.device = device;
    this.sinks = new BothSinks(sink, device);
  }

  /**
   * Starts supervising a device on a transport.
   *
   * @param transport how to reach it
   * @param address its address
   * @param name what to call it
   * @param expected the kind its advertisement suggests, if known (a Myo then has its EMG buffer
   *     from the start); the connection decides
   * @param ownsTransport whether closing the device closes the transport too
   * @param sink receives every sample of every stream and every outage on the delivery thread
   * @param policy how to reconnect
   * @return the device, connecting; its {@link LiveDevice#link()} and problem say how it goes
   */
  public static LiveDevice start(
      BleTransport transport,
      String address,
      String name,
      Optional<DeviceKind> expected,
      boolean ownsTransport,
      SampleSink sink,
      ReconnectPolicy policy) {
    return start(transport, address, name, expected, ownsTransport, sink, policy, Optional.empty());
  }

  /**
   * Starts a replayed device: a capture's replay offers every captured value as a notification,
   * so how the device was really read (a legacy band polled or notifying) comes from the GATT
   * table the capture recorded, not from the replayed one.
   *
   * @param transport the replay
   * @param address the captured device's address
   * @param name what to call it
   * @param kind its captured kind
   * @param recordedTable the GATT table the capture recorded
   * @return the device, connecting
   */
  static LiveDevice startReplayed(
      BleTransport transport,
      String address,
      String name,
      Optional<DeviceKind> kind,
      List<GattCharacteristicInfo> recordedTable) {
    return start(
        transport,
        address,
        name,
        kind,
        true,
        SampleSink.NONE,
        ReconnectPolicy.DEFAULT,
        Optional.of(List.copyOf(recordedTable)));
  }

  private static LiveDevice start(
      BleTransport transport,
      String address,
      String name,
      Optional<DeviceKind> expected,
      boolean ownsTransport,
      SampleSink sink,
      ReconnectPolicy policy,
      Optional<List<GattCharacteristicInfo>> recordedTable) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(sink, "sink");
    Source source = new Source(ownsTransport ? Optional.of(transport) : Optional.empty());
    LiveDevice device =
        new LiveDevice(
            name,
            expected.map(k -> shownKind(k, transport)).orElse("unknown"),
            new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY),
            expected
                .filter(k -> k == DeviceKind.MYO)
                .map(k -> new SampleRingBuffer(LiveDevice.EMG_CHANNELS, LiveDevice.EMG_CAPACITY)),
            source);
    device.reportAddress(address);
    DeviceFeed feed = new DeviceFeed(transport, address, device, sink, recordedTable);
    source.supervisor =
        SupervisedDevice.start(
            transport, address, feed::startOn, policy, feed.new Listener(), DIRECT);
    return device;
  }

  /**
   * Starts supervising a device with the default reconnect policy.
   *
   * @param transport how to reach it
   * @param address its address
   * @param name what to call it
   * @param expected the kind its advertisement suggests, if known
   * @param ownsTransport whether closing the device closes the transport too
   * @param sink receives every sample and outage
   * @return the device, connecting
   */
  public static LiveDevice start(
      BleTransport transport,
      String address,
      String name,
      Optional<DeviceKind> expected,
      boolean ownsTransport,
      SampleSink sink) {
    return start(
        transport, address, name, expected, ownsTransport, sink, ReconnectPolicy.DEFAULT);
  }

  /**
   * Starts a built-in virtual device of a kind, doing a motion, in its own in-process transport.
   *
   * @param kind which kind
   * @param address its address
   * @param name its name
   * @param motion what its sensors feel
   * @param sink receives every sample and outage
   * @return the device, connecting; closing it stops the stream and the transport
   */
  public static LiveDevice startVirtual(
      DeviceKind kind, String address, String name, MotionSource motion, SampleSink sink) {
    VirtualTransport transport = VirtualTransport.create();
    VirtualDevice virtual =
        switch (kind) {
          case WRISTBAND_V1 -> new VirtualWristband(address, name, motion);
          case MYO -> new VirtualMyo(address, name, motion);
          case LEGACY -> new VirtualLegacyWristband(address, name, motion, 0);
        };
    transport.addDevice(virtual);
    return start(transport, address, name, Optional.of(kind), true, sink);
  }

  /**
   * Names a kind for display, marking virtual and replayed devices.
   *
   * @param kind the kind
   * @param transport where it lives
   * @return e.g. {@code myo} through BlueZ, {@code wristband v1 (virtual)}, {@code myo (replay)}
   */
  static String shownKind(DeviceKind kind, BleTransport transport) {
    String base =
        switch (kind) {
          case WRISTBAND_V1 -> "wristband v1";
          case LEGACY -> "legacy wristband";
          case MYO -> "myo";
        };
    if (transport instanceof VirtualTransport) {
      return base + " (virtual)";
    }
    return transport instanceof BluezTransport ? base : base + " (replay)";
  }

  // ------------------------------------------------------------- on each connection

  private CompletableFuture<ProfileSession> startOn(BleConnection connection) {
    return connection
        .characteristics()
        .thenCompose(
            chars -> {
              Optional<DeviceKind> kind = DeviceKind.fromCharacteristics(chars);
              if (kind.isEmpty()) {
                return CompletableFuture.failedFuture(
                    new BleException(
                        BleException.Reason.NOT_SUPPORTED,
                        address
                            + " is not a device this app can stream: it has none of the"
                            + " protocol-v1 wristband, legacy wristband or Myo data"
                            + " characteristics"));
              }
              KindFeed current = feed;
              if (current == null) {
                current = feedFor(kind.get(), chars);
                feed = current;
              } else if (device.deviceKind().orElse(null) != kind.get()) {
                return CompletableFuture.failedFuture(
                    new BleException(
                        BleException.Reason.NOT_SUPPORTED,
                        address
                            + " came back as a "
                            + kind.get().id()
                            + " after streaming as a "
                            + device.deviceKind().map(DeviceKind::id).orElse("?")));
              }
              device.recognise(
                  kind.get(), shownKind(kind.get(), transport), current.streams(), chars);
              return current.startOn(connection, chars);
            });
  }

  private KindFeed feedFor(DeviceKind kind, List<GattCharacteristicInfo> chars) {
    return switch (kind) {
      case WRISTBAND_V1 -> new WristbandFeed(address, device, sinks);
      case MYO -> new MyoFeed(address, device, sinks);
      case LEGACY -> new LegacyFeed(
          address, device, sinks, LegacyFeed.modeOf(recordedTable.orElse(chars)));
    };
  }

  /** The feed's own sink and whatever the device is recording into right now. */
  private record BothSinks(SampleSink fixed, LiveDevice device) implements SampleSink {
    @Override
    public void onSample(int stream, long hostNanos, long deviceMicros, double[] values) {
      fixed.onSample(stream, hostNanos, deviceMicros, values);
      device.recordingSink().onSample(stream, hostNanos, deviceMicros, values);
    }

    @Override
    public void onOutage(long lostAtNanos, long resumedAtNanos, String cause) {
      fixed.onOutage(lostAtNanos, resumedAtNanos, cause);
      device.recordingSink().onOutage(lostAtNanos, resumedAtNanos, cause);
    }
  }

  /** Turns the supervisor's events into the device's link status, state and gaps. */
  private final class Listener implements SupervisorListener {
    @Override
    public void onStateChanged(SupervisedState state) {
      if (state == SupervisedState.STREAMING) {
        device.link().lastFailure().ifPresent(device::clearProblem); // that attempt is history
      }
      device.reportState(
          switch (state) {
            case CONNECTING -> ConnectionState.CONNECTING;
            case STREAMING -> ConnectionState.SERVICES_RESOLVED;
            case RECONNECTING, GAVE_UP -> ConnectionState.DISCONNECTED;
            case STOPPED -> ConnectionState.CLOSED;
          });
      device.updateLink(
          s ->
              new LinkStatus(
                  state,
                  state == SupervisedState.STREAMING ? 1 : s.attempt(),
                  0,
                  s.outages(),
                  s.lostTime(),
                  s.lastFailure()));
    }

    @Override
    public void onGap(StreamGap gap) {
      String cause = gap.cause().map(Throwable::getMessage).orElse("link lost");
      device.updateLink(
          s ->
              new LinkStatus(
                  s.state(),
                  s.attempt(),
                  s.nextAttemptAtNanos(),
                  s.outages() + 1,
                  s.lostTime().plus(gap.duration()),
                  s.lastFailure()));
      for (org.imucompanion.ble.health.StreamHealth h : device.healths()) {
        h.recordOutage(gap.lostAtNanos(), gap.resumedAtNanos());
      }
      sinks.onOutage(gap.lostAtNanos(), gap.resumedAtNanos(), cause);
    }

    @Override
    public void onAttemptFailed(BleException failure) {
      device.reportProblem(failure.getMessage());
      device.updateLink(
          s ->
              new LinkStatus(
                  s.state(),
                  s.attempt(),
                  s.nextAttemptAtNanos(),
                  s.outages(),
                  s.lostTime(),
                  Optional.of(failure.getMessage())));
    }

    @Override
    public void onRetryScheduled(int attempt, Duration wait) {
      long at = System.nanoTime() + wait.toNanos();
      device.updateLink(
          s ->
              new LinkStatus(
                  s.state(), attempt, at, s.outages(), s.lostTime(), s.lastFailure()));
    }
  }

  /** What the device closes: the supervisor (session, connection), then an owned transport. */
  private static final class Source implements AutoCloseable {
    private final Optional<BleTransport> owned;
    private volatile SupervisedDevice<ProfileSession> supervisor;

    Source(Optional<BleTransport> owned) {
      this.owned = owned;
    }

    @Override
    public void close() {
      SupervisedDevice<ProfileSession> s = supervisor;
      if (s != null) {
        s.close();
      }
      owned.ifPresent(BleTransport::close);
    }
  }
}
