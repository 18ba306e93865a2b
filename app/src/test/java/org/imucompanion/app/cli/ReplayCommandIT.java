package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.app.ui.inspector.SavedCapture;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.capture.CapturedNotification;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.ble.virtualdevice.VirtualLegacyWristband;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code replay} through the real command for every kind of device: captures written with known
 * values (legacy and Myo, every characteristic), damaged in the middle, of a kind without a
 * decoder, and with time stamps that jump years ahead and back.
 */
class ReplayCommandIT {
  private static final long START = 1_795_000_000_000_000L;
  private static final String LEGACY = "02:00:00:00:03:01";
  private static final String MYO = "DE:AD:BE:EF:00:02";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Cli.execute(
        args,
        o -> {
          throw new AssertionError("no dashboard");
        },
        new PrintWriter(out),
        new PrintWriter(err));
  }

  private static void write(Path file, CaptureDevice device, List<CapturedNotification> ns)
      throws Exception {
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(device);
      for (CapturedNotification n : ns) {
        w.write(n);
      }
    }
  }

  private static CaptureDevice legacyBand() {
    return new CaptureDevice(
        LEGACY,
        Optional.of("Old band"),
        "legacy",
        new VirtualLegacyWristband(LEGACY, "Old band", SyntheticWorkout.demo(), 50)
            .characteristics(),
        Map.of());
  }

  private static CapturedNotification legacy(long micros, byte[] value) {
    return new CapturedNotification(
        micros, LEGACY, LegacyUuids.DATA, VirtualLegacyWristband.DATA_HANDLE, value);
  }

  /** A legacy value as it arrives at the default MTU: the first 20 of its 32 bytes. */
  private static byte[] legacyValue(int i) {
    LegacyWristbandPacket p =
        new LegacyWristbandPacket(
            new Vector3(0.125, -0.5, 1.0 + i / 1000.0),
            new Vector3(Math.toRadians(5.73), 0, Math.toRadians(-90)),
            new Vector3(12.3, -45.6, 7.8));
    return Arrays.copyOf(LegacyCodec.encode(p), 20);
  }

  /** 100 legacy values 20 ms apart, the 50th too short to decode. */
  private Path legacyCapture() throws Exception {
    List<CapturedNotification> ns = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ns.add(legacy(START + i * 20_000L, i == 50 ? new byte[10] : legacyValue(i)));
    }
    Path file = dir.resolve("legacy.btsnoop");
    write(file, legacyBand(), ns);
    return file;
  }

  @Test
  void aLegacyCaptureReplaysEveryValueWithItsMagnetometer() throws Exception {
    Path file = legacyCapture();

    assertThat(run("replay", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    String report = out.toString();
    assertThat(report).contains(LEGACY + " (Old band, legacy): 1 malformed\n");
    assertThat(report)
        .contains(
            "  data "
                + LegacyUuids.DATA
                + ": 100 notifications, 99 samples decoded, 1 malformed; last accel (0.125,"
                + " -0.500, 1.099) g · gyro (0.100, 0.000, -1.571) rad/s · mag (12.300, -45.600,"
                + " 7.800) µT; ");
    assertThat(report).contains(" over 2.0 s · "); // 99 intervals of 20 ms
    assertThat(report).contains("replayed 100 notifications (0 for devices or characteristics not subscribed)");
    assertThat(report).doesNotContain("warning");
  }

  @Test
  void aPollOnlyLegacyBandsCaptureReplaysItsValuesAsNotifications() throws Exception {
    CaptureDevice polled =
        new CaptureDevice(
            LEGACY,
            Optional.of("Old band"),
            "legacy",
            new VirtualLegacyWristband(LEGACY, "Old band", SyntheticWorkout.demo(), 0)
                .characteristics(),
            Map.of());
    assertThat(polled.byUuid(LegacyUuids.DATA).orElseThrow().has(CharacteristicProperty.NOTIFY))
        .isFalse();
    List<CapturedNotification> ns = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ns.add(legacy(START + i * 350_000L, legacyValue(i)));
    }
    Path file = dir.resolve("polled.btsnoop");
    write(file, polled, ns);

    assertThat(run("replay", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    assertThat(out.toString())
        .contains(": 20 notifications, 20 samples decoded, 0 malformed; last accel (0.125, -0.500, 1.019) g")
        .contains("2.9/3 Hz over 6.7 s · loss 0.0 % (inferred)")
        .contains("replayed 20 notifications (0 for devices or characteristics not subscribed)");
  }

  private static CaptureDevice myo(boolean withCommand) {
    List<GattCharacteristicInfo> table =
        new ArrayList<>(new VirtualMyo(MYO, "Myo", SyntheticWorkout.demo()).characteristics());
    if (!withCommand) {
      table.removeIf(c -> c.uuid().equals(MyoUuids.COMMAND));
    }
    return new CaptureDevice(MYO, Optional.of("Myo"), "myo", table, Map.of());
  }

  private static CapturedNotification myoValue(
      CaptureDevice d, long micros, UUID characteristic, byte[] value) {
    return new CapturedNotification(
        micros, MYO, characteristic, d.byUuid(characteristic).orElseThrow().handle(), value);
  }

  /**
   * One second of a Myo: 50 IMU packets, 100 EMG notifications over the four characteristics (200
   * samples), two battery levels and three classifier events.
   */
  private Path myoCapture() throws Exception {
    CaptureDevice d = myo(true);
    List<CapturedNotification> ns = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      long t = START + i * 10_000L;
      if (i % 2 == 0) {
        MyoImuPacket imu =
            new MyoImuPacket(
                new Quaternion(1, 0, 0, 0),
                new Vector3(0, 0, 1 + i / 2048.0),
                new Vector3(0, Math.toRadians(1), 0));
        ns.add(myoValue(d, t, MyoUuids.IMU_DATA, MyoCodec.encodeImu(imu)));
      }
      EmgSample first = new EmgSample(i % 100, -1, 2, -3, 4, -5, 6, -7);
      EmgSample second = new EmgSample(-(i % 100), 1, -2, 3, -4, 5, -6, 7);
      ns.add(
          myoValue(
              d,
              t + 5,
              MyoUuids.EMG_DATA.get(i % 4),
              MyoCodec.encodeEmg(new MyoEmgPacket(first, second))));
    }
    ns.add(myoValue(d, START + 300_000, MyoUuids.BATTERY_LEVEL, MyoCodec.encodeBatteryLevel(64)));
    ns.add(myoValue(d, START + 900_000, MyoUuids.BATTERY_LEVEL, MyoCodec.encodeBatteryLevel(63)));
    ns.add(myoValue(d, START + 100_000, MyoUuids.CLASSIFIER_EVENT, new byte[] {0x01, 1, 1}));
    ns.add(myoValue(d, START + 400_000, MyoUuids.CLASSIFIER_EVENT, new byte[] {0x03, 2, 0}));
    ns.add(myoValue(d, START + 950_000, MyoUuids.CLASSIFIER_EVENT, new byte[] {0x04}));
    ns.sort(java.util.Comparator.comparingLong(CapturedNotification::epochMicros));
    Path file = dir.resolve("myo.btsnoop");
    write(file, d, ns);
    return file;
  }

  @Test
  void aMyoCaptureReplaysImuEveryEmgCharacteristicBatteryAndClassifierEvents() throws Exception {
    Path file = myoCapture();

    assertThat(run("replay", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    String report = out.toString();
    assertThat(report).contains(MYO + " (Myo, myo): 0 malformed\n");
    assertThat(report)
        .contains(
            "  imu "
                + MyoUuids.IMU_DATA
                + ": 50 notifications, 50 packets decoded, 0 malformed; last orientation (1.0000,"
                + " 0.0000, 0.0000, 0.0000) · accel (0.000, 0.000, 1.048) g · gyro (0.000, 0.017,"
                + " 0.000) rad/s; 50.0/50 Hz over 1.0 s · loss 0.0 % (inferred)");
    for (int i = 0; i < 4; i++) {
      assertThat(report)
          .contains(
              "  emg"
                  + i
                  + " "
                  + MyoUuids.EMG_DATA.get(i)
                  + ": 25 notifications, 0 malformed; 50.0/50 Hz over 1.0 s · loss 0.0 % (inferred)");
    }
    assertThat(report)
        .contains(
            "  emg (all four): 200 samples decoded, 0 duplicates dropped, 0 late, 0 inferred lost;"
                + " last EmgSample[-99, 1, -2, 3, -4, 5, -6, 7]; 200.0/200 Hz over 1.0 s");
    assertThat(report)
        .contains(
            "  battery "
                + MyoUuids.BATTERY_LEVEL
                + ": 2 notifications, 2 values decoded, 0 malformed; last 63 %\n");
    assertThat(report)
        .contains(
            "  classifier "
                + MyoUuids.CLASSIFIER_EVENT
                + ": 3 notifications, 3 events decoded, 0 malformed; last unlocked\n");
    assertThat(report).contains("replayed 155 notifications (0 for devices or characteristics not subscribed)");
  }

  @Test
  void aMyoCaptureSavedFromTheInspectorReplays() throws Exception {
    CaptureDevice reference = myo(true);
    List<Notification> received = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long t = 1_000_000_000L + i * 10_000_000L;
      UUID emg = MyoUuids.EMG_DATA.get(i % 4);
      received.add(
          new Notification(
              t,
              MYO,
              emg,
              reference.byUuid(emg).orElseThrow().handle(),
              MyoCodec.encodeEmg(
                  new MyoEmgPacket(new EmgSample(i, 0, 0, 0, 0, 0, 0, 0), new EmgSample(0, 0, 0, 0, 0, 0, 0, i)))));
      if (i % 2 == 0) {
        received.add(
            new Notification(
                t + 1,
                MYO,
                MyoUuids.IMU_DATA,
                reference.byUuid(MyoUuids.IMU_DATA).orElseThrow().handle(),
                MyoCodec.encodeImu(
                    new MyoImuPacket(Quaternion.IDENTITY, new Vector3(0, 0, 1), new Vector3(0, 0, 0)))));
      }
    }
    Path file = dir.resolve("inspector-myo.btsnoop");
    SavedCapture.write(file, MYO, "Myo", "myo (virtual)", received);

    assertThat(run("replay", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    assertThat(out.toString())
        .contains("  imu " + MyoUuids.IMU_DATA + ": 4 notifications, 4 packets decoded, 0 malformed;")
        .contains("  emg (all four): 16 samples decoded, 0 duplicates dropped,")
        .contains("replayed 12 notifications (0 for devices or characteristics not subscribed)");
  }

  /** Start offsets of every record of a btsnoop file. */
  private static List<Integer> records(byte[] file) {
    List<Integer> offsets = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(file);
    for (int at = 16; at < file.length; at += 24 + b.getInt(at + 4)) {
      offsets.add(at);
    }
    return offsets;
  }

  @ParameterizedTest
  @ValueSource(strings = {"2^31", "-1", "flipped bit"})
  void aDamagedRecordInTheMiddleIsNamedAndTheRestIsReplayed(String damage) throws Exception {
    Path file = legacyCapture();
    byte[] bytes = Files.readAllBytes(file);
    List<Integer> records = records(bytes);
    int record = 30; // 0-based: a notification in the middle (the first four are set-up)
    int at = records.get(record);
    int length = ByteBuffer.wrap(bytes).getInt(at + 4);
    int damaged =
        switch (damage) {
          case "2^31" -> 1 << 31;
          case "-1" -> -1;
          default -> length ^ 0x40;
        };
    ByteBuffer.wrap(bytes).putInt(at + 4, damaged);
    Files.write(file, bytes);
    String reason =
        switch (damage) {
          case "2^31" ->
              "record length 2147483648 (-2147483648 as a signed number) is impossible (at most"
                  + " 65540)";
          case "-1" -> "record length 4294967295 (-1 as a signed number) is impossible (at most 65540)";
          default -> "original length " + length + " is shorter than the " + damaged + " bytes included";
        };

    assertThat(run("replay", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    String report = out.toString();
    assertThat(report)
        .contains(
            "warning: record "
                + (record + 1)
                + " at byte offset "
                + at
                + ": "
                + reason
                + "; skipped "
                + (24 + length)
                + " bytes, went on at byte offset "
                + records.get(record + 1)
                + "\n");
    assertThat(report)
        .contains(
            "warning: skipped 1 damaged stretch ("
                + (24 + length)
                + " bytes) of "
                + file
                + "; the rest was replayed\n");
    assertThat(report).contains(": 99 notifications, 98 samples decoded, 1 malformed;");
    assertThat(report).contains("replayed 99 notifications");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aCaptureWhoseOnlyNotificationIsDamagedFailsSayingNothingWasReplayed() throws Exception {
    Path file = dir.resolve("one.btsnoop");
    write(file, legacyBand(), List.of(legacy(START, legacyValue(0))));
    byte[] bytes = Files.readAllBytes(file);
    List<Integer> records = records(bytes);
    int last = records.get(records.size() - 1);
    ByteBuffer.wrap(bytes).putInt(last + 4, -1);
    Files.write(file, bytes);

    assertThat(run("replay", file.toString())).isEqualTo(ExitStatus.FAILURE);

    assertThat(err.toString())
        .isEqualTo(
            "replay: nothing in "
                + file
                + " could be replayed: record "
                + records.size()
                + " at byte offset "
                + last
                + ": record length 4294967295 (-1 as a signed number) is impossible (at most"
                + " 65540); skipped "
                + (bytes.length - last)
                + " bytes, nothing readable after it\n");
  }

  @Test
  void aCaptureOfAKindWithoutADecoderIsRefusedWithTheReason() throws Exception {
    Path file = dir.resolve("polar.btsnoop");
    UUID hr = UUID.fromString("00002a37-0000-1000-8000-00805f9b34fb");
    write(
        file,
        new CaptureDevice(
            "A0:9E:1A:00:00:01",
            Optional.of("Polar H10"),
            "polar-h10",
            List.of(
                new GattCharacteristicInfo(
                    UUID.fromString("0000180d-0000-1000-8000-00805f9b34fb"),
                    hr,
                    0x0010,
                    EnumSet.of(CharacteristicProperty.NOTIFY))),
            Map.of()),
        List.of(new CapturedNotification(START, "A0:9E:1A:00:00:01", hr, 0x10, new byte[] {0, 60})));

    assertThat(run("replay", file.toString())).isEqualTo(ExitStatus.FAILURE);

    assertThat(err.toString())
        .isEqualTo(
            "replay: cannot replay "
                + file
                + ": A0:9E:1A:00:00:01 (Polar H10, polar-h10): no decoder for the kind 'polar-h10'"
                + " (this app decodes wristband-v1, legacy, myo); nothing replayed\n");
    assertThat(out.toString()).doesNotContain("replayed");
  }

  @Test
  void aMyoCaptureWithoutItsCommandCharacteristicIsRefusedWithTheReason() throws Exception {
    Path file = dir.resolve("old-inspector-myo.btsnoop");
    CaptureDevice d = myo(false);
    write(file, d, List.of(myoValue(d, START, MyoUuids.BATTERY_LEVEL, new byte[] {50})));

    assertThat(run("replay", file.toString())).isEqualTo(ExitStatus.FAILURE);

    assertThat(err.toString())
        .isEqualTo(
            "replay: cannot replay "
                + file
                + ": "
                + MYO
                + " (Myo, myo): the capture's GATT table has no command "
                + MyoUuids.COMMAND
                + ", which the myo profile needs; nothing replayed\n");
  }

  @Test
  @Timeout(60) // without the bound it would wait ten years: fail instead of hanging the build
  void realTimeReplayDoesNotWaitForATenYearJumpOrGoBackwards() throws Exception {
    long tenYears = 10L * 365 * 24 * 3600 * 1_000_000L;
    long hour = 3600L * 1_000_000L;
    List<CapturedNotification> ns = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      long t = START + i * 20_000L;
      if (i >= 20) {
        t += tenYears;
      }
      if (i >= 40) {
        t -= hour;
      }
      ns.add(legacy(t, legacyValue(i)));
    }
    Path file = dir.resolve("jumps.btsnoop");
    write(file, legacyBand(), ns);
    // Records before the first notification: new index, connection complete, and the Find
    // Information request and response of the band's one characteristic.
    int firstNotificationRecord = 5;

    long started = System.nanoTime();
    assertThat(run("replay", "--real-time", file.toString()))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    double seconds = (System.nanoTime() - started) / 1e9;

    String report = out.toString();
    assertThat(report)
        .contains(
            "warning: timestamps jump by 315360000.0 s at record "
                + (firstNotificationRecord + 20)
                + "; not waited\n");
    assertThat(report)
        .contains(
            "warning: timestamps go back by 3600.0 s at record "
                + (firstNotificationRecord + 40)
                + "; replayed as if no time had passed\n");
    // 57 steps of 20 ms were waited; the two jumps were not.
    assertThat(seconds).isLessThan(10);
    Matcher rate = Pattern.compile("; (-?\\d+\\.\\d)/\\d+ Hz over (-?\\d+\\.\\d) s").matcher(report);
    assertThat(rate.find()).as(report).isTrue();
    assertThat(Double.parseDouble(rate.group(1))).isBetween(40.0, 60.0);
    assertThat(Double.parseDouble(rate.group(2))).isBetween(1.0, 1.3);
    assertThat(report).contains(": 60 notifications, 60 samples decoded, 0 malformed;");
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("'%s' in %s", regex, text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
