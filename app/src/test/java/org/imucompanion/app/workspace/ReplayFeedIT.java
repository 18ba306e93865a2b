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
  void aCaptureWithOnlyALegacyBandIsRefusedWithTheReason() throws Exception {
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
        .hasMessageContaining("no wristband or Myo in the capture to replay")
        .hasMessageContaining("02:00:00:00:03:01 (legacy: not replayed, the app polls it)");
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
