package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;

/** The Inspector's health trend against a real StreamHealth fed a lossy, steady stream. */
class HealthTrendTest {
  private static final long MS = 1_000_000L;

  @Test
  void aPointPerHalfSecondWithRateNominalAndLoss() {
    StreamHealth health =
        StreamHealth.withSequenceNumbers(
            new StreamKey("02:00:00:00:00:01", WristbandUuids.DATA), new NominalRate(50, 50));
    HealthTrend trend = new HealthTrend();
    int seq = 0;
    // 50 packets/s sent for 6 s, every tenth lost on the way; the trend is offered every frame.
    for (long t = 0; t < 6_000 * MS; t += 20 * MS) {
      if (seq % 10 != 9) {
        health.recordPacket(t, 20, seq, 1);
      }
      seq++;
      trend.offer(health.snapshot(t + MS));
    }

    assertThat(trend.size()).isEqualTo(12);
    assertThat(trend.seconds()[1] - trend.seconds()[0]).isCloseTo(0.5, within(0.021));
    int last = trend.size() - 1;
    assertThat(trend.nominalRate()[last]).isEqualTo(50.0);
    assertThat(trend.packetRate()[last]).isCloseTo(45.0, within(3.0));
    assertThat(trend.lostPercent()[last]).isCloseTo(10.0, within(3.0));
  }

  @Test
  void oldPointsScrollOutAndClearStartsOver() {
    StreamHealth health =
        StreamHealth.withSequenceNumbers(
            new StreamKey("02:00:00:00:00:01", WristbandUuids.DATA), new NominalRate(50, 50));
    HealthTrend trend = new HealthTrend();
    for (int i = 0; i < HealthTrend.CAPACITY + 10; i++) {
      assertThat(trend.offer(health.snapshot(i * HealthTrend.STEP_NANOS))).isTrue();
    }
    assertThat(trend.size()).isEqualTo(HealthTrend.CAPACITY);
    assertThat(trend.seconds()[0]).isEqualTo(5.0);
    long version = trend.version();

    trend.clear();

    assertThat(trend.size()).isZero();
    assertThat(trend.version()).isNotEqualTo(version);
  }
}
