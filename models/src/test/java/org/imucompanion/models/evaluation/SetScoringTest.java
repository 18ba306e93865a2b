package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-set coach view from hand-made label sequences. */
class SetScoringTest {
  private static final int REST = 1;
  private static final int SQUAT = 0;

  /** Windows every 0.5 s from 0 to 20 s; shown labels given per window. */
  private static List<Double> ends() {
    List<Double> t = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      t.add(i * 0.5);
    }
    return t;
  }

  private static List<Integer> shown(int squatFrom, int... flickerTo) {
    List<Integer> s = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      s.add(i >= squatFrom ? SQUAT : REST);
    }
    for (int f : flickerTo) {
      s.set(f, REST);
    }
    return s;
  }

  @Test
  void aSetShownAfterTwoWindowsHasThatDelayAndOneChange() {
    // Set from 5.0 s to 15.0 s; squat shown from window 12 (6.0 s).
    SetOutcome o = StreamingEvaluation.scoreSet("1", "s", "Squat", SQUAT, 5.0, 15.0, ends(),
        shown(12), 2);
    assertThat(o.delaySeconds()).isCloseTo(1.0, within(1e-12));
    assertThat(o.labelChanges()).isEqualTo(1);
    assertThat(o.rightMostOfTheSet()).isTrue();
  }

  @Test
  void aFlickerInsideTheSetCountsTwoMoreChanges() {
    SetOutcome o = StreamingEvaluation.scoreSet("1", "s", "Squat", SQUAT, 5.0, 15.0, ends(),
        shown(12, 20), 2);
    assertThat(o.labelChanges()).isEqualTo(3);
    assertThat(o.delaySeconds()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aSetNeverShownIsWrongWithInfiniteDelay() {
    SetOutcome o = StreamingEvaluation.scoreSet("1", "s", "Squat", SQUAT, 5.0, 15.0, ends(),
        shown(100), 2);
    assertThat(o.delaySeconds()).isInfinite();
    assertThat(o.rightMostOfTheSet()).isFalse();
    assertThat(o.labelChanges()).isZero();
  }

  @Test
  void aSetShownOnlyInItsLastThirdIsNotRightMostOfTheSet() {
    SetOutcome o = StreamingEvaluation.scoreSet("1", "s", "Squat", SQUAT, 5.0, 15.0, ends(),
        shown(24), 2);
    assertThat(o.rightMostOfTheSet()).isFalse();
    assertThat(o.delaySeconds()).isCloseTo(7.0, within(1e-12));
  }

  @Test
  void summaryCountsRightDelaysAndFlicker() {
    SetReport r = new SetReport(List.of(
        new SetOutcome("1", "s", "Squat", 0, true, 0.5, 1),
        new SetOutcome("1", "s", "Squat", 0, true, 1.0, 3),
        new SetOutcome("2", "s", "Situp", 0, true, 2.0, 1),
        new SetOutcome("2", "s", "Situp", 0, false, Double.POSITIVE_INFINITY, 0)));
    SetReport.Summary all = r.overall();
    assertThat(all.sets()).isEqualTo(4);
    assertThat(all.right()).isEqualTo(3);
    assertThat(all.neverShown()).isEqualTo(1);
    // Nearest rank: median of {0.5, 1, 2, inf} is the 2nd, p90 the 4th.
    assertThat(all.medianDelaySeconds()).isEqualTo(1.0);
    assertThat(all.p90DelaySeconds()).isInfinite();
    assertThat(all.withinTargetShare()).isEqualTo(0.5);
    assertThat(all.flickering()).isEqualTo(1);
    assertThat(all.maxChanges()).isEqualTo(3);
    assertThat(r.summaries()).extracting(SetReport.Summary::exercise)
        .containsExactly("Situp", "Squat", "all");
  }
}
