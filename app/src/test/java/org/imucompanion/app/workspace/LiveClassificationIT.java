package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.ui.live.LiveViewModel;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.athlete.AthleteTemplates;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.OnnxClassifier;
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

  @Test
  void theShippedPairCountsTheVirtualAthletesSetsWithThePhaseModel() throws Exception {
    VirtualAthlete athlete = VirtualAthlete.of(AthleteTemplates.shipped(), 3, 1);
    try (LiveClassification live =
        DefaultClassification.open(RATE, LiveClassification.WRISTBAND_CHANNELS)) {
      assertThat(live.repetitionModel()).hasValueSatisfying(
          v -> assertThat(v).startsWith("exermote-phase"));
      push(live, athlete, 0, athlete.roundSeconds());
      List<SetSummary> counted = live.setHistory().sets();
      List<VirtualAthlete.PlannedSet> planned = athlete.sets();
      assertThat(counted).as("%s", counted).hasSameSizeAs(planned);
      for (int i = 0; i < planned.size(); i++) {
        assertThat(counted.get(i).exercise()).isEqualTo(planned.get(i).exercise());
        assertThat(counted.get(i).repetitions()).as("%s vs %s", counted, planned)
            .isBetween(planned.get(i).repetitions() - 1, planned.get(i).repetitions() + 1);
      }
    }
  }

  @Test
  void aWristbandLyingStillCountsNothing() throws Exception {
    // Two minutes at rest on a table, tilted, with sensor noise: the shipped pair counts zero.
    java.util.Random noise = new java.util.Random(5);
    double[] sample = new double[6];
    try (LiveClassification live =
        DefaultClassification.open(RATE, LiveClassification.WRISTBAND_CHANNELS)) {
      for (int i = 0; i < 120 * RATE; i++) {
        sample[0] = 0.17 + 0.01 * noise.nextGaussian();
        sample[1] = -0.05 + 0.01 * noise.nextGaussian();
        sample[2] = 0.98 + 0.01 * noise.nextGaussian();
        for (int k = 3; k < 6; k++) {
          sample[k] = 0.02 * noise.nextGaussian();
        }
        live.push(i / RATE, sample);
      }
      assertThat(live.latest()).isPresent();
      assertThat(live.setHistory().sets()).isEmpty();
      assertThat(live.latest().orElseThrow().repetitionsInSet()).isZero();
    }
  }

  @Test
  void aGapInTheStreamEndsTheOpenSet() throws Exception {
    VirtualAthlete athlete = VirtualAthlete.of(AthleteTemplates.shipped(), 3, 1);
    VirtualAthlete.PlannedSet first = athlete.sets().get(0);
    // Two seconds of samples lost after the set's third repetition ended.
    double gapFrom = first.repetitionEndsSeconds().get(2) + 0.2;
    try (LiveClassification live =
        DefaultClassification.open(RATE, LiveClassification.WRISTBAND_CHANNELS)) {
      push(live, athlete, 0, gapFrom);
      List<SetSummary> before = live.setHistory().sets();
      assertThat(before).hasSize(1);
      push(live, athlete, gapFrom + 2, first.endSeconds() + 10);
      // Nothing after the gap joins the set before it; counting goes on in a new set (the
      // pipeline and both models start afresh, so the label may name another exercise briefly).
      List<SetSummary> counted = live.setHistory().sets();
      assertThat(counted.get(0)).isEqualTo(before.get(0));
      assertThat(counted).as("%s", counted).hasSizeGreaterThan(1);
      SetSummary last = counted.get(counted.size() - 1);
      assertThat(last.exercise()).isEqualTo(first.exercise());
      assertThat(last.setNumber()).isGreaterThan(1);
      assertThat(last.repetitions()).isPositive();
    }
  }

  @Test
  void aPhaseModelOfAnotherPipelineIsClosedAndTheSignalCounterCounts() throws Exception {
    OnnxClassifier notForThisPipeline = DefaultModel.wristband(ClassifierOptions.DEFAULT);
    try (LiveClassification live = new LiveClassification(
        DefaultModel.open(ClassifierOptions.DEFAULT), Optional.of(notForThisPipeline), RATE,
        LiveClassification.WRISTBAND_CHANNELS)) {
      assertThat(live.repetitionModel()).isEmpty();
      assertThat(live.countsRepetitions()).isTrue();
      assertThatThrownBy(() -> notForThisPipeline.classify(
          new float[notForThisPipeline.windowLength() * notForThisPipeline.channels().size()]))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
  }

  @Test
  void aMyoBuzzesAtEachSetEndAndEveryThirdRepetitionTheCounterCounts() throws Exception {
    VirtualAthlete athlete = VirtualAthlete.of(AthleteTemplates.shipped(), 3, 1);
    LiveDevice device =
        new LiveDevice(
            "Myo",
            "myo",
            new org.imucompanion.app.buffer.SampleRingBuffer(LiveDevice.IMU_CHANNELS, 10),
            () -> {});
    List<Integer> buzzes = new java.util.concurrent.CopyOnWriteArrayList<>();
    device.attachBuzzer(buzzes::add);
    device.haptics().configure(new HapticCues.Settings(true, 3));
    LiveClassification live = DefaultClassification.open(RATE, LiveClassification.WRISTBAND_CHANNELS);
    device.attachClassification(live);
    // A round, then the next round's 6 s warm-up rest, so the last set closes too.
    push(live, athlete, 0, athlete.roundSeconds() + 5.5);
    List<SetSummary> counted = live.setHistory().sets();
    assertThat(counted).isNotEmpty();
    long thirds = counted.stream().mapToLong(s -> s.repetitions() / 3).sum();
    assertThat(buzzes.stream().filter(b -> b == HapticCues.SHORT).count()).isEqualTo(thirds);
    // Every set the counter closed buzzed once.
    assertThat(buzzes.stream().filter(b -> b == HapticCues.MEDIUM).count()).isEqualTo(counted.size());
    device.close();
  }

  /** The athlete's accelerometer and gyroscope from one time to another, at the device rate. */
  private static void push(LiveClassification live, VirtualAthlete athlete, double from,
      double to) {
    double[] sample = new double[6];
    for (long i = Math.round(from * RATE); i < to * RATE; i++) {
      VirtualAthlete.Reading r = athlete.at(i / RATE);
      r.accelGyroInto(sample);
      live.push(i / RATE, sample);
    }
  }
}
