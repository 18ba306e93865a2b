package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.ui.live.LiveViewModel;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live classification with the shipped model (a real ONNX session): samples pushed at a device's
 * rate become smoothed estimates, which the Live view model shows.
 */
class LiveClassificationIT {
  private static final double RATE = 50;

  @BeforeAll
  static void tmpdirExists() throws IOException {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  @Test
  void pushedSamplesBecomeEstimatesShownByTheLiveView() throws Exception {
    SampleRingBuffer buffer = new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY);
    LiveDevice device = new LiveDevice("Band", "wristband v1", buffer, () -> {});
    LiveViewModel viewModel = new LiveViewModel();
    viewModel.deviceProperty().set(device);
    buffer.append(0, 0, 0, 1, 0, 0, 0);
    viewModel.pullFrame();
    assertThat(viewModel.exerciseProperty().get()).isEqualTo("No model loaded");

    try (LiveClassification live =
        new LiveClassification(DefaultModel.open(ClassifierOptions.DEFAULT), RATE)) {
      device.attachClassification(live);
      double[] sample = new double[6];
      for (int i = 1; i <= 20 * RATE; i++) { // 20 s of slow squats: arm swinging, gravity on z
        double t = i / RATE;
        double phase = 2 * Math.PI * 0.4 * t;
        sample[0] = 0.3 * Math.sin(phase);
        sample[1] = 0.1 * Math.cos(phase);
        sample[2] = 1.0 + 0.3 * Math.cos(phase);
        sample[3] = 1.2 * Math.cos(phase);
        sample[4] = 0.2 * Math.sin(phase);
        sample[5] = 0.1;
        live.push(t, sample);
        buffer.append((long) (t * 1e9), sample);
      }

      ExerciseEstimate estimate = live.latest().orElseThrow();
      assertThat(estimate.classes()).containsExactly("Burpee", "Squat", "Situp", "Rest");
      assertThat(estimate.classes()).contains(estimate.exercise());
      assertThat(estimate.windows()).isBetween(25L, 40L); // 10 Hz, hop 5, first after 4 s
      double sum = 0;
      for (float p : estimate.probabilities()) {
        sum += p;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-3));
      assertThat(estimate.confidence()).isBetween(0.0, 1.0);

      viewModel.pullFrame();
      // The shipped model's channels carry gravity, which the rep profiles count on.
      assertThat(live.countsRepetitions()).isTrue();
      assertThat(viewModel.exerciseProperty().get())
          .matches("(Burpee|Squat|Situp|Rest)  \\d+ %   ·   reps \\d+");
      assertThat(viewModel.probabilitiesProperty().get())
          .matches("Burpee \\d+ %   Squat \\d+ %   Situp \\d+ %   Rest \\d+ %");
    }
  }
}
