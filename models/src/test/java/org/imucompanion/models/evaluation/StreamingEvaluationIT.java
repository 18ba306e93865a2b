package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imucompanion.models.Recording;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.reps.RepEvaluation;
import org.junit.jupiter.api.Test;

/**
 * The shipped model (a real ONNX session) over the real Exermote recordings through the live
 * path, with its smoothed label driving the rep counter. Runs only when {@code imu.datasets}
 * names a directory holding {@code exermote/}. The model was trained on these subjects, so the
 * figures are optimistic; the bounds sit well below what was measured (MODEL_CARD.md) so that a
 * broken evaluation or pipeline fails while an honest small change shows in the printed report.
 */
class StreamingEvaluationIT {

  @Test
  void theShippedModelShowsEverySetAndDrivesTheCounterEndToEnd() throws Exception {
    Dataset exermote = exermote();
    StreamingEvaluation evaluation;
    try (OnnxClassifier model = DefaultModel.open(ClassifierOptions.DEFAULT);
        OnnxClassifier phase = DefaultModel.phase(ClassifierOptions.DEFAULT)) {
      evaluation = new StreamingEvaluation(model.classes(), ClassMapping.exermoteDefault(),
          StreamingEvaluation.Options.defaults().withRepsFromTrueLabel(true));
      for (Recording r : exermote.recordings()) {
        // The shipped phase model rides along (trained on these subjects too).
        evaluation.add(r, model, model.contract(), phase, phase.contract());
      }
    }
    EvaluationReport pooled = evaluation.pooled();
    System.out.println(pooled.text());

    assertThat(evaluation.subjects()).containsExactly("1", "2", "3", "4");
    assertThat(pooled.steps().total()).isGreaterThan(15_000);
    assertThat(pooled.steps().macroF1()).isGreaterThan(0.8);
    SetReport.Summary sets = pooled.sets().overall();
    assertThat(sets.sets()).isGreaterThan(150);
    assertThat(sets.right()).isGreaterThan(sets.sets() * 9 / 10);
    assertThat(sets.medianDelaySeconds()).isLessThan(1.5);
    RepEvaluation.Row byModel = pooled.repsByModelLabel().orElseThrow().overall();
    assertThat(byModel.sets()).isEqualTo(sets.sets());
    assertThat(byModel.withinOneShare()).isGreaterThan(0.85);
    assertThat(byModel.exactShare()).isGreaterThan(0.6);
    // The true-label run is RepEvaluation's own measurement, through the same scoring.
    RepEvaluation.Row byTruth = pooled.repsByTrueLabel().orElseThrow().overall();
    assertThat(byTruth.exactShare()).isGreaterThan(0.8);
    RepEvaluation.Row byPhase = pooled.repsByPhaseModel().orElseThrow().overall();
    assertThat(byPhase.sets()).isEqualTo(sets.sets());
    assertThat(byPhase.withinOneShare()).isGreaterThan(0.9);
    assertThat(byPhase.exactShare()).isGreaterThan(0.75);
    assertThat(pooled.repsByPhaseModelTrueLabel().orElseThrow().overall().sets())
        .isEqualTo(sets.sets());
    assertThat(pooled.toJson()).contains("\"reps_by_phase_model\":{\"rows\":[");
  }

  /**
   * With a grid of doubt shares, each subject's phase counting is the one its share gives when
   * run alone, and that share is the one that counted the other subjects best.
   */
  @Test
  void eachSubjectIsCountedWithTheDoubtShareThatDidBestOnTheOthers() throws Exception {
    Dataset exermote = exermote();
    List<Double> grid = List.of(0.99, 0.9, 0.0);
    StreamingEvaluation.Options base = StreamingEvaluation.Options.defaults();
    StreamingEvaluation chosen = evaluate(exermote, base.withPhaseDoubtGrid(grid));
    Map<Double, StreamingEvaluation> fixed = new HashMap<>();
    for (double share : grid) {
      fixed.put(share, evaluate(exermote,
          base.withPhaseCounter(base.phaseCounter().withDoubtShare(share))));
    }

    for (String subject : chosen.subjects()) {
      double best = Double.NaN;
      long bestScore = Long.MIN_VALUE;
      for (double share : grid) {
        long score = 0;
        for (String other : chosen.subjects()) {
          if (!other.equals(subject)) {
            score += score(fixed.get(share).report(other).orElseThrow());
          }
        }
        if (score > bestScore) {
          bestScore = score;
          best = share;
        }
      }
      assertThat(chosen.phaseDoubtShare(subject)).as("subject " + subject).isEqualTo(best);
      assertThat(phaseSets(chosen.report(subject).orElseThrow()))
          .isEqualTo(phaseSets(fixed.get(best).report(subject).orElseThrow()));
    }
    assertThat(chosen.pooled().repsByPhaseModel().orElseThrow().description())
        .contains("doubt share chosen on the other subjects from [0.99, 0.9, 0.0]");
    // The choice matters here: the first share (ties go to it) loses for some subject.
    assertThat(chosen.subjects()).anyMatch(s -> chosen.phaseDoubtShare(s) != grid.get(0));
  }

  /**
   * Two sessions per subject, the shipped classifier and the shipped phase model (trained on
   * these subjects: its counts are optimistic, but they differ between doubt shares, which is
   * what is checked here).
   */
  private static StreamingEvaluation evaluate(Dataset exermote,
      StreamingEvaluation.Options options) throws Exception {
    try (OnnxClassifier model = DefaultModel.open(ClassifierOptions.DEFAULT);
        OnnxClassifier phase = DefaultModel.phase(ClassifierOptions.DEFAULT)) {
      StreamingEvaluation evaluation =
          new StreamingEvaluation(model.classes(), ClassMapping.exermoteDefault(), options);
      Map<String, Integer> taken = new HashMap<>();
      for (Recording r : exermote.recordings()) {
        if (taken.merge(r.subject(), 1, Integer::sum) <= 2) {
          evaluation.add(r, model, model.contract(), phase, phase.contract());
        }
      }
      return evaluation;
    }
  }

  /** The choice criterion, written out: sets exact, then within one, then extra repetitions. */
  private static long score(EvaluationReport report) {
    RepEvaluation.Report reps = report.repsByPhaseModel().orElseThrow();
    long exact = reps.sets().stream().filter(s -> s.error() == 0).count();
    long within = reps.sets().stream().filter(s -> Math.abs(s.error()) <= 1).count();
    return exact * 1_000_000 + within * 1_000 - reps.spuriousEvents() - reps.strayEvents();
  }

  private static List<RepEvaluation.SetResult> phaseSets(EvaluationReport report) {
    return report.repsByPhaseModel().orElseThrow().sets();
  }

  private static Dataset exermote() throws IOException {
    String dir = System.getProperty("imu.datasets");
    assumeTrue(dir != null, "set -Dimu.datasets=<dir with exermote/> to evaluate on real data");
    Path p = Path.of(dir, "exermote");
    assumeTrue(Files.isDirectory(p), p + " is not a directory: end-to-end evaluation not run");
    return new ExermoteReader().read(p);
  }
}
