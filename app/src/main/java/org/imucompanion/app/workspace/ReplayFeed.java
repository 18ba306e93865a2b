package org.imucompanion.app.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.profile.EmgReading;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.virtualdevice.DeviceLink;
import org.imucompanion.ble.virtualdevice.VirtualDevice;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * A capture played back into the dashboard: each captured device becomes a {@link LiveDevice} fed
 * by the same feed a live one uses ({@link WristbandFeed}, {@link LegacyFeed}, {@link MyoFeed}) over
 * a {@link CaptureReplay} transport, so Live plots and labels it, the Inspector shows its packets
 * and Record can record it. The replay is shared by its devices and closed with the last of them.
 *
 * <p>A capture with a device this app cannot decode (a kind it has no profile for, or a GATT table
 * without a characteristic the profile needs) is refused whole, with the reason ({@link
 * #refusal}): the same rule as the {@code replay} command's. A legacy wristband's values come back
 * as notifications even when the app polled it live, since that is how the capture holds them.
 */
public final class ReplayFeed {
  /** How long playing waits for the feeds to subscribe before it starts anyway. */
  private static final long SUBSCRIBE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final CaptureReplay replay;
  private final Path file;
  private final List<LiveDevice> devices;
  private final List<CaptureDevice> replayed;

  private ReplayFeed(
      CaptureReplay replay,
      Path file,
      List<LiveDevice> devices,
      List<CaptureDevice> replayed) {
    this.replay = replay;
    this.file = file;
    this.devices = List.copyOf(devices);
    this.replayed = List.copyOf(replayed);
  }

  /**
   * Opens a capture and connects its devices' feeds; nothing plays until {@link #play()}. Reads the
   * capture's sidecar: call it off the FX thread.
   *
   * @param file the btsnoop file, its sidecar beside it
   * @param pace how fast to play it (the dashboard uses the recorded pace)
   * @return the feed, its devices connecting
   * @throws IOException if the capture cannot be read, or a device in it cannot be replayed ({@link
   *     #refusal})
   */
  public static ReplayFeed open(Path file, CaptureReplay.Pace pace) throws IOException {
    CaptureReplay replay = CaptureReplay.open(file, pace);
    List<CaptureDevice> replayable = replay.capturedDevices();
    List<String> refused = new ArrayList<>();
    for (CaptureDevice d : replayable) {
      refusal(d).ifPresent(refused::add);
    }
    if (replayable.isEmpty() || !refused.isEmpty()) {
      replay.close();
      throw new IOException(
          file
              + ": "
              + (replayable.isEmpty() ? "the sidecar names no device" : String.join("; ", refused))
              + "; nothing replayed");
    }
    AtomicInteger open = new AtomicInteger(replayable.size());
    List<LiveDevice> devices = new ArrayList<>();
    for (CaptureDevice d : replayable) {
      BleTransport share = new SharedReplay(replay, open);
      String name = "Replay: " + d.name().orElse(d.address());
      LiveDevice device =
          DeviceFeed.startReplayed(
              share, d.address(), name, DeviceKind.byId(d.kind()), d.characteristics());
      devices.add(device);
    }
    return new ReplayFeed(replay, file, devices, replayable);
  }

  /**
   * Returns what a characteristic of a device without sequence numbers should deliver, for stream
   * health over a capture: the Myo's IMU, each of its EMG characteristics (a quarter of the
   * rotation) and the legacy wristband's data as the live feed measures it. The wristband's rate
   * comes from its configuration instead; event characteristics (battery, classifier) have none.
   *
   * @param device the captured device, whose GATT table says how a legacy band was read
   * @param characteristic a characteristic UUID
   * @return the nominal rate, or empty for a characteristic without one
   */
  public static Optional<NominalRate> nominalRate(CaptureDevice device, UUID characteristic) {
    if (characteristic.equals(MyoUuids.IMU_DATA)) {
      return Optional.of(NominalRate.ofSamples(VirtualMyo.IMU_RATE_HZ, 1));
    }
    if (MyoUuids.EMG_DATA.contains(characteristic)) {
      return Optional.of(
          NominalRate.ofSamples(EmgReading.RATE_HZ / (double) MyoUuids.EMG_DATA.size(), 2));
    }
    if (characteristic.equals(LegacyUuids.DATA)) {
      // As the live feed judges it: 10 Hz from notifying firmware, the poll rate from read-only.
      return Optional.of(
          NominalRate.ofSamples(LegacyFeed.rateHz(LegacyFeed.modeOf(device.characteristics())), 1));
    }
    return Optional.empty();
  }

  /**
   * Says why a captured device cannot be replayed through its profile, if it cannot: a kind this
   * app has no profile for, or a GATT table without a characteristic the profile subscribes to or
   * writes (a capture saved by an older Inspector has no Myo command characteristic), or a
   * wristband captured without the configuration its packets decode with.
   *
   * @param d a device from a capture's sidecar
   * @return the reason, naming the device; empty if it can be replayed
   */
  public static Optional<String> refusal(CaptureDevice d) {
    String who = d.address() + " (" + d.name().orElse("unnamed") + ", " + d.kind() + ")";
    Optional<DeviceKind> kind = DeviceKind.byId(d.kind());
    if (kind.isEmpty()) {
      return Optional.of(
          who
              + ": no decoder for the kind '"
              + d.kind()
              + "' (this app decodes "
              + String.join(", ", Arrays.stream(DeviceKind.values()).map(DeviceKind::id).toList())
              + ")");
    }
    Map<UUID, String> needed = new LinkedHashMap<>();
    switch (kind.get()) {
      case WRISTBAND_V1 -> {
        needed.put(WristbandUuids.DATA, "data");
        needed.put(WristbandUuids.CONFIG, "configuration");
        needed.put(WristbandUuids.CONTROL, "control");
      }
      case LEGACY -> needed.put(LegacyUuids.DATA, "data");
      case MYO -> {
        needed.put(MyoUuids.IMU_DATA, "IMU data");
        for (int i = 0; i < MyoUuids.EMG_DATA.size(); i++) {
          needed.put(MyoUuids.EMG_DATA.get(i), "EMG " + i);
        }
        needed.put(MyoUuids.COMMAND, "command");
      }
    }
    List<String> missing = new ArrayList<>();
    needed.forEach(
        (uuid, label) -> {
          if (d.byUuid(uuid).isEmpty()) {
            missing.add(label + " " + uuid);
          }
        });
    if (!missing.isEmpty()) {
      return Optional.of(
          who
              + ": the capture's GATT table has no "
              + String.join(", no ", missing)
              + ", which the "
              + d.kind()
              + " profile needs");
    }
    if (kind.get() == DeviceKind.WRISTBAND_V1 && !d.readValues().containsKey(WristbandUuids.CONFIG)) {
      return Optional.of(
          who
              + ": the capture holds no configuration read from "
              + WristbandUuids.CONFIG
              + ", which its packets decode with");
    }
    return Optional.empty();
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
   * Says what is replayed, for the user.
   *
   * @return one line
   */
  public String summary() {
    return "Replaying "
        + file.getFileName()
        + " at its recorded pace: "
        + String.join(", ", devices.stream().map(LiveDevice::name).toList())
        + ".";
  }

  /**
   * Starts playing once the feeds have subscribed (waiting at most 5 s, on a thread of its own, so
   * the first notifications are not lost to a subscription still on its way).
   *
   * @return completes when every notification was handed over, with the counts; a failure, damaged
   *     records passed over and time stamp jumps are also reported as each device's problem
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
          } else {
            problemOf(report).ifPresent(p -> devices.forEach(d -> d.reportProblem(p)));
          }
        });
    return playing;
  }

  /**
   * Says what a finished replay passed over, in one line for a device's problem.
   *
   * @param report what the replay did
   * @return e.g. {@code replay skipped 1 damaged stretch of the capture (52 bytes; record 57 at
   *     byte offset 3120: ...)}, or empty when nothing was passed over
   */
  static Optional<String> problemOf(CaptureReplay.Report report) {
    List<String> parts = new ArrayList<>();
    if (report.damagedStretches() > 0) {
      parts.add(
          "skipped "
              + report.damagedStretches()
              + (report.damagedStretches() == 1 ? " damaged stretch" : " damaged stretches")
              + " of the capture ("
              + report.bytesSkipped()
              + " bytes; first: "
              + report.damage().get(0).describe()
              + ")");
    }
    if (report.jumpCount() > 0) {
      parts.add(report.jumps().get(0).describe() + (report.jumpCount() > 1 ? " (and " + (report.jumpCount() - 1) + " more jumps)" : ""));
    }
    return parts.isEmpty() ? Optional.empty() : Optional.of("replay " + String.join("; ", parts));
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
    VirtualDevice device = replay.device(d.address()).orElse(null);
    DeviceLink link = device == null ? null : device.link().orElse(null);
    if (link == null) {
      return 0;
    }
    int n = 0;
    // The replayed table, not the captured one: a polled legacy band's data notifies in a replay.
    for (GattCharacteristicInfo c : device.characteristics()) {
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
