package org.imucompanion.ble.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.junit.jupiter.api.Test;

class StreamHealthTest {

  private static final StreamKey KEY =
      new StreamKey("AA:BB:CC:DD:EE:01", UUID.fromString("0000aaaa-0000-1000-8000-00805f9b34fb"));
  private static final NominalRate FIFTY_HZ = NominalRate.ofSamples(50, 1);
  private static final long MS = 1_000_000L;
  private static final long T0 = 10_000 * MS; // on a bucket boundary, so windows are exact

  private static StreamHealth sequenced() {
    return StreamHealth.withSequenceNumbers(KEY, FIFTY_HZ);
  }

  @Test
  void outagesAreCountedAsDisconnectTimeAndReset() {
    StreamHealth h = sequenced();
    assertThat(h.snapshot(T0).outages()).isZero();
    assertThat(h.snapshot(T0).disconnected()).isEqualTo(Duration.ZERO);
    h.recordOutage(T0, T0 + 250 * MS);
    h.recordOutage(T0 + 1000 * MS, T0 + 1600 * MS);
    assertThat(h.snapshot(T0 + 2000 * MS).outages()).isEqualTo(2);
    assertThat(h.snapshot(T0 + 2000 * MS).disconnected()).isEqualTo(Duration.ofMillis(850));
    assertThatThrownBy(() -> h.recordOutage(T0 + 5 * MS, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an outage cannot end before it starts");
    h.reset();
    assertThat(h.snapshot(T0 + 3000 * MS).outages()).isZero();
  }

  @Test
  void steadyStreamIsOnRateWithNoLossOrJitter() {
    StreamHealth h = sequenced();
    for (int i = 0; i <= 100; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, i, 1);
    }
    StreamHealthSnapshot s = h.snapshot(T0 + 2000 * MS + 50 * MS);

    HealthWindow all = s.cumulative();
    assertThat(all.span()).isEqualTo(Duration.ofSeconds(2));
    assertThat(all.packets()).isEqualTo(101);
    assertThat(all.samples()).isEqualTo(101);
    assertThat(all.bytes()).isEqualTo(2020);
    assertThat(all.packetsPerSecond()).isEqualTo(50.0, within(1e-9));
    assertThat(all.samplesPerSecond()).isEqualTo(50.0, within(1e-9));
    assertThat(all.bytesPerSecond()).isEqualTo(1000.0, within(1e-9));
    assertThat(all.packetRateRatio(FIFTY_HZ)).isEqualTo(1.0, within(1e-9));
    assertThat(all.lost()).isZero();
    assertThat(all.lostPercent()).isZero();
    InterArrival timing = all.interArrival().orElseThrow();
    assertThat(timing.intervals()).isEqualTo(100);
    // Cumulative percentiles come from a log-linear histogram: within 1/128 of the truth.
    assertThat((double) timing.p50().toNanos()).isEqualTo(20e6, within(20e6 / 128));
    assertThat(timing.jitterP99()).isEqualTo(Duration.ZERO);

    // Live window = [T0+1s, T0+2s): packets 50..99.
    HealthWindow live = s.live();
    assertThat(live.span()).isEqualTo(Duration.ofSeconds(1));
    assertThat(live.packets()).isEqualTo(50);
    assertThat(live.packetsPerSecond()).isEqualTo(50.0, within(1e-9));
    assertThat(live.bytesPerSecond()).isEqualTo(1000.0, within(1e-9));
    InterArrival liveTiming = live.interArrival().orElseThrow();
    assertThat(liveTiming.intervals()).isEqualTo(50);
    assertThat(liveTiming.p50()).isEqualTo(Duration.ofMillis(20));
    assertThat(liveTiming.p99()).isEqualTo(Duration.ofMillis(20));
    assertThat(liveTiming.jitterP50()).isEqualTo(Duration.ZERO);

    assertThat(s.lossInferred()).isFalse();
    assertThat(s.sinceLastNotification()).contains(Duration.ofMillis(50));
    assertThat(s.malformedByReason()).isEmpty();
  }

  @Test
  void batchedStreamCountsSamplesAgainstNominal() {
    NominalRate rate = NominalRate.ofSamples(100, 4); // 25 packets/s
    StreamHealth h = StreamHealth.withSequenceNumbers(KEY, rate);
    for (int i = 0; i <= 50; i++) {
      h.recordPacket(T0 + i * 40 * MS, 80, i, 4);
    }
    HealthWindow all = h.snapshot(T0 + 2000 * MS).cumulative();
    assertThat(all.packetsPerSecond()).isEqualTo(25.0, within(1e-9));
    assertThat(all.samplesPerSecond()).isEqualTo(100.0, within(1e-9));
    assertThat(all.sampleRateRatio(rate)).isEqualTo(1.0, within(1e-9));
  }

  @Test
  void sequenceGapsCountAsLost() {
    StreamHealth h = sequenced();
    for (int i = 0; i < 20; i++) {
      if (i < 10 || i > 12) {
        h.recordPacket(T0 + i * 20 * MS, 20, i, 1);
      }
    }
    HealthWindow all = h.snapshot(T0 + 400 * MS).cumulative();
    assertThat(all.packets()).isEqualTo(17);
    assertThat(all.lost()).isEqualTo(3);
    assertThat(all.lostPercent()).isEqualTo(15.0, within(1e-9));
    assertThat(all.duplicates()).isZero();
    assertThat(all.outOfOrder()).isZero();
  }

  @Test
  void latePacketMovesFromLostToOutOfOrder() {
    StreamHealth h = sequenced();
    int[] order = {0, 1, 2, 4, 3, 5};
    for (int i = 0; i < order.length; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, order[i], 1);
    }
    HealthWindow all = h.snapshot(T0 + 200 * MS).cumulative();
    assertThat(all.lost()).isZero();
    assertThat(all.outOfOrder()).isEqualTo(1);
    assertThat(all.duplicates()).isZero();
  }

  @Test
  void repeatedSequenceNumbersAreDuplicates() {
    StreamHealth h = sequenced();
    int[] order = {0, 1, 2, 2, 1, 3};
    for (int i = 0; i < order.length; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, order[i], 1);
    }
    HealthWindow all = h.snapshot(T0 + 200 * MS).cumulative();
    assertThat(all.duplicates()).isEqualTo(2);
    assertThat(all.lost()).isZero();
    assertThat(all.outOfOrder()).isZero();
    assertThat(all.packets()).isEqualTo(6);
  }

  @Test
  void sequenceWrapsAt16Bits() {
    StreamHealth h = sequenced();
    int[] order = {65533, 65534, 65535, 0, 1, 4};
    for (int i = 0; i < order.length; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, order[i], 1);
    }
    HealthWindow all = h.snapshot(T0 + 200 * MS).cumulative();
    assertThat(all.lost()).isEqualTo(2);
    assertThat(all.duplicates()).isZero();
    assertThat(h.snapshot(T0).sequenceRestarts()).isZero();
  }

  @Test
  void counterRestartIsNotCountedAsLoss() {
    StreamHealth h = sequenced();
    for (int i = 0; i < 5; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, 1000 + i, 1);
    }
    // The device rebooted: its counter starts again at 0, 20 ms later.
    for (int i = 0; i < 5; i++) {
      h.recordPacket(T0 + (5 + i) * 20 * MS, 20, i, 1);
    }
    // And a forward jump far beyond what 20 ms can explain.
    h.recordPacket(T0 + 10 * 20 * MS, 20, 30_000, 1);
    h.recordPacket(T0 + 11 * 20 * MS, 20, 30_002, 1);
    StreamHealthSnapshot s = h.snapshot(T0 + 300 * MS);
    assertThat(s.sequenceRestarts()).isEqualTo(2);
    assertThat(s.cumulative().lost()).isEqualTo(1);
  }

  @Test
  void longStallStillCountsItsLoss() {
    StreamHealth h = sequenced();
    h.recordPacket(T0, 20, 0, 1);
    // 3 s of silence at 50 packets/s: 149 packets never came.
    h.recordPacket(T0 + 3000 * MS, 20, 150, 1);
    StreamHealthSnapshot s = h.snapshot(T0 + 3000 * MS);
    assertThat(s.sequenceRestarts()).isZero();
    assertThat(s.cumulative().lost()).isEqualTo(149);
  }

  @Test
  void malformedPacketsAreCountedByReason() {
    StreamHealth h = sequenced();
    h.recordPacket(T0, 20, 0, 1);
    h.recordMalformed(T0 + 20 * MS, 20, Reason.CRC_MISMATCH);
    h.recordPacket(T0 + 40 * MS, 20, 2, 1);
    h.recordMalformed(T0 + 60 * MS, 7, Reason.TRUNCATED);
    h.recordMalformed(T0 + 80 * MS, 20, Reason.CRC_MISMATCH);
    StreamHealthSnapshot s = h.snapshot(T0 + 100 * MS);
    assertThat(s.malformedByReason())
        .containsExactly(Map.entry(Reason.TRUNCATED, 1L), Map.entry(Reason.CRC_MISMATCH, 2L));
    assertThat(s.cumulative().malformed()).isEqualTo(3);
    assertThat(s.cumulative().packets()).isEqualTo(2);
    assertThat(s.cumulative().bytes()).isEqualTo(87);
    assertThat(s.sinceLastNotification()).contains(Duration.ofMillis(20));
    // The corrupted packet's number (1) never decoded, so it also shows as a gap.
    assertThat(s.cumulative().lost()).isEqualTo(1);
  }

  @Test
  void lossWithoutSequenceNumbersIsInferredFromTiming() {
    StreamHealth h = StreamHealth.withoutSequenceNumbers(KEY, FIFTY_HZ);
    for (int i = 0; i < 100; i++) {
      if (i < 40 || i >= 50) {
        h.recordPacket(T0 + i * 20 * MS, 20, 1);
      }
    }
    StreamHealthSnapshot s = h.snapshot(T0 + 99 * 20 * MS);
    assertThat(s.lossInferred()).isTrue();
    assertThat(s.cumulative().packets()).isEqualTo(90);
    assertThat(s.cumulative().lost()).isEqualTo(10);
    assertThat(s.cumulative().lostPercent()).isEqualTo(10.0, within(1e-9));
  }

  @Test
  void inferredLossCountsMalformedAsArrived() {
    StreamHealth h = StreamHealth.withoutSequenceNumbers(KEY, FIFTY_HZ);
    for (int i = 0; i < 100; i++) {
      if (i % 10 == 3) {
        h.recordMalformed(T0 + i * 20 * MS, 20, Reason.BAD_LENGTH);
      } else {
        h.recordPacket(T0 + i * 20 * MS, 20, 1);
      }
    }
    HealthWindow all = h.snapshot(T0 + 2000 * MS).cumulative();
    assertThat(all.lost()).isZero();
    assertThat(all.malformed()).isEqualTo(10);
  }

  @Test
  void liveInferredLossLooksAtTheLastSecondOnly() {
    StreamHealth h = StreamHealth.withoutSequenceNumbers(KEY, FIFTY_HZ);
    // 3 s of stream; in the last second every 5th packet is missing.
    for (int i = 0; i < 150; i++) {
      if (i < 100 || i % 5 != 0) {
        h.recordPacket(T0 + i * 20 * MS, 20, 1);
      }
    }
    HealthWindow live = h.snapshot(T0 + 3000 * MS).live();
    assertThat(live.packets()).isEqualTo(40);
    assertThat(live.lost()).isEqualTo(10);
    assertThat(live.lostPercent()).isEqualTo(20.0, within(1e-9));
  }

  @Test
  void liveFiguresFallToZeroWhenTheStreamStops() {
    StreamHealth h = StreamHealth.withoutSequenceNumbers(KEY, FIFTY_HZ);
    for (int i = 0; i < 100; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, 1);
    }
    StreamHealthSnapshot s = h.snapshot(T0 + 7000 * MS);
    assertThat(s.live().packets()).isZero();
    assertThat(s.live().packetsPerSecond()).isZero();
    assertThat(s.live().interArrival()).isEmpty();
    assertThat(s.live().lost()).isEqualTo(50);
    assertThat(s.sinceLastNotification()).contains(Duration.ofMillis(7000 - 99 * 20));
    // The cumulative figures keep what was measured while it ran.
    assertThat(s.cumulative().packetsPerSecond()).isEqualTo(50.0, within(1e-9));
  }

  @Test
  void liveWindowOfAYoungStreamStartsAtItsFirstPacket() {
    StreamHealth h = StreamHealth.withoutSequenceNumbers(KEY, FIFTY_HZ);
    // Starts half-way into the window [T0, T0+1s): 25 packets at T0+500ms .. T0+980ms.
    for (int i = 25; i < 50; i++) {
      h.recordPacket(T0 + i * 20 * MS, 20, 1);
    }
    HealthWindow live = h.snapshot(T0 + 1000 * MS).live();
    assertThat(live.span()).isEqualTo(Duration.ofMillis(500));
    assertThat(live.packets()).isEqualTo(25);
    assertThat(live.lost()).isZero();
  }

  @Test
  void liveJitterIsExactNearestRank() {
    StreamHealth h = sequenced();
    long t = T0;
    int seq = 0;
    h.recordPacket(t, 20, seq++, 1);
    // 100 intervals alternating 15 and 25 ms: jitter is 5 ms each time.
    for (int i = 0; i < 100; i++) {
      t += (i % 2 == 0 ? 15 : 25) * MS;
      h.recordPacket(t, 20, seq++, 1);
    }
    // now T0 + 2000 ms; snapshot with the window [T0+1s, T0+2s) holding the last 50 intervals.
    InterArrival live = h.snapshot(T0 + 2050 * MS).live().interArrival().orElseThrow();
    assertThat(live.intervals()).isEqualTo(50);
    assertThat(live.p50()).isEqualTo(Duration.ofMillis(15));
    assertThat(live.p99()).isEqualTo(Duration.ofMillis(25));
    assertThat(live.jitterP50()).isEqualTo(Duration.ofMillis(5));
    assertThat(live.jitterP99()).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void oneLateNotificationInAHundredIsTheP99() {
    StreamHealth h = sequenced();
    long t = T0;
    h.recordPacket(t, 20, 0, 1);
    for (int i = 1; i <= 40; i++) {
      t += (i == 17 || i == 29 ? 120 : 20) * MS;
      h.recordPacket(t, 20, i, 1);
    }
    // 40 intervals: 38 of 20 ms, 2 of 120 ms; nearest rank 99 % of 40 = 40th = 120 ms.
    InterArrival all = h.snapshot(t).cumulative().interArrival().orElseThrow();
    assertThat((double) all.p99().toNanos()).isEqualTo(120e6, within(120e6 / 128));
    assertThat((double) all.p50().toNanos()).isEqualTo(20e6, within(20e6 / 128));
    assertThat((double) all.jitterP99().toNanos()).isEqualTo(100e6, within(100e6 / 128));
  }

  @Test
  void emptyStreamHasNoRatesYet() {
    StreamHealthSnapshot s = sequenced().snapshot(T0);
    assertThat(s.cumulative().packets()).isZero();
    assertThat(s.cumulative().packetsPerSecond()).isNaN();
    assertThat(s.cumulative().interArrival()).isEmpty();
    assertThat(s.live().packetsPerSecond()).isNaN();
    assertThat(s.sinceLastNotification()).isEqualTo(Optional.empty());
  }

  @Test
  void wrongKindOfRecordIsRefused() {
    assertThatThrownBy(() -> sequenced().recordPacket(T0, 20, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> StreamHealth.withoutSequenceNumbers(KEY, FIFTY_HZ).recordPacket(T0, 20, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> sequenced().recordPacket(T0, 20, 65536, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resetForgetsEverything() {
    StreamHealth h = sequenced();
    h.recordPacket(T0, 20, 0, 1);
    h.recordPacket(T0 + 20 * MS, 20, 5, 1);
    h.recordMalformed(T0 + 40 * MS, 3, Reason.TRUNCATED);
    h.reset();
    h.recordPacket(T0 + 60 * MS, 20, 9, 1);
    StreamHealthSnapshot s = h.snapshot(T0 + 60 * MS);
    assertThat(s.cumulative().packets()).isEqualTo(1);
    assertThat(s.cumulative().lost()).isZero();
    assertThat(s.malformedByReason()).isEmpty();
  }

  @Test
  void recordingAllocatesNothingInSteadyState() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    StreamHealth h = sequenced();
    long t = T0;
    int seq = 0;
    for (int i = 0; i < 20_000; i++) { // warm up (and let the JIT compile)
      t += 20 * MS;
      h.recordPacket(t, 20, seq++ & 0xFFFF, 1);
    }
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 200_000; i++) {
      t += (i % 7 == 0 ? 25 : 19) * MS;
      if (i % 101 == 0) {
        h.recordMalformed(t, 20, Reason.CRC_MISMATCH);
      } else {
        h.recordPacket(t, 20, seq++ & 0xFFFF, 1);
      }
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    // 200,000 packets; even one small object per packet would be megabytes.
    assertThat(allocated).isLessThan(16 * 1024);
  }
}
