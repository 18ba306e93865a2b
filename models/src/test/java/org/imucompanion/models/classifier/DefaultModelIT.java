package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.evaluation.TrainingSubjects;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.RecordingReplay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped model, opened from the class path through a real ONNX Runtime session. */
class DefaultModelIT {

  @BeforeAll
  static void tmpdir() throws IOException {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  private static ClassifierOptions wristband() {
    return ClassifierOptions.DEFAULT.withProducibleChannels(Set.copyOf(
        Stream.of(Channels.GRAVITY, Channels.LIN_ACC, Channels.GYRO).flatMap(List::stream)
            .toList()));
  }

  @Test
  void contractIsWhatTheIssueAsksFor() throws Exception {
    try (OnnxClassifier c = DefaultModel.open(wristband())) {
      ModelContract k = c.contract();
      assertThat(k.classNames()).containsExactly("Burpee", "Squat", "Situp", "Rest");
      assertThat(k.restClass()).contains("Rest");
      assertThat(k.channels()).isEqualTo(Channels.DEFAULT_MODEL_INPUTS);
      assertThat(k.sampleRateHz()).isEqualTo(10.0);
      assertThat(k.trainingData()).contains("exermote").contains("[1, 2, 3, 4]");
      // The pipeline can rebuild its settings from the model alone.
      PipelineSettings settings = PipelineSettings.fromMetadata(k.pipelineSettings());
      assertThat(settings.channels()).isEqualTo(k.channels());
      assertThat(settings.window()).isEqualTo(k.windowLength());
      assertThat(settings.hop()).isEqualTo(k.hop());
      assertThat(settings.targetRateHz()).isEqualTo(k.sampleRateHz());
    }
  }

  @Test
  void javaMatchesPyTorchOnTheShippedModel() throws Exception {
    PyTorchReference reference = PyTorchReference.read("exermote-cnn-lstm_reference.txt");
    assertThat(reference.windows()).isEqualTo(8);
    try (OnnxClassifier c = DefaultModel.open(ClassifierOptions.DEFAULT)) {
      reference.assertMatches(c, 4);
    }
  }

  @Test
  void runsOnAWristbandStreamThroughTheLivePipeline() throws Exception {
    // 60 s of a 6-axis device at 10 Hz: still, then a periodic arm movement. Gravity and linear
    // acceleration come from the orientation filter, as they would on the wristband.
    ChannelLayout device = ChannelLayout.of(
        Stream.of(Channels.ACCEL, Channels.GYRO).flatMap(List::stream).toList());
    Recording.Builder b = Recording.builder("synthetic", "s1", "DefaultModelIT", device);
    for (int i = 0; i < 600; i++) {
      double t = i / 10.0;
      double a = t < 20 ? 0 : Math.sin(2 * Math.PI * 0.4 * t);
      b.add(t, new double[] {0.3 * a, 0.9 + 0.4 * a, 0.2, 2.0 * a, 0.5 * a, 0.1},
          t < 20 ? "Rest" : "Squat", RepPhase.NONE);
    }
    try (OnnxClassifier c = DefaultModel.open(wristband())) {
      PipelineSettings settings = PipelineSettings.fromMetadata(c.contract().pipelineSettings());
      List<RecordingReplay.ClassifiedWindow> windows =
          RecordingReplay.classify(b.build(), device.names(), settings, c);
      int expected = (600 - c.windowLength()) / c.contract().hop() + 1;
      assertThat(windows).hasSizeBetween(expected - 1, expected);
      LabelSmoother smoother = LabelSmoother.forContract(c.contract());
      for (RecordingReplay.ClassifiedWindow w : windows) {
        double sum = 0;
        for (float p : w.probabilities()) {
          assertThat(p).isBetween(0f, 1f);
          sum += p;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
        assertThat(smoother.step(w.probabilities()).className()).isIn(c.classes());
      }
    }
  }

  @Test
  void theShippedPhaseModelReadsTheDefaultModelsPipelineOutput() throws Exception {
    try (OnnxClassifier c = DefaultModel.open(wristband());
        OnnxClassifier phase = DefaultModel.phase(wristband())) {
      ModelContract k = phase.contract();
      assertThat(k.task()).isEqualTo(ModelContract.Task.REPETITION_PHASE);
      assertThat(k.classNames()).containsExactly("none", "firstHalf", "secondHalf", "pause");
      k.requireSameInput(c.contract());
      assertThat(k.labelDelaySeconds()).isEqualTo(0.3);
      assertThat(TrainingSubjects.of(k)).containsExactlyInAnyOrder("1", "2", "3", "4");
      assertThat(k.trainingData()).contains("virtual-athlete");
    }
    // Opened as a classifier it is refused: it names phases, not exercises.
    assertThatThrownBy(() -> BundledModel.openChecked(DefaultModel.PHASE_RESOURCE,
        ClassifierOptions.DEFAULT)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("repetition_phase");
  }

  @Test
  void javaMatchesPyTorchOnTheShippedPhaseModel() throws Exception {
    PyTorchReference reference = PyTorchReference.read("exermote-phase_reference.txt");
    try (OnnxClassifier c = DefaultModel.phase(ClassifierOptions.DEFAULT)) {
      reference.assertMatches(c, 4);
    }
  }

  @Test
  void shippedChecksumMatchesTheFile() throws Exception {
    byte[] model;
    String shipped;
    try (InputStream in = DefaultModel.class.getResourceAsStream(DefaultModel.RESOURCE);
        InputStream sum = DefaultModel.class.getResourceAsStream(DefaultModel.SHA256_RESOURCE)) {
      model = in.readAllBytes();
      shipped = new String(sum.readAllBytes(), StandardCharsets.US_ASCII);
    }
    String actual =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
    assertThat(shipped).isEqualTo(actual + "  exermote-cnn-lstm.onnx\n");
    try (OnnxClassifier c = DefaultModel.open(ClassifierOptions.DEFAULT)) {
      assertThat(c.sha256()).isEqualTo(actual);
    }
  }
}
