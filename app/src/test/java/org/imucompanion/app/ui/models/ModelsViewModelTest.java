package org.imucompanion.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import org.imucompanion.models.classifier.ModelLoadException;
import org.junit.jupiter.api.Test;

/** The Models view's state, without a stage or an ONNX session. */
class ModelsViewModelTest {
  private static final Executor DIRECT = Runnable::run;
  private static final ModelSummary DEFAULT =
      new ModelSummary(
          "resource:default.onnx",
          "ab".repeat(32),
          "1",
          List.of("Burpee", "Squat", "Situp", "Rest"),
          10.0,
          40,
          5,
          List.of("accel x", "accel y"),
          "exermote");

  @Test
  void loadingTheDefaultModelShowsItsContract() {
    ModelsViewModel viewModel = new ModelsViewModel(file -> DEFAULT, DIRECT, DIRECT);
    assertThat(viewModel.modelProperty().get()).isNull();

    viewModel.loadDefault().join();

    assertThat(viewModel.modelProperty().get()).isEqualTo(DEFAULT);
    assertThat(viewModel.loadingProperty().get()).isFalse();
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Loaded resource:default.onnx (4 classes, 10 Hz, window 40).");
  }

  @Test
  void aRefusedModelSaysWhyAndKeepsTheModelInUse() {
    ModelsViewModel viewModel =
        new ModelsViewModel(
            file -> {
              if (file.isEmpty()) {
                return DEFAULT;
              }
              throw new ModelLoadException(ModelLoadException.Reason.UNSUPPORTED_CHANNELS, "channel 'emg 1' cannot be produced by the pipeline");
            },
            DIRECT,
            DIRECT);
    viewModel.loadDefault().join();

    viewModel.loadFile(Path.of("other.onnx")).join();

    assertThat(viewModel.modelProperty().get()).isSameAs(DEFAULT);
    assertThat(viewModel.statusProperty().get())
        .startsWith("Refused other.onnx: ")
        .contains("channel 'emg 1' cannot be produced");
  }

  @Test
  void aRefusalThatNamesTheFileNamesItOnce() {
    ModelsViewModel viewModel =
        new ModelsViewModel(
            file -> {
              throw new ModelLoadException(ModelLoadException.Reason.INVALID_CONTRACT,
                  "other.onnx: invalid contract: imu.hop is 0 samples, outside 1 to the"
                      + " window's 20");
            },
            DIRECT,
            DIRECT);

    viewModel.loadFile(Path.of("other.onnx")).join();

    assertThat(viewModel.statusProperty().get()).isEqualTo("Refused other.onnx: invalid"
        + " contract: imu.hop is 0 samples, outside 1 to the window's 20");
    assertThat(viewModel.modelProperty().get()).isNull();
  }

  @Test
  void loadingRunsOnTheBackgroundExecutorAndPublishesOnTheUiExecutor() {
    java.util.List<Runnable> background = new java.util.ArrayList<>();
    java.util.List<Runnable> ui = new java.util.ArrayList<>();
    ModelsViewModel viewModel = new ModelsViewModel(file -> DEFAULT, background::add, ui::add);

    var done = viewModel.loadDefault();

    assertThat(viewModel.loadingProperty().get()).isTrue();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Loading the default model…");
    assertThat(background).hasSize(1);
    background.get(0).run();
    assertThat(viewModel.modelProperty().get()).as("not published before the UI runs it").isNull();
    ui.get(0).run();
    assertThat(done).isDone();
    assertThat(viewModel.modelProperty().get()).isEqualTo(DEFAULT);
  }
}
