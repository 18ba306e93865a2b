package org.imucompanion.models.athlete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AthleteTemplatesTest {
  @Test
  void theShippedTemplatesHoldTheModelsExercisesAndOnlyDerivedStatistics() {
    AthleteTemplates t = AthleteTemplates.shipped();
    assertThat(t.exercises()).extracting(ExerciseTemplate::exercise)
        .containsExactlyInAnyOrder("Burpee", "Squat", "Situp");
    for (ExerciseTemplate e : t.exercises()) {
      assertThat(e.points()).isEqualTo(TemplateBuilder.DEFAULT_POINTS);
      assertThat(e.repCount()).isGreaterThan(100);
      assertThat(e.durationMean()).isBetween(1.5, 6.0);
      assertThat(e.minReps()).isGreaterThanOrEqualTo(2);
      assertThat(e.maxReps()).isLessThanOrEqualTo(10);
    }
    assertThat(t.rest().durationMean()).isPositive();
  }

  @Test
  void writingAndReadingGivesTheSameTemplates() throws Exception {
    AthleteTemplates t = AthleteTemplates.shipped();
    StringWriter out = new StringWriter();
    t.write(out, "test");
    AthleteTemplates back = AthleteTemplates.read(new StringReader(out.toString()));
    assertThat(back.exercises()).hasSameSizeAs(t.exercises());
    for (int i = 0; i < t.exercises().size(); i++) {
      ExerciseTemplate a = t.exercises().get(i);
      ExerciseTemplate b = back.exercises().get(i);
      assertThat(b.exercise()).isEqualTo(a.exercise());
      assertThat(b.shape()[4]).containsExactly(a.shape()[4]);
      assertThat(b.energyGain()).containsExactly(a.energyGain());
    }
    assertThat(back.rest().gravity()).containsExactly(t.rest().gravity());
  }

  @Test
  void aMissingKeyIsNamed() {
    assertThatThrownBy(() -> AthleteTemplates.read(new StringReader("exercises=Squat\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Squat.shape.gravity_x");
  }

  @Test
  void aTemplateInterpolatesBetweenItsPoints() {
    double[][] shape = new double[ExerciseTemplate.CHANNELS][];
    for (int c = 0; c < shape.length; c++) {
      shape[c] = new double[] {0, 1, 2, 3, 4};
    }
    double[] nine = new double[9];
    ExerciseTemplate e = new ExerciseTemplate("X", shape, 0.5, 1, 2, 0, 0, 1, 0,
        new double[] {0, 0, 1}, 2, 3, nine, nine);
    assertThat(e.at(0, 0.5)).isEqualTo(2.0);
    assertThat(e.at(0, 0.125)).isEqualTo(0.5);
    assertThat(e.at(0, 2)).isEqualTo(4.0);
    assertThat(List.of(e.points())).containsExactly(5);
  }
}
