package org.imucompanion.models.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imucompanion.models.Recording;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelContract;
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
        OnnxClassifier phase = OnnxClassifier.open(Path.of(StreamingEvaluationIT.class
            .getResource("/org/imucompanion/models/classifier/tiny_phase.onnx").toURI()),
            ClassifierOptions.DEFAULT.withTask(ModelContract.Task.REPETITION_PHASE))) {
      evaluation = new StreamingEvaluation(model.classes(), ClassMapping.exermoteDefault(),
          StreamingEvaluation.Options.defaults().withRepsFromTrueLabel(true));
      for (Recording r : exermote.recordings()) {
        // A phase model with random weights rides along: its figures mean nothing, but every
        // set must be scored through the same path.
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
    assertThat(pooled.repsByPhaseModel().orElseThrow().overall().sets()).isEqualTo(sets.sets());
    assertThat(pooled.repsByPhaseModelTrueLabel().orElseThrow().overall().sets())
        .isEqualTo(sets.sets());
    assertThat(pooled.toJson()).contains("\"reps_by_phase_model\":{\"rows\":[");
  }

  private static Dataset exermote() throws IOException {
    String dir = System.getProperty("imu.datasets");
    assumeTrue(dir != null, "set -Dimu.datasets=<dir with exermote/> to evaluate on real data");
    Path p = Path.of(dir, "exermote");
    assumeTrue(Files.isDirectory(p), p + " is not a directory: end-to-end evaluation not run");
    return new ExermoteReader().read(p);
  }
}
