package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

  @Test
  void knownConfusionGivesKnownPrecisionRecallAndF1() {
    // true A: 8 right, 2 as B; true B: 1 as A, 9 right; C never occurs and is never predicted.
    ClassificationReport r = new ClassificationReport(List.of("A", "B", "C"),
        new long[][] {{8, 2, 0}, {1, 9, 0}, {0, 0, 0}});

    assertThat(r.precision(0)).isCloseTo(8.0 / 9, within(1e-12));
    assertThat(r.recall(0)).isCloseTo(0.8, within(1e-12));
    assertThat(r.f1(0)).isCloseTo(2 * (8.0 / 9) * 0.8 / (8.0 / 9 + 0.8), within(1e-12));
    assertThat(r.precision(1)).isCloseTo(9.0 / 11, within(1e-12));
    assertThat(r.recall(1)).isCloseTo(0.9, within(1e-12));
    assertThat(r.f1(2)).isNaN();
    // C is absent from the truth: macro-F1 averages A and B only.
    double fb = 2 * (9.0 / 11) * 0.9 / (9.0 / 11 + 0.9);
    assertThat(r.macroF1()).isCloseTo((r.f1(0) + fb) / 2, within(1e-12));
    assertThat(r.accuracy()).isCloseTo(17.0 / 20, within(1e-12));
    assertThat(r.total()).isEqualTo(20);
  }

  @Test
  void aClassPredictedButNeverTrueCostsPrecisionNotMacroAverageMembership() {
    ClassificationReport r = ClassificationReport.empty(List.of("A", "B"));
    r.add(0, 0);
    r.add(0, 1);
    assertThat(r.f1(0)).isCloseTo(2 * 1.0 * 0.5 / 1.5, within(1e-12));
    assertThat(r.macroF1()).isCloseTo(r.f1(0), within(1e-12));
    assertThat(r.precision(1)).isZero();
  }

  @Test
  void poolingAddsCountsAndRefusesOtherClasses() {
    ClassificationReport a = ClassificationReport.empty(List.of("A", "B"));
    a.add(0, 0);
    ClassificationReport b = ClassificationReport.empty(List.of("A", "B"));
    b.add(1, 0);
    a.addAll(b);
    assertThat(a.confusion()).isEqualTo(new long[][] {{1, 0}, {1, 0}});
    assertThatThrownBy(() -> a.addAll(ClassificationReport.empty(List.of("A", "C"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tableShowsEveryClassAndTheMatrix() {
    ClassificationReport r = new ClassificationReport(List.of("Squat", "Rest"),
        new long[][] {{3, 1}, {0, 4}});
    String t = r.table("title");
    assertThat(t).startsWith("title\n").contains("macro-F1 0.873  accuracy 0.875  (8 steps)")
        .containsPattern("\\nSquat +3 +1\\n").containsPattern("\\nRest +0 +4\\n");
  }

  @Test
  void longClassNamesKeepTheMatrixAligned() {
    ClassificationReport r = new ClassificationReport(List.of("Pushup_Incorrect", "Squat"),
        new long[][] {{1, 2}, {3, 4}});
    String[] lines = r.table("t").split("\n");
    int header = lines.length - 3;
    assertThat(lines[header + 1].length()).isEqualTo(lines[header].length())
        .isEqualTo(lines[header + 2].length());
  }

  @Test
  void subjectsSortByNumberThenByName() {
    List<String> ids = new java.util.ArrayList<>(List.of("10", "b", "2", "1", "a"));
    ids.sort(StreamingEvaluation.SUBJECT_ORDER);
    assertThat(ids).containsExactly("1", "2", "10", "a", "b");
  }
}
