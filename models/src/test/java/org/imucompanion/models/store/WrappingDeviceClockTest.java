package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The 32-bit device clock's unwrapping rule: a big step back is a wrap, a small one a glitch. */
class WrappingDeviceClockTest {
  private static final long RANGE = WrappingDeviceClock.RANGE;

  @Test
  void aStepBackOfMoreThanHalfTheRangeIsAWrap() {
    WrappingDeviceClock clock = new WrappingDeviceClock();
    assertThat(clock.unwrap(RANGE - 20_000)).isEqualTo(RANGE - 20_000);
    assertThat(clock.unwrap(0)).isEqualTo(RANGE);
    assertThat(clock.unwrap(20_000)).isEqualTo(RANGE + 20_000);
    // And the next wrap, 71.6 minutes later.
    assertThat(clock.unwrap(RANGE - 1)).isEqualTo(2 * RANGE - 1);
    assertThat(clock.unwrap(5)).isEqualTo(2 * RANGE + 5);
  }

  @Test
  void aSmallStepBackIsAGlitchLeftForTheCallerToSkip() {
    WrappingDeviceClock clock = new WrappingDeviceClock();
    assertThat(clock.unwrap(1_000_000)).isEqualTo(1_000_000);
    assertThat(clock.unwrap(980_000)).isEqualTo(980_000); // a duplicate after a reconnect
    assertThat(clock.unwrap(RANGE / 2 + 1_000_000)).isEqualTo(RANGE / 2 + 1_000_000);
    // Exactly half the range back is still a glitch, not a wrap.
    assertThat(clock.unwrap(1_000_000)).isEqualTo(1_000_000);
  }

  @Test
  void sixtyFourBitTimeIsLeftAsItIs() {
    WrappingDeviceClock clock = new WrappingDeviceClock();
    assertThat(clock.unwrap(RANGE - 10)).isEqualTo(RANGE - 10);
    assertThat(clock.unwrap(RANGE + 10)).isEqualTo(RANGE + 10);
    // Once the clock is seen to be wider than 32 bits, a step back is never taken for a wrap.
    assertThat(clock.unwrap(3)).isEqualTo(3);
    assertThat(new WrappingDeviceClock().unwrap(-5)).isEqualTo(-5);
  }
}
