package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.app.ui.inspector.CaptureFiles;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.capture.CapturedNotification;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of ble-driver's virtual wristband played back through {@link ReplayFeed}: every
 * notification reaches the device's buffer, its Inspector log and whatever records it, and closing
 * the device ends the replay.
 */
class ReplayFeedIT {
  @TempDir Path dir;

  @Test
  void everyCapturedPacketReachesTheBufferTheLogAndTheRecording() throws Exception {
    Path file = dir.resolve("band.btsnoop");
    long captured = CaptureFiles.virtualWristbandSession(file, 1_000);
    ReplayFeed feed = ReplayFeed.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE);
    LiveDevice device = feed.devices().get(0);
    AtomicLong recorded = new AtomicLong();
    device.recordInto((stream, host, micros, values) -> recorded.incrementAndGet());
    try {
      assertThat(device.name()).isEqualTo("Replay: Test band");
      assertThat(device.kind()).isEqualTo("wristband v1 (replay)");

      CaptureReplay.Report report = feed.play().get(20, TimeUnit.SECONDS);

      assertThat(report.notDelivered()).as("subscribed before playing: nothing lost").isZero();
      assertThat(report.delivered()).isEqualTo(captured);
      waitUntil(() -> device.notifications().written() == captured);
      waitUntil(() -> device.imuSamples().written() == recorded.get() && recorded.get() > 0);
      assertThat(recorded.get()).as("samples recorded, at least one per packet").isGreaterThanOrEqualTo(captured);
      assertThat(device.health()).isPresent();
      assertThat(device.problem()).isEmpty();
    } finally {
      device.close();
    }
    assertThat(device.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void aMyosCaptureReplaysItsImuAndEmgThroughTheMyoFeed() throws Exception {
    Path file = dir.resolve("myo.btsnoop");
    long captured = CaptureFiles.virtualMyoSession(file, "DE:AD:BE:EF:00:07", 1_000);
    ReplayFeed feed = ReplayFeed.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE);
    LiveDevice myo = feed.devices().get(0);
    try {
      assertThat(myo.kind()).isEqualTo("myo (replay)");
      assertThat(myo.emgSamples()).isPresent();

      CaptureReplay.Report report = feed.play().get(20, TimeUnit.SECONDS);

      assertThat(report.delivered()).isEqualTo(captured);
      assertThat(report.notDelivered()).isZero();
      waitUntil(() -> myo.imuSamples().written() > 0 && myo.emgSamples().get().written() > 0);
      assertThat(myo.problem()).isEmpty();
    } finally {
      myo.close();
    }
  }

  @Test
  void aCaptureWithoutTheLegacyDataCharacteristicIsRefusedWithTheReason() throws Exception {
    Path file = dir.resolve("legacy.btsnoop");
    try (CaptureWriter writer = CaptureWriter.create(file)) {
      writer.addDevice(
          new CaptureDevice(
              "02:00:00:00:03:01",
              Optional.of("Old band"),
              "legacy",
              List.of(
                  new GattCharacteristicInfo(
                      UUID.randomUUID(), UUID.randomUUID(), 0x10, EnumSet.of(CharacteristicProperty.READ))),
              Map.of()));
    }
    assertThatThrownBy(() -> ReplayFeed.open(file, CaptureReplay.Pace.RECORDED))
        .isInstanceOf(IOException.class)
        .hasMessage(
            file
                + ": 02:00:00:00:03:01 (Old band, legacy): the capture's GATT table has no data "
                + LegacyUuids.DATA
                + ", which the legacy profile needs; nothing replayed");
  }

  /** A band whose firmware can only be read, as the app polls it live: its table says read only. */
  private static CaptureDevice pollOnlyLegacyBand() {
    return new CaptureDevice(
        "02:00:00:00:03:02",
        Optional.of("Polled band"),
        "legacy",
        List.of(
            new GattCharacteristicInfo(
                LegacyUuids.SIMBLEE_SERVICE,
                LegacyUuids.DATA,
                0x000e,
                EnumSet.of(CharacteristicProperty.READ))),
        Map.of());
  }

  private static Path legacyCapture(Path file, int values) throws Exception {
    CaptureDevice band = pollOnlyLegacyBand();
    try (CaptureWriter writer = CaptureWriter.create(file, 0, 0)) {
      writer.addDevice(band);
      for (int i = 0; i < values; i++) {
        byte[] value =
            LegacyCodec.encode(
                new LegacyWristbandPacket(
                    new Vector3(0, 0, 1), new Vector3(0, 0, 0), new Vector3(10, 20, i)));
        writer.write(
            new CapturedNotification(
                1_795_000_000_000_000L + i * 350_000L, band.address(), LegacyUuids.DATA, 0x000e, value));
      }
    }
    return file;
  }

  @Test
  void aPolledLegacyBandsCaptureReplaysEveryValueThroughTheLegacyFeed() throws Exception {
    Path file = legacyCapture(dir.resolve("polled.btsnoop"), 40);
    ReplayFeed feed = ReplayFeed.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE);
    LiveDevice band = feed.devices().get(0);
    try {
      assertThat(band.kind()).isEqualTo("legacy wristband (replay)");
      CaptureReplay.Report report = feed.play().get(20, TimeUnit.SECONDS);
      assertThat(report.delivered()).isEqualTo(40);
      assertThat(report.notDelivered()).isZero();
      // (The legacy feed's Inspector log is the live feed's business, not the replay's.)
      waitUntil(() -> band.imuSamples().written() >= 40);
      assertThat(band.imuSamples().written()).isEqualTo(40);
      assertThat(band.problem()).isEmpty();
    } finally {
      band.close();
    }
  }

  @Test
  void damagePassedOverIsTheReplayedDevicesProblem() throws Exception {
    Path file = legacyCapture(dir.resolve("damaged.btsnoop"), 40);
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    // records: file header, new index, connection complete, find information request and
    // response, then the values; damage the 20th value's length
    int at = 16;
    for (int r = 0; r < 4 + 19; r++) {
      at += 24 + java.nio.ByteBuffer.wrap(bytes).getInt(at + 4);
    }
    int length = 24 + java.nio.ByteBuffer.wrap(bytes).getInt(at + 4);
    java.nio.ByteBuffer.wrap(bytes).putInt(at + 4, 1 << 31);
    java.nio.file.Files.write(file, bytes);

    ReplayFeed feed = ReplayFeed.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE);
    LiveDevice band = feed.devices().get(0);
    try {
      CaptureReplay.Report report = feed.play().get(20, TimeUnit.SECONDS);
      assertThat(report.delivered()).isEqualTo(39);
      waitUntil(() -> band.problem().isPresent());
      assertThat(band.problem().get())
          .isEqualTo(
              "replay skipped 1 damaged stretch of the capture ("
                  + length
                  + " bytes; first: record 24 at byte offset "
                  + at
                  + ": record length 2147483648 (-2147483648 as a signed number) is impossible (at"
                  + " most 65540); skipped "
                  + length
                  + " bytes, went on at byte offset "
                  + (at + length)
                  + ")");
    } finally {
      band.close();
    }
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
