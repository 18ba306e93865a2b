package org.imucompanion.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DeviceClockTest {

  @Test
  void wrapsForwardAcrossTwoToTheThirtySecond() {
    DeviceClock c = new DeviceClock();
    assertThat(c.extend(0xFFFF_FF00L)).isEqualTo(0xFFFF_FF00L);
    assertThat(c.extend(0x0000_0100L)).isEqualTo(0x1_0000_0100L);
    assertThat(c.extend(0x0000_0200L)).isEqualTo(0x1_0000_0200L);
  }

  @Test
  void aLatePacketFromBeforeTheWrapLandsBeforeIt() {
    DeviceClock c = new DeviceClock();
    c.extend(0xFFFF_FFF0L);
    c.extend(0x10L);
    assertThat(c.extend(0xFFFF_FFF8L)).isEqualTo(0xFFFF_FFF8L);
    assertThat(c.extend(0x20L)).isEqualTo(0x1_0000_0020L);
  }

  @Property(tries = 300)
  void extendedTimeGrowsByTheTrueStepOverManyWraps(
      @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long start,
      @ForAll @IntRange(min = 1, max = 2_000_000_000) int step,
      @ForAll @IntRange(min = 1, max = 50) int steps) {
    DeviceClock c = new DeviceClock();
    long truth = start;
    assertThat(c.extend(start)).isEqualTo(start);
    for (int i = 0; i < steps; i++) {
      truth += step;
      assertThat(c.extend(truth & 0xFFFF_FFFFL)).isEqualTo(truth);
    }
  }
}
