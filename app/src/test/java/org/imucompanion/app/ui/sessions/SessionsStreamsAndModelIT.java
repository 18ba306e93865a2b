package org.imucompanion.app.ui.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.imucompanion.app.ui.models.ModelChoice;
import org.imucompanion.app.ui.models.ModelSummary;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.models.classifier.BundledModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions over a real SQLite store, without a stage: the plot's stream selector, and re-running
 * the model the Models view loaded rather than always the default one.
 */
class SessionsStreamsAndModelIT {
  private static final Executor DIRECT = Runnable::run;
  @TempDir Path dir;

  private long twoStreamSession(Path file) throws Exception {
    try (SessionStore store = SessionStore.open(file)) {
      long id =
          store
              .startSession(
                  new NewSession(Optional.empty(), "wristband-v1", "", "wrist", "", Instant.EPOCH, 0))
              .id();
      long wrist =
          store
              .addStream(
                  id,
                  new NewStream(
                      "wrist",
                      "wristband-v1",
                      "AA",
                      List.of(
                          "accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z", "mag_x",
                          "mag_y", "mag_z"),
                      50))
              .id();
      long ankle =
          store.addStream(id, new NewStream("ankle", "myo", "BB", List.of("emg_1", "emg_2"), 200)).id();
      SampleBlock six = new SampleBlock(9, 3000);
      for (int i = 0; i < 3000; i++) {
        six.add(i * 20_000_000L, i * 20_000L, new double[] {0.1, 0, 1, 0, 0, 0, 20, -5, 40});
      }
      store.appendSamples(wrist, six);
      SampleBlock two = new SampleBlock(2, 100);
      for (int i = 0; i < 100; i++) {
        two.add(i * 5_000_000L, i * 5_000L, new double[] {i, -i});
      }
      store.appendSamples(ankle, two);
      store.finishSession(id, Instant.EPOCH.plusSeconds(60));
      return id;
    }
  }

  @Test
  void aSessionWithSeveralStreamsCanPlotEachAndAnEditKeepsTheChosenOne() throws Exception {
    Path file = dir.resolve("sessions.db");
    long id = twoStreamSession(file);
    SessionsViewModel viewModel =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);

    viewModel.select(id).join();
    assertThat(viewModel.streams())
        .containsExactly("wrist · 9 channels", "ankle · 2 channels");
    assertThat(viewModel.plotProperty().get().stream()).isEqualTo("wrist");

    viewModel.plotStream(1).join();
    SessionPlot ankle = viewModel.plotProperty().get();
    assertThat(ankle.stream()).isEqualTo("ankle");
    assertThat(ankle.channels()).containsExactly("emg_1", "emg_2");
    assertThat(ankle.seconds()).hasSize(100);
    assertThat(ankle.values()[1][99]).isEqualTo(-99);
    assertThat(viewModel.plottedStreamProperty().get()).isEqualTo(1);

    viewModel.plotStream(7).join();
    assertThat(viewModel.plotProperty().get().stream()).as("out of range: unchanged").isEqualTo("ankle");

    viewModel.select(id).join();
    assertThat(viewModel.plotProperty().get().stream()).as("a new selection starts at the first").isEqualTo("wrist");
  }

  @Test
  void reRunUsesTheModelLoadedInTheModelsView() throws Exception {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    Path file = dir.resolve("sessions.db");
    long id = twoStreamSession(file);
    SessionsViewModel sessions =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);
    assertThat(sessions.modelProperty().get().name()).isEqualTo("the default model");

    ModelsViewModel models =
        new ModelsViewModel(
            f -> {
              throw new AssertionError("only bundled here");
            },
            DIRECT,
            DIRECT);
    models.choiceProperty().addListener((o, old, now) -> sessions.modelProperty().set(now));
    models.loadBundled(BundledModel.MPU9250_WRISTBAND).join();
    ModelSummary loaded = models.modelProperty().get();
    assertThat(sessions.modelProperty().get().name()).isEqualTo(BundledModel.MPU9250_WRISTBAND.title());

    sessions.compareWithModel(id).join();

    assertThat(sessions.comparisonProperty().get())
        .as("the report names the model that ran; status: %s", sessions.statusProperty().get())
        .contains("SHA-256 " + loaded.sha256())
        .contains("left out (no channels the model can use): [ankle]");
  }

  @Test
  void aModelThatNoLongerLoadsIsReportedByTheReRun() throws Exception {
    Path file = dir.resolve("sessions.db");
    long id = twoStreamSession(file);
    SessionsViewModel sessions =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);
    sessions
        .modelProperty()
        .set(
            new ModelChoice(
                "gone.onnx",
                () -> {
                  throw new ModelLoadException(
                      ModelLoadException.Reason.UNREADABLE, "gone.onnx: no such file");
                }));

    sessions.compareWithModel(id).join();

    assertThat(sessions.statusProperty().get()).contains("gone.onnx: no such file");
    assertThat(sessions.comparingProperty().get()).isFalse();
  }
}
