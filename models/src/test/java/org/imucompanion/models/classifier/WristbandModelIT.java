package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.RecordingReplay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The second shipped model (MPU9250 wristband), through a real ONNX Runtime session. */
class WristbandModelIT {

  @BeforeAll
  static void tmpdir() throws IOException {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** The MPU9250 wristband's channels: accelerometer, gyroscope, magnetometer. */
  private static final List<String> NINE_AXIS =
      Stream.of(Channels.ACCEL, Channels.GYRO, Channels.MAG).flatMap(List::stream).toList();

  private static ClassifierOptions nineAxis() {
    return ClassifierOptions.DEFAULT.withProducibleChannels(Set.copyOf(NINE_AXIS));
  }

  @Test
  void contractIsTheWristbandsSevenClassesFromItsNineAxes() throws Exception {
    try (OnnxClassifier c = DefaultModel.wristband(nineAxis())) {
      ModelContract k = c.contract();
      assertThat(k.classNames()).containsExactly("Pushup", "Pushup_Incorrect", "Squat", "Situp",
          "Situp_Incorrect", "Jumping", "Lunge");
      assertThat(k.restClass()).isEmpty();
      assertThat(k.channels()).isEqualTo(NINE_AXIS);
      assertThat(k.sampleRateHz()).isCloseTo(1 / 0.35, within(1e-9));
      assertThat(k.windowLength()).isEqualTo(10);
      assertThat(k.hop()).isEqualTo(2);
      assertThat(k.modelVersion()).isEqualTo("mpu9250-cnn-lstm-1");
      assertThat(k.trainingData()).contains("MPU9250");
      assertThat(k.trainingSubjects()).containsExactlyElementsOf(
          IntStream.rangeClosed(1, 16).mapToObj(Integer::toString).collect(Collectors.toList()));
      PipelineSettings settings = PipelineSettings.fromMetadata(k.pipelineSettings());
      assertThat(settings.channels()).isEqualTo(k.channels());
      assertThat(settings.window()).isEqualTo(k.windowLength());
      assertThat(settings.hop()).isEqualTo(k.hop());
      assertThat(settings.targetRateHz()).isEqualTo(k.sampleRateHz());
    }
  }

  @Test
  void javaMatchesPyTorchOnTheShippedModel() throws Exception {
    PyTorchReference reference = PyTorchReference.read("mpu9250-cnn-lstm_reference.txt");
    assertThat(reference.windows()).isEqualTo(8);
    try (OnnxClassifier c = DefaultModel.wristband(ClassifierOptions.DEFAULT)) {
      reference.assertMatches(c, 7);
    }
  }

  @Test
  void runsOnANineAxisStreamThroughTheLivePipeline() throws Exception {
    // 60 s of a 9-axis device at 20 Hz (the pipeline resamples to the model's ~2.86 Hz): a
    // periodic arm movement with the wrist held at an angle, in the earth's field (uT).
    ChannelLayout device = ChannelLayout.of(NINE_AXIS);
    Recording.Builder b = Recording.builder("synthetic", "s1", "WristbandModelIT", device);
    for (int i = 0; i < 1200; i++) {
      double t = i / 20.0;
      double a = Math.sin(2 * Math.PI * 0.5 * t);
      b.add(t, new double[] {0.7 + 0.3 * a, 0.1, 0.7 - 0.2 * a, 1.5 * a, 0.3 * a, 0.1,
          20 + 5 * a, -10, 35 - 3 * a},
          "Squat", RepPhase.NONE);
    }
    try (OnnxClassifier c = DefaultModel.wristband(nineAxis())) {
      PipelineSettings settings = PipelineSettings.fromMetadata(c.contract().pipelineSettings())
          .withInputRate(20.0);
      List<RecordingReplay.ClassifiedWindow> windows =
          RecordingReplay.classify(b.build(), device.names(), settings, c);
      int samples = (int) Math.floor(59.95 * c.contract().sampleRateHz()) + 1;
      int expected = (samples - c.windowLength()) / c.contract().hop() + 1;
      assertThat(windows).hasSizeBetween(expected - 1, expected + 1);
      for (RecordingReplay.ClassifiedWindow w : windows) {
        double sum = 0;
        for (float p : w.probabilities()) {
          assertThat(p).isBetween(0f, 1f);
          sum += p;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
      }
    }
  }

  @Test
  void aSixAxisPipelineIsRefusedNamingTheMagnetometer() {
    // The model needs the magnetometer (without it the recipe scores 0.92 instead of 0.97 LOSO,
    // RESULTS.md), so a device without one is told so instead of getting wrong labels.
    ClassifierOptions sixAxis = ClassifierOptions.DEFAULT.withProducibleChannels(Set.copyOf(
        Stream.of(Channels.ACCEL, Channels.GYRO, Channels.GRAVITY, Channels.LIN_ACC)
            .flatMap(List::stream).toList()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefaultModel.wristband(sixAxis))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("mag_x");
  }

  @Test
  void everyBundledModelMatchesItsShippedChecksum() throws Exception {
    for (BundledModel m : BundledModel.values()) {
      byte[] model;
      String shipped;
      try (InputStream in = BundledModel.class.getResourceAsStream(m.resource());
          InputStream sum = BundledModel.class.getResourceAsStream(m.sha256Resource())) {
        model = in.readAllBytes();
        shipped = new String(sum.readAllBytes(), StandardCharsets.US_ASCII);
      }
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
      String file = m.resource().substring(m.resource().lastIndexOf('/') + 1);
      assertThat(shipped).as(m.name()).isEqualTo(actual + "  " + file + "\n");
      try (OnnxClassifier c = m.open(ClassifierOptions.DEFAULT)) {
        assertThat(c.sha256()).isEqualTo(actual);
      }
    }
    assertThat(BundledModel.EXERMOTE.resource()).isEqualTo(DefaultModel.RESOURCE);
  }
}
