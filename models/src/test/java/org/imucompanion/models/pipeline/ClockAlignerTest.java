package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClockAlignerTest {
  @Test
  void recoversOffsetFromTheLeastDelayedPacketsAndStaysMonotonic() {
    ClockAligner a = new ClockAligner(500);
    Random random = new Random(7);
    double trueOffset = 1234.5;
    double previous = Double.NEGATIVE_INFINITY;
    double aligned = 0;
    for (int i = 0; i < 2000; i++) {
      long deviceMicros = 1_000_000L + i * 20_000L;
      // Delays of 2 to 60 ms; every 50th packet is fast (2 ms).
      double delay = i % 50 == 0 ? 0.002 : 0.002 + 0.058 * random.nextDouble();
      long hostNanos = Math.round((deviceMicros * 1e-6 + trueOffset + delay) * 1e9);
      aligned = a.step(deviceMicros, hostNanos);
      assertThat(aligned).isGreaterThan(previous);
      previous = aligned;
    }
    // Between fast packets (1 s apart) the estimate may rise by the drift allowance, 0.5 ms.
    assertThat(a.offsetSeconds()).isBetween(trueOffset + 0.002, trueOffset + 0.0025);
    assertThat(aligned).isCloseTo(1.0 + 1999 * 0.02 + trueOffset + 0.002, within(0.0005));
  }

  @Test
  void followsASlowDeviceClockWithinTheDriftAllowance() {
    ClockAligner a = new ClockAligner(500);
    // Device runs 200 ppm slow: host - device grows by 200 µs per second.
    double offset = 0;
    for (int i = 0; i < 6000; i++) {
      double device = i * 0.01;
      double host = device * (1 + 200e-6) + 5.0;
      offset = a.step(Math.round(device * 1e6), Math.round(host * 1e9)) - device;
    }
    assertThat(offset).isCloseTo(5.0 + 59.99 * 200e-6, within(2e-5));
  }

  @Test
  void alignsAcrossTheDevice32BitWrapOnceDeviceClockUnwrapsIt() {
    org.imucompanion.protocol.stream.DeviceClock unwrap =
        new org.imucompanion.protocol.stream.DeviceClock();
    ClockAligner a = new ClockAligner(500);
    long raw = (1L << 32) - 500_000; // half a second before the uint32 wraps
    double previous = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 100; i++) {
      long hostNanos = 50_000_000_000L + i * 20_000_000L + 3_000_000L;
      double t = a.step(unwrap.extend(raw), hostNanos);
      assertThat(t).isGreaterThan(previous);
      if (i > 0) {
        assertThat(t - previous).isCloseTo(0.02, within(1e-6));
      }
      previous = t;
      raw = (raw + 20_000) & 0xFFFF_FFFFL;
    }
    assertThat(raw).isLessThan(2_000_000L); // it did wrap
  }

  @Test
  void deviceRestartStartsOver() {
    ClockAligner a = new ClockAligner(500);
    a.step(10_000_000L, 100_000_000_000L);
    double t = a.step(0L, 100_020_000_000L);
    assertThat(a.offsetSeconds()).isCloseTo(100.02, within(1e-9));
    assertThat(t).isCloseTo(100.02, within(1e-9));
  }
}
