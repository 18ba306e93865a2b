package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
      NotificationListener keep =
          n -> {
            synchronized (live) {
              live.add(n);
            }
          };

      BleConnection w =
          transport.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      w.write(WristbandUuids.CONFIG, CONFIG.encode(), WriteType.WITH_RESPONSE).join();
      capture.addDevice(
          describe(band, Map.of(WristbandUuids.CONFIG, w.read(WristbandUuids.CONFIG).join())));
      w.subscribe(WristbandUuids.DATA, keep).join();
      w.subscribe(WristbandUuids.DATA, capture.listener()).join();

      BleConnection m =
          transport.connect(myo.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      capture.addDevice(describe(myo, Map.of()));
      for (UUID u : MYO_STREAMS) {
        m.subscribe(u, keep).join();
        m.subscribe(u, capture.listener()).join();
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
      Thread.sleep(50);
      assertThat(capture.failure()).isEmpty();
      assertThat(capture.written()).isEqualTo(live.size());
    }
    assertThat(live.size()).isGreaterThan(150); // 25 wristband + 50 IMU + 100 EMG a second
  }

  private List<Notification> replay(CaptureReplay.Pace pace, List<CaptureReplay.Report> report)
      throws Exception {
    List<Notification> replayed = new ArrayList<>();
    NotificationListener keep = replayed::add;
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
      report.add(replay.play().get(30, TimeUnit.SECONDS));
    }
    return replayed;
  }

  @Test
  void replayAsFastAsPossibleDecodesToTheLiveSamplesWithTheLiveTiming() throws Exception {
    List<CaptureReplay.Report> report = new ArrayList<>();
    List<Notification> replayed = replay(CaptureReplay.Pace.AS_FAST_AS_POSSIBLE, report);

    assertThat(report.get(0)).isEqualTo(new CaptureReplay.Report(live.size(), 0));
    List<String> liveDecoded = new ArrayList<>();
    for (Notification n : live) {
      liveDecoded.add(decoded(n));
    }
    List<String> replayDecoded = new ArrayList<>();
    for (Notification n : replayed) {
      replayDecoded.add(decoded(n));
    }
    assertThat(replayDecoded).containsExactlyElementsOf(liveDecoded);
    for (int i = 1; i < live.size(); i++) {
      long liveGap = live.get(i).hostTimeNanos() - live.get(0).hostTimeNanos();
      long replayGap = replayed.get(i).hostTimeNanos() - replayed.get(0).hostTimeNanos();
      assertThat(Math.abs(liveGap - replayGap))
          .as("timing kept to the microsecond")
          .isLessThanOrEqualTo(1000);
    }
    assertThat(replayed.get(0).handle())
        .isIn(VirtualWristband.DATA_HANDLE, 0x001c, 0x002b, 0x002e, 0x0031, 0x0034);
  }

  @Test
  void replayAtRecordedPaceTakesAsLongAsTheSession() throws Exception {
    List<CaptureReplay.Report> report = new ArrayList<>();
    long span = live.get(live.size() - 1).hostTimeNanos() - live.get(0).hostTimeNanos();
    long started = System.nanoTime();
    List<Notification> replayed = replay(CaptureReplay.Pace.RECORDED, report);
    long took = System.nanoTime() - started;
    assertThat(replayed).hasSize(live.size());
    assertThat(took).isGreaterThanOrEqualTo(span - 20_000_000L);
    // Arrivals follow the stamps: each notification arrives no earlier than its stamp says.
    assertThat(replayed.get(replayed.size() - 1).hostTimeNanos() - replayed.get(0).hostTimeNanos())
        .isBetween(span - 1_000_000L, span + 1_000_000L);
  }

  @Test
  void notificationsNobodySubscribedToAreCountedNotDelivered() throws Exception {
    try (CaptureReplay replay = CaptureReplay.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE)) {
      assertThat(replay.capturedDevices())
          .extracting(CaptureDevice::kind)
          .containsExactly("wristband-v1", "myo");
      BleConnection w =
          replay.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
      List<Notification> got = new ArrayList<>();
      w.subscribe(WristbandUuids.DATA, got::add).join();
      CaptureReplay.Report r = replay.play().get(30, TimeUnit.SECONDS);
      long wristband =
          live.stream().filter(n -> n.characteristic().equals(WristbandUuids.DATA)).count();
      assertThat(r).isEqualTo(new CaptureReplay.Report(wristband, live.size() - wristband));
      assertThat(got).hasSize((int) wristband);
      assertThat(replay.device(myo.address())).isPresent();
      assertThat(replay.device("00:00:00:00:00:00")).isEqualTo(Optional.empty());
    }
  }
}
