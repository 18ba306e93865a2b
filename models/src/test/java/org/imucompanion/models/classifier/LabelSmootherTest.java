package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LabelSmootherTest {
  private static final List<String> CLASSES = List.of("Burpee", "Squat", "Situp", "Rest");
  private static final int SQUAT = 1;
  private static final int SITUP = 2;
  private static final int REST = 3;

  // No averaging, so the dwell counts are exact and the tests read like the rules.
  private static final LabelSmoother.Settings CRISP =
      new LabelSmoother.Settings(1.0, 3, 8, 20, 0.1, 0.5);

  private static float[] confident(int cls) {
    float[] p = {0.04f, 0.04f, 0.04f, 0.04f};
    p[cls] = 0.88f;
    return p;
  }

  private static List<SmoothedLabel> run(LabelSmoother s, List<float[]> posteriors) {
    List<SmoothedLabel> out = new ArrayList<>();
    for (float[] p : posteriors) {
      out.add(s.step(p));
    }
    return out;
  }

  private static List<float[]> repeat(int cls, int n) {
    List<float[]> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(confident(cls));
    }
    return l;
  }

  private static long changes(List<SmoothedLabel> labels) {
    return labels.stream().filter(SmoothedLabel::changed).count();
  }

  @Test
  void startsOnRestAndShowsAnExerciseAfterTheEnterDwell() {
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP);
    List<SmoothedLabel> labels = run(s, repeat(SQUAT, 5));
    assertThat(labels).extracting(SmoothedLabel::className)
        .containsExactly("Rest", "Rest", "Squat", "Squat", "Squat");
    assertThat(labels.get(2).changed()).isTrue();
    assertThat(changes(labels)).isEqualTo(1);
  }

  @Test
  void pausesBetweenRepetitionsDoNotFlicker() {
    // A set: squat reps separated by 1.5 s pauses that a window classifier calls rest (at 10
    // windows per second), then a 4 s pause between sets.
    List<float[]> seq = new ArrayList<>();
    for (int rep = 0; rep < 6; rep++) {
      seq.addAll(repeat(SQUAT, 20));
      seq.addAll(repeat(REST, 15));
    }
    seq.addAll(repeat(REST, 40));
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP);
    List<SmoothedLabel> labels = run(s, seq);

    assertThat(changes(labels)).as("rest->squat once, squat->rest once").isEqualTo(2);
    assertThat(labels.get(2).className()).isEqualTo("Squat");
    int lastRepEnd = 6 * 35 - 15;
    assertThat(labels.subList(2, lastRepEnd + 15)).allMatch(l -> l.className().equals("Squat"));
    assertThat(labels.get(labels.size() - 1).className()).isEqualTo("Rest");
    // Rest is shown exactly restSteps windows after the last rep ended.
    assertThat(labels.get(lastRepEnd + 18).className()).isEqualTo("Squat");
    assertThat(labels.get(lastRepEnd + 19).className()).isEqualTo("Rest");
  }

  @Test
  void aSingleOddWindowIsIgnored() {
    List<float[]> seq = new ArrayList<>(repeat(SQUAT, 10));
    seq.add(confident(SITUP));
    seq.add(confident(SITUP));
    seq.addAll(repeat(SQUAT, 10));
    List<SmoothedLabel> labels = run(new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP), seq);
    assertThat(labels.subList(2, labels.size())).allMatch(l -> l.className().equals("Squat"));
  }

  @Test
  void switchingStraightBetweenExercisesNeedsTheLongerDwell() {
    List<float[]> seq = new ArrayList<>(repeat(SQUAT, 5));
    seq.addAll(repeat(SITUP, 10));
    List<SmoothedLabel> labels = run(new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP), seq);
    // Squat is shown at step 2 (enter dwell 3); situp starts at step 5 and needs 8 steps.
    assertThat(labels.get(11).className()).isEqualTo("Squat");
    assertThat(labels.get(12).className()).isEqualTo("Situp");
    assertThat(changes(labels)).isEqualTo(2);
  }

  @Test
  void aChallengerWithinTheMarginDoesNotWin() {
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP);
    run(s, repeat(SQUAT, 5));
    for (int i = 0; i < 50; i++) {
      assertThat(s.step(new float[] {0.0f, 0.45f, 0.52f, 0.03f}).className()).isEqualTo("Squat");
    }
    for (int i = 0; i < 7; i++) {
      s.step(new float[] {0.0f, 0.3f, 0.67f, 0.03f});
    }
    assertThat(s.step(new float[] {0.0f, 0.3f, 0.67f, 0.03f}).className()).isEqualTo("Situp");
  }

  @Test
  void anUnsureChallengerDoesNotWin() {
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP);
    for (int i = 0; i < 30; i++) {
      // Squat leads rest by 0.2 but is below the 0.5 confidence floor.
      assertThat(s.step(new float[] {0.2f, 0.4f, 0.2f, 0.2f}).className()).isEqualTo("Rest");
    }
  }

  @Test
  void averagingDelaysButDoesNotPreventAChange() {
    LabelSmoother.Settings averaged = new LabelSmoother.Settings(0.3, 3, 8, 20, 0.1, 0.5);
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), averaged);
    List<float[]> seq = new ArrayList<>(repeat(REST, 10));
    seq.addAll(repeat(SQUAT, 10));
    List<SmoothedLabel> labels = run(s, seq).subList(10, 20);
    int first = labels.stream().map(SmoothedLabel::className).toList().indexOf("Squat");
    assertThat(first).as("later than without averaging").isGreaterThan(2).isLessThan(10);
    assertThat(labels.get(first).confidence()).isGreaterThan(0.5).isLessThan(0.88);
  }

  @Test
  void withoutRestClassTheFirstWindowDecides() {
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.empty(), CRISP);
    SmoothedLabel first = s.step(confident(SITUP));
    assertThat(first.className()).isEqualTo("Situp");
    assertThat(first.changed()).isFalse();
  }

  @Test
  void resetStartsOver() {
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP);
    List<float[]> seq = new ArrayList<>(repeat(SQUAT, 4));
    seq.addAll(repeat(SITUP, 2));
    List<SmoothedLabel> once = run(s, seq);
    s.reset();
    assertThat(run(s, seq)).isEqualTo(once);
  }

  @Test
  void wrongNumberOfProbabilitiesIsRefused() {
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), CRISP);
    assertThatThrownBy(() -> s.step(new float[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 3 probabilities, smoother has 4 classes");
  }

  @Test
  void secondsBecomeSteps() {
    LabelSmoother.Settings s = LabelSmoother.Settings.ofSeconds(0.1, 0, 0.3, 1.0, 2.0, 0.1, 0.5);
    assertThat(s.newestWeight()).isEqualTo(1.0);
    assertThat(s.enterSteps()).isEqualTo(3);
    assertThat(s.switchSteps()).isEqualTo(10);
    assertThat(s.restSteps()).isEqualTo(20);
    LabelSmoother.Settings slow =
        LabelSmoother.Settings.ofSeconds(1.0, 1.0, 0.2, 2.0, 2.0, 0.1, 0.5);
    assertThat(slow.enterSteps()).as("never less than one step").isEqualTo(1);
    assertThat(slow.newestWeight()).isCloseTo(1 - Math.exp(-1), org.assertj.core.data.Offset.offset(1e-12));
  }

  @Property
  void everyChangeNeedsASustainedLead(@ForAll("posteriors") List<float[]> seq) {
    LabelSmoother.Settings settings = new LabelSmoother.Settings(0.5, 3, 4, 6, 0.1, 0.4);
    LabelSmoother s = new LabelSmoother(CLASSES, OptionalInt.of(REST), settings);
    int sinceChange = Integer.MAX_VALUE / 2;
    int changes = 0;
    for (float[] p : seq) {
      SmoothedLabel l = s.step(p);
      sinceChange++;
      if (l.changed()) {
        changes++;
        assertThat(sinceChange).as("a change only after a full dwell").isGreaterThanOrEqualTo(3);
        assertThat(l.confidence()).isGreaterThanOrEqualTo(0.4);
        sinceChange = 0;
      }
    }
    assertThat(changes).isLessThanOrEqualTo(seq.size() / 3);
  }

  @Provide
  Arbitrary<List<float[]>> posteriors() {
    Arbitrary<float[]> one = Arbitraries.floats().between(0f, 1f).list().ofSize(4).map(l -> {
      float sum = 1e-6f;
      for (float f : l) {
        sum += f;
      }
      float[] p = new float[4];
      for (int i = 0; i < 4; i++) {
        p[i] = l.get(i) / sum;
      }
      return p;
    });
    return one.list().ofMinSize(1).ofMaxSize(200);
  }
}
