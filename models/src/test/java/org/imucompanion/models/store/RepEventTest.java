package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepEventTest {
  @Test
  void aCounterEventLandsOnTheSessionHostClock() {
    var counted = new org.imucompanion.models.reps.RepEvent(2.5, "Squat", 2, 3, 0.9);
    RepEvent stored = RepEvent.fromCounter(counted, 1_000_000_000L, "rep-counter");
    assertThat(stored).isEqualTo(new RepEvent(3_500_000_000L, "Squat", 3, "rep-counter"));
  }

  @Test
  void aHostTimeBeyondTheClockIsRefusedNotWrapped() {
    var counted = new org.imucompanion.models.reps.RepEvent(1.0, "Squat", 1, 1, 0.5);
    assertThatThrownBy(() -> RepEvent.fromCounter(counted, Long.MAX_VALUE, "c"))
        .isInstanceOf(ArithmeticException.class);
  }
}
