package org.imucompanion.ble.health;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class IntervalHistogramTest {

  @Test
  void smallValuesAreExact() {
    IntervalHistogram h = new IntervalHistogram();
    for (long v = 0; v < 100; v++) {
      h.add(v);
    }
    assertThat(h.percentile(50)).isEqualTo(49);
    assertThat(h.percentile(99)).isEqualTo(98);
    assertThat(h.percentile(100)).isEqualTo(99);
  }

  @Property
  void everyValueIsReportedWithin1Over128(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long v) {
    IntervalHistogram h = new IntervalHistogram();
    h.add(v);
    long reported = h.percentile(50);
    assertThat((double) Math.abs(reported - v)).isLessThanOrEqualTo(v / 128.0);
  }

  @Property
  void bucketsAreOrderedLikeTheirValues(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long a,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE - 1) long b) {
    long lo = Math.min(a, b);
    long hi = Math.max(a, b);
    assertThat(IntervalHistogram.index(lo)).isLessThanOrEqualTo(IntervalHistogram.index(hi));
  }

  @Test
  void percentileIsNearestRank() {
    IntervalHistogram h = new IntervalHistogram();
    for (int i = 0; i < 98; i++) {
      h.add(10);
    }
    h.add(50);
    h.add(90);
    assertThat(h.percentile(50)).isEqualTo(10);
    assertThat(h.percentile(99)).isEqualTo(50);
    assertThat(h.percentile(100)).isEqualTo(90);
  }
}
