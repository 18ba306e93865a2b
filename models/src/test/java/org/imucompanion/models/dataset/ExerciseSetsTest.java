package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.junit.jupiter.api.Test;

class ExerciseSetsTest {
  private final Recording.Builder b =
      Recording.builder("1", "s", "t", ChannelLayout.of(Channels.GYRO_X));
  private int n;

  private void run(String label, RepPhase phase, int samples) {
    for (int i = 0; i < samples; i++) {
      b.add(n++ * 0.1, new double[1], label, phase);
    }
  }

  private void rep(String exercise) {
    run(exercise, RepPhase.FIRST_HALF, 3);
    run(exercise, RepPhase.SECOND_HALF, 4);
  }

  @Test
  void countsRepetitionsPerSetAcrossBreaks() {
    run("setBreak", RepPhase.NONE, 10);
    for (int r = 0; r < 3; r++) {
      rep("Squat");
      run("Break", RepPhase.NONE, 2);
    }
    run("setBreak", RepPhase.NONE, 10);
    rep("Situp");
    rep("Situp");
    // The exercise changes without a set break: a new set.
    rep("Burpee");
    run("setBreak", RepPhase.NONE, 5);
    // A recording cut mid-repetition: the incomplete repetition is not counted.
    rep("Squat");
    run("Squat", RepPhase.FIRST_HALF, 2);

    List<ExerciseSet> sets = ExerciseSets.of(b.build());
    assertThat(sets).extracting(ExerciseSet::exercise)
        .containsExactly("Squat", "Situp", "Burpee", "Squat");
    assertThat(sets).extracting(ExerciseSet::repetitions).containsExactly(3, 2, 1, 1);
    ExerciseSet first = sets.get(0);
    // Sample 10 starts the first rep; rep k ends at sample 10 + 9k + 6.
    assertThat(first.startSeconds()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(first.repetitionEndsSeconds().get(1))
        .isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void secondHalfRunningToTheEndCompletesTheRepetition() {
    rep("Squat");
    assertThat(ExerciseSets.of(b.build())).singleElement()
        .satisfies(s -> assertThat(s.repetitions()).isEqualTo(1));
  }

  @Test
  void noPhasesNoSets() {
    run("Pushup", RepPhase.NONE, 20);
    assertThat(ExerciseSets.of(b.build())).isEmpty();
  }
}
