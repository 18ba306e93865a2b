package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imucompanion.models.Channels;
import org.imucompanion.models.classifier.ModelLoadException.Reason;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens real ONNX Runtime sessions on the tiny models made by {@code make_test_models.py} (next to
 * the models in the test resources) and compares Java's probabilities with PyTorch's.
 */
class OnnxClassifierIT {
  private static final double TOLERANCE = 1e-5;

  private static List<float[]> referenceInputs;
  private static List<float[]> referenceOutputs;

  @BeforeAll
  static void readReference() throws IOException, URISyntaxException {
    // ONNX Runtime unpacks its native library into java.io.tmpdir, which the build points at
    // target/tmp; it has to exist first.
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    referenceInputs = new ArrayList<>();
    referenceOutputs = new ArrayList<>();
    for (String line : Files.readAllLines(resource("tiny_good_reference.txt"))) {
      if (line.startsWith("in ")) {
        referenceInputs.add(floats(line.substring(3)));
      } else if (line.startsWith("out ")) {
        referenceOutputs.add(floats(line.substring(4)));
      }
    }
    assertThat(referenceInputs).hasSize(5).hasSameSizeAs(referenceOutputs);
  }

  private static float[] floats(String s) {
    String[] parts = s.trim().split(" ");
    float[] f = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      f[i] = Float.parseFloat(parts[i]);
    }
    return f;
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(OnnxClassifierIT.class.getResource(name).toURI());
  }

  private static OnnxClassifier good() throws Exception {
    return OnnxClassifier.open(resource("tiny_good.onnx"));
  }

  @Test
  void readsTheContractAndFingerprint() throws Exception {
    try (OnnxClassifier c = good()) {
      ModelContract contract = c.contract();
      assertThat(contract.classNames()).containsExactly("Burpee", "Squat", "Situp", "Rest");
      assertThat(contract.restClass()).contains("Rest");
      assertThat(contract.channels()).containsExactly(
          "gravity_x", "gravity_y", "gravity_z", "gyro_x", "gyro_y", "gyro_z");
      assertThat(contract.windowLength()).isEqualTo(20);
      assertThat(contract.hop()).isEqualTo(5);
      assertThat(contract.sampleRateHz()).isEqualTo(10.0);
      assertThat(contract.channelMean()).containsExactly(0.1, -0.7, 0.2, 0.01, -0.02, 0.03);
      assertThat(contract.pipelineSettings()).containsEntry("low_pass_hz", "3.0")
          .containsEntry("window", "20").containsEntry("hop", "5");
      assertThat(contract.modelVersion()).isEqualTo("tiny-test-1");
      assertThat(c.windowValues()).isEqualTo(120);
      // What the pipeline's replay and evaluation see through WindowClassifier.
      assertThat(c.classes()).isEqualTo(contract.classNames());
      assertThat(c.channels()).isEqualTo(contract.channels());
      assertThat(c.windowLength()).isEqualTo(20);
      // Written by Python's hashlib when the model was made.
      String expected = Files.readString(resource("tiny_good.onnx.sha256"), StandardCharsets.US_ASCII)
          .split(" ")[0];
      assertThat(c.sha256()).isEqualTo(expected);
    }
  }

  @Test
  void singleWindowsMatchPyTorch() throws Exception {
    try (OnnxClassifier c = good()) {
      for (int i = 0; i < referenceInputs.size(); i++) {
        float[] p = c.classify(referenceInputs.get(i));
        assertClose(p, referenceOutputs.get(i));
      }
    }
  }

  @Test
  void aBatchOfWindowsMatchesPyTorch() throws Exception {
    try (OnnxClassifier c = good()) {
      float[][] p = c.classifyBatch(referenceInputs);
      assertThat(p).hasNumberOfRows(referenceInputs.size());
      for (int i = 0; i < p.length; i++) {
        assertClose(p[i], referenceOutputs.get(i));
      }
      // A smaller batch after a larger one reuses the input buffer; results must not leak across.
      float[][] two = c.classifyBatch(referenceInputs.subList(3, 5));
      assertClose(two[0], referenceOutputs.get(3));
      assertClose(two[1], referenceOutputs.get(4));
      assertThat(c.classifyBatch(List.of())).isEmpty();
    }
  }

  @Test
  void moreThreadsGiveTheSameAnswer() throws Exception {
    try (OnnxClassifier c = OnnxClassifier.open(resource("tiny_good.onnx"),
        ClassifierOptions.DEFAULT.withIntraOpThreads(2))) {
      assertClose(c.classify(referenceInputs.get(0)), referenceOutputs.get(0));
    }
  }

  @Test
  void normalizationIsApplied() throws Exception {
    // Feeding the already-normalized window must NOT give the reference answer: the classifier
    // normalizes itself, so the reference only matches for raw input.
    try (OnnxClassifier c = good()) {
      float[] raw = referenceInputs.get(0);
      float[] normalized = new float[raw.length];
      List<Double> mean = c.contract().channelMean();
      List<Double> std = c.contract().channelStd();
      for (int i = 0; i < raw.length; i++) {
        normalized[i] = (float) ((raw[i] - mean.get(i % 6)) / std.get(i % 6));
      }
      float[] p = c.classify(normalized);
      double diff = 0;
      for (int k = 0; k < p.length; k++) {
        diff = Math.max(diff, Math.abs(p[k] - referenceOutputs.get(0)[k]));
      }
      assertThat(diff).isGreaterThan(1e-4);
    }
  }

  @Test
  void probabilitiesSumToOne() throws Exception {
    try (OnnxClassifier c = good()) {
      float[] p = new float[4];
      c.classify(referenceInputs.get(2), p);
      double sum = 0;
      for (float v : p) {
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-5));
    }
  }

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int k = 0; k < expected.length; k++) {
      assertThat((double) actual[k]).as("class %d", k).isCloseTo(expected[k], within(TOLERANCE));
    }
  }

  @Test
  void wrongWindowLengthIsRefused() throws Exception {
    try (OnnxClassifier c = good()) {
      assertThatThrownBy(() -> c.classify(new float[119]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("window 0 has 119 values, model needs 20 samples x 6 channels = 120");
      assertThatThrownBy(() -> c.classifyBatch(List.of(new float[120], new float[12])))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window 1 has 12");
    }
  }

  @Test
  void useAfterCloseIsRefused() throws Exception {
    OnnxClassifier c = good();
    c.close();
    c.close(); // idempotent
    assertThatThrownBy(() -> c.classify(referenceInputs.get(0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> c.classifyBatch(referenceInputs))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void channelsThePipelineCannotProduceAreRefusedAtLoad() throws Exception {
    ClassifierOptions accelGyroOnly =
        ClassifierOptions.DEFAULT.withProducibleChannels(Set.of("accel_x", "accel_y", "accel_z",
            "gyro_x", "gyro_y", "gyro_z"));
    assertRefused("tiny_good.onnx", accelGyroOnly, Reason.UNSUPPORTED_CHANNELS,
        "model needs channels gravity_x, gravity_y, gravity_z which the pipeline cannot produce");
    try (OnnxClassifier c = OnnxClassifier.open(resource("tiny_good.onnx"),
        ClassifierOptions.DEFAULT.withProducibleChannels(Channels.ALL))) {
      assertThat(c.contract().channelCount()).isEqualTo(6);
    }
  }

  @Test
  void channelMismatchBetweenGraphAndContractIsRefused() throws Exception {
    assertRefused("tiny_wrong_channels.onnx", ClassifierOptions.DEFAULT, Reason.SHAPE_MISMATCH,
        "model expects 9 channels, contract lists 6");
  }

  @Test
  void windowMismatchBetweenGraphAndContractIsRefused() throws Exception {
    assertRefused("tiny_wrong_window.onnx", ClassifierOptions.DEFAULT, Reason.SHAPE_MISMATCH,
        "model expects windows of 30 samples, contract says 20");
  }

  @Test
  void classMismatchBetweenGraphAndContractIsRefused() throws Exception {
    assertRefused("tiny_wrong_classes.onnx", ClassifierOptions.DEFAULT, Reason.SHAPE_MISMATCH,
        "model returns 5 classes, contract lists 4");
  }

  @Test
  void modelWithoutContractIsRefused() throws Exception {
    assertRefused("tiny_no_metadata.onnx", ClassifierOptions.DEFAULT, Reason.MISSING_CONTRACT,
        "carries no contract");
  }

  @Test
  void inconsistentContractIsRefused() throws Exception {
    assertRefused("tiny_bad_metadata.onnx", ClassifierOptions.DEFAULT, Reason.INVALID_CONTRACT,
        "contract lists 6 channels but 5 normalization standard deviations");
  }

  @Test
  void lookAheadModelIsRefused() throws Exception {
    assertRefused("tiny_label_delay.onnx", ClassifierOptions.DEFAULT,
        Reason.UNSUPPORTED_LABEL_DELAY, "imu.label_delay_s = 0.5");
  }

  @Test
  void corruptFileIsRefused() throws Exception {
    assertRefused("corrupt.onnx", ClassifierOptions.DEFAULT, Reason.INVALID_MODEL,
        "is not a usable ONNX model");
  }

  @Test
  void contractValuesOutOfBoundsAreRefusedNamingTheFileAndTheBound() throws Exception {
    assertRefusedExactly("tiny_rate_1e9.onnx", Reason.INVALID_CONTRACT, "invalid contract:"
        + " imu.sample_rate_hz is 1.0E9 Hz, outside the 1 to 2000 Hz this build runs");
    assertRefusedExactly("tiny_huge_window.onnx", Reason.INVALID_CONTRACT, "invalid contract:"
        + " imu.window is 2000000000 samples, outside 2 to 600 (60 s at 10 Hz)");
    assertRefusedExactly("tiny_unknown_channel.onnx", Reason.INVALID_CONTRACT, "invalid contract:"
        + " imu.channels lists channel 'gyro_w', which the pipeline does not know; known channels"
        + " are " + new java.util.TreeSet<>(Channels.ALL));
    assertRefusedExactly("tiny_lowpass_nyquist.onnx", Reason.INVALID_CONTRACT, "invalid"
        + " contract: pipeline settings (imu.pipeline.*): low_pass_hz 6.0 must be below half of"
        + " both the input and the target rate");
  }

  @Test
  void aModelReturningNanIsRefusedAtLoad() throws Exception {
    assertRefusedExactly("tiny_nan.onnx", Reason.NON_FINITE_OUTPUT, "model returns NaN for class"
        + " Burpee (outputs [NaN, NaN, NaN, NaN]) on a window of its own training means"
        + " (imu.norm_mean); its output is no probability");
  }

  @Test
  void aModelFiniteOnItsMeansButNanElsewhereLoadsAndReturnsNanThere() throws Exception {
    // What the live path must catch: the load check cannot try every window.
    try (OnnxClassifier c = OnnxClassifier.open(resource("tiny_nan_live.onnx"))) {
      float[] atMean = new float[c.windowValues()];
      for (int i = 0; i < atMean.length; i++) {
        atMean[i] = (float) (double) c.contract().channelMean().get(i % 6);
      }
      float[] probabilities = c.classify(atMean);
      for (float p : probabilities) {
        assertThat(p).isBetween(0f, 1f);
      }
      assertThat(c.classify(referenceInputs.get(0))).containsOnly(Float.NaN);
    }
  }

  @Test
  void externalDataIsRefusedBeforeTheSessionOpensIt() throws Exception {
    String advice = "; only self-contained models are loaded, so that no other file is opened"
        + " and the SHA-256 shown covers every weight: save it with its weights inside the .onnx"
        + " file";
    assertRefusedExactly("tiny_external_traversal.onnx", Reason.EXTERNAL_DATA, "model keeps"
        + " tensor data in other files (tensor 'net.head.bias' in '../../../../etc/passwd')"
        + advice);
    assertRefusedExactly("tiny_external_absolute.onnx", Reason.EXTERNAL_DATA, "model keeps"
        + " tensor data in other files (tensor 'net.head.bias' in '/etc/services')" + advice);
    assertRefusedExactly("tiny_external_in_constant.onnx", Reason.EXTERNAL_DATA, "model keeps"
        + " tensor data in other files (tensor 'offset' in 'weights.bin')" + advice);
  }

  @Test
  void missingFileIsRefused() throws Exception {
    Path missing = resource("tiny_good.onnx").resolveSibling("no-such-model.onnx");
    assertThatThrownBy(() -> OnnxClassifier.open(missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("cannot read model file")
        .satisfies(e -> assertThat(((ModelLoadException) e).reason()).isEqualTo(Reason.UNREADABLE));
  }

  /** Refused with exactly {@code <path>: message}, and the file is left as it was. */
  private static void assertRefusedExactly(String file, Reason reason, String message)
      throws Exception {
    Path path = resource(file);
    byte[] before = Files.readAllBytes(path);
    assertThatThrownBy(() -> OnnxClassifier.open(path))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(path + ": " + message)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason()).isEqualTo(reason));
    assertThat(Files.readAllBytes(path)).isEqualTo(before);
  }

  private static void assertRefused(String file, ClassifierOptions options, Reason reason,
      String message) throws Exception {
    Path path = resource(file);
    assertThatThrownBy(() -> OnnxClassifier.open(path, options))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(message)
        .hasMessageContaining(file)
        .satisfies(e -> assertThat(((ModelLoadException) e).reason()).isEqualTo(reason));
  }
}
