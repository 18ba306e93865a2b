package org.imucompanion.models.reps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.ExerciseSet;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;

/** The evaluation's bookkeeping on a generated Exermote-like recording. */
class RepEvaluationTest {
  @Test
  void comparesCountsSetBySetAndTimesRepetitionEnds() {
    // Two sets of squats, labelled the Exermote way: firstHalf/secondHalf, Break, setBreak.
    SyntheticSets s = new SyntheticSets(42, 0.003);
    Recording.Builder b = Recording.builder("7", "gen", "generated", ExermoteReader.LAYOUT);
    List<Integer> reps = List.of(5, 3);
    s.rest(5, "setBreak");
    for (int set = 0; set < reps.size(); set++) {
      for (int i = 0; i < reps.get(set); i++) {
        s.repetition(2.4, Math.toRadians(50), "Squat").rest(0.8, "Break");
      }
      s.rest(20, "setBreak");
    }
    double repStart = -1;
    for (int i = 0; i < s.times.size(); i++) {
      double[] v = s.samples.get(i);
      double[] row = new double[ExermoteReader.LAYOUT.size()];
      // Layout: accel, gravity, lin_acc, gyro; the synthetic sample is gravity, lin_acc, gyro.
      for (int k = 0; k < 3; k++) {
        row[k] = v[k] + v[3 + k];
        row[3 + k] = v[k];
        row[6 + k] = v[3 + k];
        row[9 + k] = v[6 + k];
      }
      String label = s.labels.get(i);
      RepPhase phase = RepPhase.NONE;
      if (label.equals("Squat")) {
        if (repStart < 0 || s.times.get(i) - repStart >= 2.4 - 1e-9) {
          repStart = s.times.get(i);
        }
        phase = s.times.get(i) - repStart < 1.2 ? RepPhase.FIRST_HALF : RepPhase.SECOND_HALF;
      } else {
        repStart = -1;
      }
      b.add(s.times.get(i), row, label, phase);
    }
    RepEvaluation.Extras extras = new RepEvaluation.Extras();
    List<RepEvaluation.SetResult> sets = RepEvaluation.evaluate(b.build(),
        RepEvaluation.DeviceChannels.exermotePhone(), PipelineSettings.exermoteDefault(),
        RepProfiles.defaults(), RepCounter.Settings.defaults(), extras);

    assertThat(sets).extracting(RepEvaluation.SetResult::trueCount).containsExactly(5, 3);
    assertThat(sets).extracting(RepEvaluation.SetResult::counted).containsExactly(5, 3);
    assertThat(extras.inFalseSets()).isZero();
    assertThat(extras.outsideTheirSet()).isZero();
    RepEvaluation.Report report = new RepEvaluation.Report("gen", sets, extras);
    RepEvaluation.Row all = report.overall();
    assertThat(all.exactShare()).isEqualTo(1.0);
    assertThat(all.meanAbsoluteError()).isZero();
    assertThat(all.medianTimingErrorSeconds()).isLessThan(1.0);
    assertThat(report.rows()).extracting(RepEvaluation.Row::exercise)
        .containsExactly("Squat", RepEvaluation.ALL);
    assertThat(report.miscounts()).isEmpty();
  }

  @Test
  void countsAsTheCoachReadsTheCounterSetBySet() {
    Recording.Builder b = Recording.builder("7", "gen", "generated", ExermoteReader.LAYOUT);
    b.add(0, new double[ExermoteReader.LAYOUT.size()], "setBreak", RepPhase.NONE);
    Recording recording = b.build();
    List<ExerciseSet> truth = List.of(
        new ExerciseSet("Squat", 10, 20, List.of(13.0, 16.5, 20.0)),
        new ExerciseSet("Burpee", 40, 50, List.of(45.0, 50.0)));
    List<RepEvent> events = List.of(
        // Counter set 1: the three squats, then one more 4 s after the set ended, under the
        // label the classifier still held: the coach read 4.
        new RepEvent(13.1, "Squat", 1, 1, 1),
        new RepEvent(16.4, "Squat", 1, 2, 1),
        new RepEvent(19.9, "Squat", 1, 3, 1),
        new RepEvent(24.0, "Squat", 1, 4, 1),
        // Counter set 2: "Squat" shown during the rest and into the burpee set: a false set,
        // not the burpees' count.
        new RepEvent(33.0, "Squat", 2, 1, 1),
        new RepEvent(41.0, "Squat", 2, 2, 1),
        // Counter set 3: the burpees, one missed.
        new RepEvent(49.8, "Burpee", 3, 1, 1));
    RepEvaluation.Extras extras = new RepEvaluation.Extras();

    List<RepEvaluation.SetResult> sets = RepEvaluation.score(recording, truth, events, extras);

    assertThat(sets).extracting(RepEvaluation.SetResult::counted).containsExactly(4, 1);
    assertThat(sets).extracting(RepEvaluation.SetResult::error).containsExactly(1, -1);
    assertThat(extras.inFalseSets()).isEqualTo(2);
    assertThat(extras.outsideTheirSet()).isEqualTo(1);
    assertThat(sets.get(0).timingErrorsSeconds()).hasSize(4);
  }

  @Test
  void aggregatesErrorsPerExercise() {
    RepEvaluation.Report r = new RepEvaluation.Report("x", List.of(
        new RepEvaluation.SetResult("1", "a", "Squat", 0, 5, 5, List.of(0.2, -0.4)),
        new RepEvaluation.SetResult("1", "a", "Squat", 30, 5, 6, List.of(1.0)),
        new RepEvaluation.SetResult("2", "b", "Situp", 0, 4, 2, List.of())), 1, 0);
    RepEvaluation.Row squat = r.rows().get(1);
    assertThat(squat.exercise()).isEqualTo("Squat");
    assertThat(squat.exactShare()).isEqualTo(0.5);
    assertThat(squat.withinOneShare()).isEqualTo(1.0);
    assertThat(squat.meanAbsoluteError()).isEqualTo(0.5);
    assertThat(squat.medianTimingErrorSeconds()).isCloseTo(0.4, within(1e-12));
    assertThat(squat.medianSignedTimingErrorSeconds()).isCloseTo(0.2, within(1e-12));
    RepEvaluation.Row all = r.overall();
    assertThat(all.sets()).isEqualTo(3);
    assertThat(all.withinOneShare()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(all.meanAbsoluteError()).isEqualTo(1.0);
    assertThat(r.miscounts()).contains("Situp").contains("true  4 counted  2");
  }
}
