package org.imucompanion.models.reps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelContract;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.junit.jupiter.api.Test;

/**
 * {@link PhaseRepCounter} on a real ONNX Runtime session: {@code tiny_phase.onnx}, a
 * repetition-phase model with random weights on the shipped model's channels and pipeline
 * (written by {@code make_test_models.py} with the training recipe's own contract code).
 */
class PhaseRepCounterIT {
  private static final Set<String> EXERCISES = Set.of("Burpee", "Squat", "Situp");

  private static OnnxClassifier phaseModel() throws Exception {
    return OnnxClassifier.open(Path.of(PhaseRepCounterIT.class
        .getResource("/org/imucompanion/models/classifier/tiny_phase.onnx").toURI()),
        ClassifierOptions.DEFAULT.withTask(ModelContract.Task.REPETITION_PHASE));
  }

  @Test
  void theRecipesPhaseContractIsReadAndFitsTheShippedModelsPipeline() throws Exception {
    try (OnnxClassifier phase = phaseModel();
        OnnxClassifier shipped = DefaultModel.open(ClassifierOptions.DEFAULT)) {
      ModelContract c = phase.contract();
      assertThat(c.task()).isEqualTo(ModelContract.Task.REPETITION_PHASE);
      assertThat(c.labelDelaySeconds()).isEqualTo(0.3);
      assertThat(c.hop()).isEqualTo(1);
      assertThat(c.classNames()).containsExactly("none", "firstHalf", "secondHalf", "pause");
      assertThat(c.restClass()).isEmpty();
      c.requireSameInput(shipped.contract());
      assertThat(shipped.contract().task()).isEqualTo(ModelContract.Task.EXERCISE);
    }
  }

  /**
   * A minute of smooth random movement at 10 Hz under a label that alternates between an
   * exercise and rest: the model's (random) phases make repetitions, and feeding the stream in
   * chunks of any size gives exactly the same ones.
   */
  @Test
  void aRealSessionGivesTheSameRepetitionsInAnyChunkSizes() throws Exception {
    Random rnd = new Random(5);
    int n = 1200;
    double[] times = new double[n];
    double[][] samples = new double[n][];
    String[] labels = new String[n];
    double[] level = new double[9];
    for (int i = 0; i < n; i++) {
      times[i] = 50 + i / 10.0;
      for (int k = 0; k < level.length; k++) {
        level[k] = 0.9 * level[k] + rnd.nextGaussian() * (k < 3 ? 0.3 : 1.0);
      }
      samples[i] = level.clone();
      labels[i] = (i / 150) % 2 == 0 ? "Squat" : "Rest";
    }
    try (OnnxClassifier phase = phaseModel()) {
      List<RepEvent> whole = new ArrayList<>();
      new PhaseRepCounter(phase, phase.contract(), EXERCISES,
          PhaseRepCounter.Settings.defaults()).feed(times, samples, labels, 0, n, whole::add);
      List<RepEvent> chunked = new ArrayList<>();
      PhaseRepCounter c = new PhaseRepCounter(phase, phase.contract(), EXERCISES,
          PhaseRepCounter.Settings.defaults());
      for (int from = 0; from < n; ) {
        int to = Math.min(n, from + 1 + rnd.nextInt(25));
        c.feed(times, samples, labels, from, to, chunked::add);
        from = to;
      }
      assertThat(whole).isNotEmpty();
      assertThat(chunked).isEqualTo(whole);
      for (RepEvent e : whole) {
        assertThat(e.exercise()).isEqualTo("Squat");
        assertThat(e.emittedSeconds()).isGreaterThanOrEqualTo(e.timeSeconds() + 0.3 - 1e-9);
      }
    }
  }

  @Test
  void eachKindOfModelIsRefusedWhereTheOtherIsNeeded() throws Exception {
    Path phase = Path.of(PhaseRepCounterIT.class
        .getResource("/org/imucompanion/models/classifier/tiny_phase.onnx").toURI());
    assertThatThrownBy(() -> OnnxClassifier.open(phase, ClassifierOptions.DEFAULT))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tiny_phase.onnx: model tiny-phase-1 has imu.task repetition_phase,"
            + " this needs imu.task exercise")
        .satisfies(e -> assertThat(((ModelLoadException) e).reason())
            .isEqualTo(ModelLoadException.Reason.WRONG_TASK));
    assertThatThrownBy(() -> DefaultModel.open(
        ClassifierOptions.DEFAULT.withTask(ModelContract.Task.REPETITION_PHASE)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("has imu.task exercise, this needs imu.task repetition_phase");
  }

  @Test
  void theShippedExerciseModelIsNotAPhaseModel() throws Exception {
    try (OnnxClassifier shipped = DefaultModel.open(ClassifierOptions.DEFAULT)) {
      assertThatThrownBy(() -> new PhaseRepCounter(shipped, shipped.contract(), EXERCISES,
          PhaseRepCounter.Settings.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is an exercise model, not a repetition-phase model");
    }
  }
}
