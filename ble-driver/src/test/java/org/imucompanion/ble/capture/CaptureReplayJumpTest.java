package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.virtualbluez.Await;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time stamps that jump years ahead or an hour back are reported, not waited for, and never reach
 * the listeners as a gap of years or a step back in host time.
 */
class CaptureReplayJumpTest {

  private static final long TEN_YEARS = 10L * 365 * 24 * 3600 * 1_000_000L;
  private static final long HOUR = 3600L * 1_000_000L;

  @TempDir Path dir;

  @Test
  @Timeout(60) // unbounded, the recorded pace would wait ten years
  void jumpsAreReportedAndHostTimesStayMonotoneAtTheRecordedPace() throws Exception {
    CaptureDevice band = CaptureFixtures.wristband();
    int handle = band.byUuid(WristbandUuids.DATA).orElseThrow().handle();
    Path file = dir.resolve("jumps.btsnoop");
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(band);
      for (int i = 0; i < 30; i++) {
        long t = CaptureFixtures.START_MICROS + i * 10_000L;
        t += i >= 10 ? TEN_YEARS : 0;
        t -= i >= 20 ? HOUR : 0;
        w.write(new CapturedNotification(t, band.address(), WristbandUuids.DATA, handle, new byte[] {(byte) i}));
      }
    }
    // new index, connection complete, a Find Information request and response per characteristic
    long firstRecord = 2 + 2L * band.characteristics().size() + 1;

    List<Notification> got = new CopyOnWriteArrayList<>();
    CaptureReplay.Report report;
    try (CaptureReplay replay = CaptureReplay.open(file, CaptureReplay.Pace.RECORDED)) {
      BleConnection c =
          replay.connect(band.address(), (s, x) -> {}, Runnable::run).get(5, TimeUnit.SECONDS);
      c.subscribe(WristbandUuids.DATA, got::add).join();
      report = replay.play().get(30, TimeUnit.SECONDS);
      Await.until(() -> got.size() == 30, Duration.ofSeconds(10), () -> got.size() + " delivered");
    }

    assertThat(report.jumps())
        .containsExactly(
            new CaptureReplay.TimeJump(firstRecord + 10, TEN_YEARS + 10_000L),
            new CaptureReplay.TimeJump(firstRecord + 20, -HOUR + 10_000L));
    assertThat(report.jumpCount()).isEqualTo(2);
    assertThat(report.jumps().get(0).describe())
        .isEqualTo("timestamps jump by 315360000.0 s at record " + (firstRecord + 10) + "; not waited");
    assertThat(report.jumps().get(1).describe())
        .isEqualTo(
            "timestamps go back by 3600.0 s at record "
                + (firstRecord + 20)
                + "; replayed as if no time had passed");
    for (int i = 1; i < got.size(); i++) {
      long step = got.get(i).hostTimeNanos() - got.get(i - 1).hostTimeNanos();
      // 10 ms steps as recorded; at each jump, none
      assertThat(step).as("step %d", i).isEqualTo(i == 10 || i == 20 ? 0 : 10_000_000L);
    }
  }
}
