package org.imucompanion.app.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.virtualdevice.DeviceLink;
import org.imucompanion.ble.virtualdevice.VirtualDevice;

/**
 * A capture played back into the dashboard: each captured wristband or Myo becomes a {@link
 * LiveDevice} fed by the same feed a live one uses ({@link WristbandFeed}, {@link MyoFeed}) over a
 * {@link CaptureReplay} transport, so Live plots and labels it, the Inspector shows its packets and
 * Record can record it. The replay is shared by its devices and closed with the last of them.
 *
 * <p>Legacy wristbands are not replayed: the app polls them by reading, and a capture holds
 * notifications, not a reading per poll.
 */
public final class ReplayFeed {
  /** How long playing waits for the feeds to subscribe before it starts anyway. */
  private static final long SUBSCRIBE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final CaptureReplay replay;
  private final Path file;
  private final List<LiveDevice> devices;
  private final List<CaptureDevice> replayed;
  private final List<String> skipped;

  private ReplayFeed(
      CaptureReplay replay,
      Path file,
      List<LiveDevice> devices,
      List<CaptureDevice> replayed,
      List<String> skipped) {
    this.replay = replay;
    this.file = file;
    this.devices = List.copyOf(devices);
    this.replayed = List.copyOf(replayed);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * Opens a capture and connects its devices' feeds; nothing plays until {@link #play()}. Reads the
   * capture's sidecar: call it off the FX thread.
   *
   * @param file the btsnoop file, its sidecar beside it
   * @param pace how fast to play it (the dashboard uses the recorded pace)
   * @return the feed, its devices connecting
   * @throws IOException if the capture cannot be read, or it has no device this app can replay
   */
  public static ReplayFeed open(Path file, CaptureReplay.Pace pace) throws IOException {
    CaptureReplay replay = CaptureReplay.open(file, pace);
    List<CaptureDevice> replayable = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (CaptureDevice d : replay.capturedDevices()) {
      DeviceKind kind = DeviceKind.byId(d.kind()).orElse(null);
      if (kind == DeviceKind.WRISTBAND_V1 || kind == DeviceKind.MYO) {
        replayable.add(d);
      } else {
        skipped.add(d.address() + " (" + d.kind() + ": not replayed, the app polls it)");
      }
    }
    if (replayable.isEmpty()) {
      replay.close();
      throw new IOException(
          file + ": no wristband or Myo in the capture to replay" + (skipped.isEmpty() ? "" : "; " + skipped));
    }
    AtomicInteger open = new AtomicInteger(replayable.size());
    List<LiveDevice> devices = new ArrayList<>();
    for (CaptureDevice d : replayable) {
      BleTransport share = new SharedReplay(replay, open);
      String name = "Replay: " + d.name().orElse(d.address());
      LiveDevice device =
          DeviceFeed.start(
              share, d.address(), name, DeviceKind.byId(d.kind()), true, SampleSink.NONE);
      devices.add(device);
    }
    return new ReplayFeed(replay, file, devices, replayable, skipped);
  }

  /**
   * Opens a capture on a background executor.
   *
   * @param file the btsnoop file
   * @param pace how fast to play it
   * @param background where the sidecar is read
   * @return completes with the feed, or fails with the {@link IOException}
   */
  public static CompletableFuture<ReplayFeed> open(
      Path file, CaptureReplay.Pace pace, Executor background) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return open(file, pace);
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        background);
  }

  /**
   * Returns the devices replayed, in capture order.
   *
   * @return the devices, to add to the workspace
   */
  public List<LiveDevice> devices() {
    return devices;
  }

  /**
   * Says what is replayed and what was left out, for the user.
   *
   * @return one line
   */
  public String summary() {
    StringBuilder s =
        new StringBuilder("Replaying ")
            .append(file.getFileName())
            .append(" at its recorded pace: ")
            .append(String.join(", ", devices.stream().map(LiveDevice::name).toList()));
    if (!skipped.isEmpty()) {
      s.append("; left out ").append(String.join(", ", skipped));
    }
    return s.append('.').toString();
  }

  /**
   * Starts playing once the feeds have subscribed (waiting at most 5 s, on a thread of its own, so
   * the first notifications are not lost to a subscription still on its way).
   *
   * @return completes when every notification was handed over, with the counts; a failure is also
   *     reported as each device's problem
   */
  public CompletableFuture<CaptureReplay.Report> play() {
    Executor waiter =
        r -> {
          Thread t = new Thread(r, "capture-replay-start");
          t.setDaemon(true);
          t.start();
        };
    CompletableFuture<CaptureReplay.Report> playing =
        CompletableFuture.runAsync(this::awaitSubscriptions, waiter)
            .thenCompose(unused -> replay.play());
    // A capture that turns out bad half-way stops there; the devices say why.
    playing.whenComplete(
        (report, failure) -> {
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            devices.forEach(d -> d.reportProblem("replay stopped: " + cause.getMessage()));
          }
        });
    return playing;
  }

  private void awaitSubscriptions() {
    long deadline = System.nanoTime() + SUBSCRIBE_WAIT_NANOS;
    int last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int notifying = 0;
      boolean everyDevice = true;
      for (CaptureDevice d : replayed) {
        int n = notifying(d);
        everyDevice &= n > 0;
        notifying += n;
      }
      if (notifying != last) {
        last = notifying;
        stableSince = System.nanoTime();
      } else if (everyDevice && System.nanoTime() - stableSince > TimeUnit.MILLISECONDS.toNanos(250)) {
        return; // a Myo subscribes to several characteristics one after another: let them all land
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int notifying(CaptureDevice d) {
    DeviceLink link = replay.device(d.address()).flatMap(VirtualDevice::link).orElse(null);
    if (link == null) {
      return 0;
    }
    int n = 0;
    for (GattCharacteristicInfo c : d.characteristics()) {
      if ((c.has(CharacteristicProperty.NOTIFY) || c.has(CharacteristicProperty.INDICATE))
          && link.isNotifying(c.uuid())) {
        n++;
      }
    }
    return n;
  }

  /** One device's hold on the shared replay: the last one closed closes the replay. */
  private static final class SharedReplay implements BleTransport {
    private final CaptureReplay replay;
    private final AtomicInteger open;
    private final AtomicBoolean closed = new AtomicBoolean();

    SharedReplay(CaptureReplay replay, AtomicInteger open) {
      this.replay = Objects.requireNonNull(replay);
      this.open = open;
    }

    @Override
    public CompletableFuture<ScanSession> scan(
        ScanFilter filter, ScanListener listener, Executor executor) {
      return replay.scan(filter, listener, executor);
    }

    @Override
    public CompletableFuture<BleConnection> connect(
        String address, ConnectionListener listener, Executor executor) {
      return replay.connect(address, listener, executor);
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true) && open.decrementAndGet() == 0) {
        replay.close();
      }
    }
  }
}
