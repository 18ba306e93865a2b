package org.imucompanion.models.reps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imucompanion.models.classifier.LabelSmoother;
import org.imucompanion.models.classifier.ModelContract;
import org.junit.jupiter.api.Test;

class CountingLabelTest {
  /** Two classes, windows every 0.5 s (10 Hz, hop 5). */
  private static final ModelContract CONTRACT = new ModelContract(1, "t", List.of("Squat", "Rest"),
      Optional.of("Rest"), 10, 40, 5, List.of("gyro_x"), List.of(0.0), List.of(1.0),
      ModelContract.Output.PROBABILITIES, Map.of(), "test");

  @Test
  void turnsToRestWhileTheDisplayStillHoldsTheExercise() {
    CountingLabel counting = CountingLabel.forContract(CONTRACT);
    LabelSmoother display = LabelSmoother.forContract(CONTRACT);
    float[] squat = {0.95f, 0.05f};
    float[] rest = {0.03f, 0.97f};
    assertThat(counting.label()).isNull();
    assertThat(counting.restProbability()).isNaN();
    for (int i = 0; i < 10; i++) {
      counting.step(squat);
      display.step(squat);
    }
    assertThat(counting.label()).isEqualTo("Squat");
    assertThat(counting.restProbability()).isEqualTo(0.05f);

    // Rest leads from now on: the counting label follows after its dwell (plus a window or two of
    // averaging), the display keeps the exercise through a pause up to 3.5 s.
    int countingAfter = -1;
    String displayAtThatTime = null;
    for (int i = 1; i <= 6 && countingAfter < 0; i++) {
      counting.step(rest);
      String shown = display.step(rest).className();
      if (counting.label().equals("Rest")) {
        countingAfter = i;
        displayAtThatTime = shown;
      }
    }
    assertThat(countingAfter * CONTRACT.hopSeconds())
        .isBetween(CountingLabel.REST_SECONDS, CountingLabel.REST_SECONDS + 1.0);
    assertThat(displayAtThatTime).isEqualTo("Squat");
    // The newest window's rest probability, unsmoothed.
    assertThat(counting.restProbability()).isEqualTo(0.97f);
  }
}
