package org.imucompanion.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordingTest {
  private static final ChannelLayout LAYOUT = ChannelLayout.of(Channels.GYRO);

  @Test
  void builderGrowsPastInitialCapacityAndKeepsLabels() {
    Recording.Builder b = Recording.builder("1", "s1", "test", LAYOUT);
    for (int i = 0; i < 1000; i++) {
      b.add(i * 0.1, new double[] {i, -i, 2 * i}, i % 3 == 0 ? "Squat" : "Break",
          i % 2 == 0 ? RepPhase.FIRST_HALF : RepPhase.NONE);
    }
    Recording r = b.build();
    assertThat(r.size()).isEqualTo(1000);
    assertThat(r.value(2, 999)).isEqualTo(1998.0);
    assertThat(r.time(10)).isEqualTo(1.0);
    assertThat(r.labelNames()).containsExactly("Squat", "Break");
    assertThat(r.labelName(3)).isEqualTo("Squat");
    assertThat(r.labelName(4)).isEqualTo("Break");
    assertThat(r.phase(4)).isEqualTo(RepPhase.FIRST_HALF);
    assertThat(r.phase(5)).isEqualTo(RepPhase.NONE);
  }

  @Test
  void copiesOutSoCallersCannotMutate() {
    Recording r = Recording.builder("1", "s", "t", LAYOUT)
        .add(0, new double[] {1, 2, 3}, "a", RepPhase.NONE).build();
    r.channel(0)[0] = 99;
    r.times()[0] = 99;
    assertThat(r.value(0, 0)).isEqualTo(1.0);
    assertThat(r.time(0)).isZero();
  }

  @Test
  void refusesTimeGoingBackwards() {
    Recording.Builder b = Recording.builder("1", "s", "t", LAYOUT)
        .add(1.0, new double[3], "a", RepPhase.NONE)
        .add(1.0, new double[3], "a", RepPhase.NONE);
    assertThatThrownBy(b::build).hasMessageContaining("sample 1");
  }
}
