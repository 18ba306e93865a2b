package org.imucompanion.models.athlete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.Recording;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.junit.jupiter.api.Test;

class TemplateBuilderTest {
  private static final double DT = 0.1;

  /** Squats of a known shape: 12 samples down, 13 up, 1 s pauses, sets of 3, 5 s rests. */
  private static Recording session(String subject, double amplitude) {
    Recording.Builder b = Recording.builder(subject, "s" + subject, "generated",
        ExermoteReader.LAYOUT);
    double[] t = {0};
    add(b, t, 50, "setBreak", RepPhase.NONE, 0);
    for (int set = 0; set < 2; set++) {
      for (int rep = 0; rep < 3; rep++) {
        for (int i = 0; i < 25; i++) {
          double phase = i / 24.0;
          add(b, t, 1, "Squat", i < 12 ? RepPhase.FIRST_HALF : RepPhase.SECOND_HALF,
              amplitude * Math.sin(Math.PI * phase));
        }
        if (rep < 2) {
          add(b, t, 10, "Break", RepPhase.NONE, 0);
        }
      }
      add(b, t, 50, "setBreak", RepPhase.NONE, 0);
    }
    return b.build();
  }

  /** Gravity tilts in the y-z plane by {@code tilt} rad; linear acceleration follows it. */
  private static void add(Recording.Builder b, double[] t, int n, String label, RepPhase phase,
      double tilt) {
    for (int i = 0; i < n; i++) {
      double[] v = new double[ExermoteReader.LAYOUT.size()];
      double gy = Math.cos(tilt);
      double gz = Math.sin(tilt);
      double lin = 0.2 * tilt;
      v[0] = 0;
      v[1] = gy;
      v[2] = gz + lin;
      v[4] = gy;
      v[5] = gz;
      v[8] = lin;
      b.add(t[0], v, label, phase);
      t[0] += DT;
    }
  }

  @Test
  void theTemplateRecoversAKnownRepetitionAndItsTiming() throws Exception {
    Dataset data = new Dataset("generated", "two subjects squatting",
        ExermoteReader.SAMPLE_RATE_HZ, List.of(session("1", 1.0), session("2", 1.0)),
        new ArrayList<>());
    AthleteTemplates t = new TemplateBuilder(32).build(data);
    ExerciseTemplate squat = t.exercise("Squat").orElseThrow();
    assertThat(squat.repCount()).isEqualTo(12);
    assertThat(squat.durationMean()).isCloseTo(2.5, within(1e-9));
    assertThat(squat.firstHalfShare()).isCloseTo(12 / 25.0, within(1e-9));
    assertThat(squat.pauseMean()).isCloseTo(1.0, within(1e-9));
    assertThat(squat.minReps()).isEqualTo(3);
    assertThat(squat.maxReps()).isEqualTo(3);
    // Half-way through, the arm is tilted by 1 rad: gravity (0, cos 1, sin 1), lin_acc_z 0.2.
    assertThat(squat.at(1, 0.5)).isCloseTo(Math.cos(1), within(0.01));
    assertThat(squat.at(2, 0.5)).isCloseTo(Math.sin(1), within(0.01));
    assertThat(squat.at(5, 0.5)).isCloseTo(0.2, within(0.01));
    assertThat(squat.at(1, 0)).isCloseTo(1, within(0.01));
    // Identical repetitions: nothing unexplained, no amplitude spread, no orientation spread.
    assertThat(squat.noiseSd()[1]).isLessThan(0.02);
    assertThat(squat.amplitudeSd()).isLessThan(0.02);
    assertThat(t.rest().orientationSpreadRad()).isLessThan(1e-6);
    // The rests between sets, not the session's opening or closing idle.
    assertThat(t.rest().durationMean()).isCloseTo(5.0, within(1e-9));
    assertThat(t.rest().gravity()).containsExactly(new double[] {0, 1, 0}, within(1e-9));
  }

  @Test
  void theOrientationSpreadMeasuresHowDifferentlySubjectsWearThePhone() {
    Dataset data = new Dataset("generated", "one subject tilts further",
        ExermoteReader.SAMPLE_RATE_HZ, List.of(session("1", 0.5), session("2", 1.5)),
        new ArrayList<>());
    AthleteTemplates t = new TemplateBuilder(32).build(data);
    assertThat(t.rest().orientationSpreadRad()).isGreaterThan(0.1);
    assertThat(t.exercise("Squat").orElseThrow().amplitudeSd()).isGreaterThan(0.3);
  }

  @Test
  void theWrittenTemplatesAreSmallAndHoldNoRecordedRow() throws Exception {
    AthleteTemplates t = AthleteTemplates.shipped();
    StringWriter out = new StringWriter();
    t.write(out, "test");
    // A few KB, whatever the dataset's size: 3 exercises x 9 channels x 64 points at most.
    assertThat(out.toString().length()).isLessThan(20_000);
    assertThat(out.toString()).doesNotContain("timeStampSaved").doesNotContain("2017-");
  }
}
