package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.NotificationListener;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.virtualbluez.Await;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.ble.virtualdevice.VirtualDevice;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session with virtual devices is captured, then replayed through the transport API: the
 * replay must decode to exactly the samples the live session decoded, with the same timing.
 */
class CaptureReplayTest {

  private static final Executor DIRECT = Runnable::run;
  private static final WristbandConfig CONFIG =
      new WristbandConfig(100, AccelRange.G8, GyroRange.DPS1000, true, true, 4);
  private static final List<UUID> MYO_STREAMS = new ArrayList<>();

  static {
    MYO_STREAMS.add(MyoUuids.IMU_DATA);
    MYO_STREAMS.addAll(MyoUuids.EMG_DATA);
  }

  @TempDir Path dir;
  private Path file;
  private final List<Notification> live = new ArrayList<>();
  private final List<Long> arrivals = new ArrayList<>();
  private VirtualWristband band;
  private VirtualMyo myo;

  /** What a decoding profile would keep from a notification: its stream and decoded content. */
  private static String decoded(Notification n) throws Exception {
    if (n.characteristic().equals(WristbandUuids.DATA)) {
      return "wristband " + WristbandCodec.decode(n.value(), CONFIG);
    }
    if (n.characteristic().equals(MyoUuids.IMU_DATA)) {
      return n.deviceAddress() + " imu " + MyoCodec.decodeImu(n.value());
    }
    return n.deviceAddress() + " " + n.characteristic() + " " + MyoCodec.decodeEmg(n.value());
  }

  private static Map<String, List<Notification>> byStream(List<Notification> all) {
    Map<String, List<Notification>> out = new java.util.TreeMap<>();
    for (Notification n : all) {
      out.computeIfAbsent(n.deviceAddress() + " " + n.characteristic(), k -> new ArrayList<>())
          .add(n);
    }
    return out;
  }

  private static CaptureDevice describe(VirtualDevice d, Map<UUID, byte[]> reads) {
    return new CaptureDevice(d.address(), d.name(), d.kind(), d.characteristics(), reads);
  }

  @BeforeEach
  void recordALiveSession() throws Exception {
    file = dir.resolve("session.btsnoop");
    try (VirtualTransport transport = VirtualTransport.create();
        CaptureWriter capture = CaptureWriter.create(file)) {
      band = new VirtualWristband("C0:FF:EE:00:00:01", "IMU Wristband", SyntheticWorkout.demo());
      myo = new VirtualMyo("DE:AD:BE:EF:00:01", "Myo", SyntheticWorkout.demo());
      transport.addDevice(band);
      transport.addDevice(myo);
      // One listener keeps and captures each notification under one lock, so that what the test
      // remembers and what the capture holds are the same list however late a delivery thread runs;
      // after recording stops, late notifications go to neither.
      NotificationListener captured = capture.listener();
      boolean[] recording = {true};
      NotificationListener keep =
          n -> {
            synchronized (live) {
              if (recording[0]) {
                live.add(n);
                captured.onNotification(n);
              }
            }
          };

      BleConnection w =
          transport.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      w.write(WristbandUuids.CONFIG, CONFIG.encode(), WriteType.WITH_RESPONSE).join();
      capture.addDevice(
          describe(band, Map.of(WristbandUuids.CONFIG, w.read(WristbandUuids.CONFIG).join())));
      w.subscribe(WristbandUuids.DATA, keep).join();

      BleConnection m =
          transport.connect(myo.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      capture.addDevice(describe(myo, Map.of()));
      for (UUID u : MYO_STREAMS) {
        m.subscribe(u, keep).join();
      }
      w.write(
              WristbandUuids.CONTROL,
              WristbandControl.startStream().encode(),
              WriteType.WITHOUT_RESPONSE)
          .join();
      m.write(
              MyoUuids.COMMAND,
              MyoCommand.setMode(
                      MyoCommand.EMG_RAW, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED)
                  .encode(),
              WriteType.WITH_RESPONSE)
          .join();
      Thread.sleep(1000);
      w.write(
              WristbandUuids.CONTROL,
              WristbandControl.stopStream().encode(),
              WriteType.WITHOUT_RESPONSE)
          .join();
      m.write(
              MyoUuids.COMMAND,
              MyoCommand.setMode(
                      MyoCommand.EMG_NONE, MyoCommand.IMU_NONE, MyoCommand.CLASSIFIER_DISABLED)
                  .encode(),
              WriteType.WITH_RESPONSE)
          .join();
      synchronized (live) {
        recording[0] = false;
        assertThat(capture.failure()).isEmpty();
        assertThat(capture.written()).isEqualTo(live.size());
      }
    }
    assertThat(live.size()).isGreaterThan(150); // 25 wristband + 50 IMU + 100 EMG a second
  }

  private List<Notification> replay(CaptureReplay.Pace pace, List<CaptureReplay.Report> report)
      throws Exception {
    List<Notification> replayed = new ArrayList<>();
    arrivals.clear();
    // The wristband's and the Myo's notifications arrive on their own delivery threads.
    NotificationListener keep =
        n -> {
          long now = System.nanoTime();
          synchronized (replayed) {
            arrivals.add(now);
            replayed.add(n);
          }
        };
    try (CaptureReplay replay = CaptureReplay.open(file, pace)) {
      BleTransport transport = replay;
      BleConnection w =
          transport.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      // The profile reads the config it needs to decode, as it would from the live device.
      assertThat(WristbandConfig.decode(w.read(WristbandUuids.CONFIG).join())).isEqualTo(CONFIG);
      w.subscribe(WristbandUuids.DATA, keep).join();
      w.write(
              WristbandUuids.CONTROL,
              WristbandControl.startStream().encode(),
              WriteType.WITHOUT_RESPONSE)
          .join();
      BleConnection m =
          transport.connect(myo.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      for (UUID u : MYO_STREAMS) {
        m.subscribe(u, keep).join();
      }
      CaptureReplay.Report r = replay.play().get(30, TimeUnit.SECONDS);
      report.add(r);
      // play() completes once every notification is handed to its device; the last ones may still
      // be on their way to the listener, so wait for them before closing the replay.
      Await.until(
          () -> {
            synchronized (replayed) {
              return replayed.size() >= r.delivered();
            }
          },
          Duration.ofSeconds(10),
          () -> replayed.size() + " of " + r.delivered() + " delivered");
    }
    synchronized (replayed) {
      return new ArrayList<>(replayed);
    }
  }

  @Test
  void replayAsFastAsPossibleDecodesToTheLiveSamplesWithTheLiveTiming() throws Exception {
    List<CaptureReplay.Report> report = new ArrayList<>();
    List<Notification> replayed = replay(CaptureReplay.Pace.AS_FAST_AS_POSSIBLE, report);

    assertThat(report.get(0))
        .isEqualTo(new CaptureReplay.Report(live.size(), 0, 0, List.of(), 0, 0, List.of(), 0));
    // Devices run on different threads, so only each stream's own order is defined: compare
    // stream by stream (device and characteristic), sample by sample and gap by gap.
    Map<String, List<Notification>> liveStreams = byStream(live);
    Map<String, List<Notification>> replayStreams = byStream(replayed);
    assertThat(replayStreams.keySet()).isEqualTo(liveStreams.keySet());
    for (String stream : liveStreams.keySet()) {
      List<Notification> l = liveStreams.get(stream);
      List<Notification> r = replayStreams.get(stream);
      assertThat(r).as(stream).hasSameSizeAs(l);
      for (int i = 0; i < l.size(); i++) {
        assertThat(decoded(r.get(i))).isEqualTo(decoded(l.get(i)));
        assertThat(r.get(i).handle()).isEqualTo(l.get(i).handle());
        long liveGap = l.get(i).hostTimeNanos() - l.get(0).hostTimeNanos();
        long replayGap = r.get(i).hostTimeNanos() - r.get(0).hostTimeNanos();
        assertThat(Math.abs(liveGap - replayGap))
            .as("%s #%d: timing kept to the microsecond", stream, i)
            .isLessThanOrEqualTo(1000);
      }
    }
  }

  @Test
  void replayAtRecordedPaceDeliversEachNotificationWhenItsStampSays() throws Exception {
    List<CaptureReplay.Report> report = new ArrayList<>();
    List<Notification> replayed = replay(CaptureReplay.Pace.RECORDED, report);
    assertThat(replayed).hasSize(live.size());
    for (int i = 0; i < replayed.size(); i++) {
      assertThat(arrivals.get(i))
          .as("notification %d is not delivered before its recorded time", i)
          .isGreaterThanOrEqualTo(replayed.get(i).hostTimeNanos() - 1_000_000L);
    }
    assertThat(span(replayed)).isBetween(span(live) - 1_000_000L, span(live) + 1_000_000L);
  }

  private static long span(List<Notification> ns) {
    long min = ns.stream().mapToLong(Notification::hostTimeNanos).min().orElseThrow();
    long max = ns.stream().mapToLong(Notification::hostTimeNanos).max().orElseThrow();
    return max - min;
  }

  @Test
  void notificationsNobodySubscribedToAreCountedNotDelivered() throws Exception {
    try (CaptureReplay replay = CaptureReplay.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE)) {
      assertThat(replay.capturedDevices())
          .extracting(CaptureDevice::kind)
          .containsExactly("wristband-v1", "myo");
      BleConnection w =
          replay.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      List<Notification> got = new java.util.concurrent.CopyOnWriteArrayList<>();
      w.subscribe(WristbandUuids.DATA, got::add).join();
      CaptureReplay.Report r = replay.play().get(30, TimeUnit.SECONDS);
      long wristband =
          live.stream().filter(n -> n.characteristic().equals(WristbandUuids.DATA)).count();
      assertThat(r)
          .isEqualTo(
              new CaptureReplay.Report(
                  wristband, live.size() - wristband, 0, List.of(), 0, 0, List.of(), 0));
      // handed over is not yet delivered: the last ones may still be on the delivery thread
      Await.until(() -> got.size() >= wristband, Duration.ofSeconds(10), () -> got.size() + " delivered");
      assertThat(got).hasSize((int) wristband);
      assertThat(replay.device(myo.address())).isPresent();
      assertThat(replay.device("00:00:00:00:00:00")).isEqualTo(Optional.empty());
    }
  }
}
