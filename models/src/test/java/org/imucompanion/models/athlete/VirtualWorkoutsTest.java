package org.imucompanion.models.athlete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.imucompanion.models.Recording;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExerciseSet;
import org.imucompanion.models.dataset.ExerciseSets;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.export.ExportSummary;
import org.imucompanion.models.export.WindowExporter;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualWorkoutsTest {
  private static final double RATE_HZ = 50;
  private final AthleteTemplates templates = AthleteTemplates.shipped();

  @Test
  void evaluationsGroundTruthReadsThePlannedSetsFromTheLabels() {
    // The same ground truth code as `evaluate` on Exermote finds every planned set, its exercise
    // and its repetitions, each ending within a sample of the plan.
    for (long seed = 1; seed <= 3; seed++) {
      VirtualAthlete athlete = VirtualAthlete.of(templates, seed, 2);
      Recording r = VirtualWorkouts.recording(athlete, RATE_HZ);
      List<ExerciseSet> sets = ExerciseSets.of(r);
      assertThat(sets).hasSameSizeAs(athlete.sets());
      for (int i = 0; i < sets.size(); i++) {
        VirtualAthlete.PlannedSet planned = athlete.sets().get(i);
        assertThat(sets.get(i).exercise()).isEqualTo(planned.exercise());
        assertThat(sets.get(i).repetitions()).isEqualTo(planned.repetitions());
        for (int k = 0; k < planned.repetitions(); k++) {
          assertThat(sets.get(i).repetitionEndsSeconds().get(k))
              .isBetween(planned.repetitionEndsSeconds().get(k) - 1 / RATE_HZ,
                  planned.repetitionEndsSeconds().get(k));
        }
      }
      assertThat(r.layout().names()).isEqualTo(VirtualWorkouts.CHANNELS);
      assertThat(r.time(1) - r.time(0)).isCloseTo(1 / RATE_HZ,
          org.assertj.core.data.Offset.offset(1e-12));
      // One round: the next sample would start the workout again.
      assertThat(r.time(r.size() - 1)).isBetween(athlete.roundSeconds() - 1.5 / RATE_HZ,
          athlete.roundSeconds());
    }
  }

  @Test
  void eachRepetitionsFirstHalfLastsTheTemplatesShare() {
    VirtualAthlete athlete = VirtualAthlete.of(templates, 4, 1);
    Recording r = VirtualWorkouts.recording(athlete, RATE_HZ);
    int first = 0;
    int all = 0;
    for (int i = 0; i < r.size(); i++) {
      switch (r.phase(i)) {
        case FIRST_HALF -> {
          first++;
          all++;
        }
        case SECOND_HALF -> all++;
        case NONE -> assertThat(r.labelName(i)).isIn(ExerciseSets.EXERMOTE_PAUSE,
            ExerciseSets.EXERMOTE_SET_BREAK);
        default -> throw new AssertionError(r.phase(i));
      }
    }
    double meanShare = templates.exercises().stream()
        .mapToDouble(ExerciseTemplate::firstHalfShare).average().orElseThrow();
    assertThat((double) first / all).isBetween(meanShare - 0.1, meanShare + 0.1);
  }

  @Test
  void theWindowExportTakesItAsItTakesExermote(@TempDir Path dir) throws Exception {
    Dataset d = VirtualWorkouts.dataset(templates, List.of(1L, 2L), 1, RATE_HZ);
    assertThat(d.recordings()).extracting(Recording::subject)
        .containsExactly("virtual-1", "virtual-2");
    PipelineSettings settings = PipelineSettings.exermoteDefault();
    ExportSummary summary = new WindowExporter(settings, ClassMapping.exermoteDefault())
        .export(d, dir);
    assertThat(summary.skippedUnmappedWindows()).isZero();
    assertThat(summary.gaps()).isZero();
    for (String c : ClassMapping.exermoteDefault().classes()) {
      assertThat(summary.windowsPerClass().get(c)).as(c).isPositive();
    }
    assertThat(summary.windowsPerSubject()).hasSize(2);
  }

  @Test
  void refusesRepeatedSeedsAndABadRate() {
    assertThatThrownBy(() -> VirtualWorkouts.dataset(templates, List.of(1L, 1L), 1, RATE_HZ))
        .hasMessageContaining("distinct seeds");
    assertThatThrownBy(() -> VirtualWorkouts.dataset(templates, List.of(), 1, RATE_HZ))
        .hasMessageContaining("distinct seeds");
    assertThatThrownBy(() -> VirtualWorkouts.recording(VirtualAthlete.of(templates, 1, 1), 0))
        .hasMessageContaining("rate must be positive");
  }
}
