package org.imucompanion.app.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.imucompanion.models.classifier.BundledModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A user of the Models view, headless (TestFX + Monocle) with real ONNX sessions loaded in the
 * background: the shipped model with its contract, SHA-256 and model card figures, then a model
 * whose network does not match its own contract, refused with the reason while the model in use
 * stays.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsViewIT {
  @TempDir static Path dir;

  private final AtomicReference<Path> chosen = new AtomicReference<>();
  private ExecutorService background;
  private ModelsViewModel viewModel;

  @Start
  void start(Stage stage) throws Exception {
    // ONNX Runtime unpacks its native library into java.io.tmpdir (target/tmp in this build).
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    background = Executors.newSingleThreadExecutor();
    viewModel = new ModelsViewModel(ModelLoader.onnx(), background, Platform::runLater);
    ModelsView view = new ModelsView(viewModel, owner -> Optional.ofNullable(chosen.get()));
    stage.setScene(new Scene(view.root(), 1000, 600));
    stage.show();
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
  }

  @Test
  void theShippedModelShowsItsCardAndAMismatchedModelIsRefusedWithTheReason(FxRobot robot)
      throws Exception {
    robot.clickOn("#models-default");
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> viewModel.modelProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    ModelSummary shipped = viewModel.modelProperty().get();
    assertThat(text(robot, "#models-field-1")).isEqualTo(shipped.sha256());
    assertThat(text(robot, "#models-field-3")).contains(shipped.classes().get(0));
    assertThat(text(robot, "#models-field-8")).contains("macro-F1");

    Path mismatched = dir.resolve("tiny_wrong_channels.onnx");
    try (InputStream in = getClass().getResourceAsStream("tiny_wrong_channels.onnx")) {
      Files.copy(in, mismatched);
    }
    chosen.set(mismatched);
    robot.clickOn("#models-load");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.statusProperty().get().startsWith("Refused"));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(text(robot, "#models-status"))
        .contains("tiny_wrong_channels.onnx")
        .contains("model expects 9 channels, contract lists 6");
    assertThat(viewModel.modelProperty().get()).isEqualTo(shipped);
    assertThat(text(robot, "#models-field-1")).isEqualTo(shipped.sha256());
  }

  @Test
  void aModelReturningNanIsRefusedOnScreenWithTheFileNamedOnce(FxRobot robot) throws Exception {
    Path nan = dir.resolve("tiny_nan.onnx");
    try (InputStream in = getClass().getResourceAsStream("/org/imucompanion/app/cli/tiny_nan.onnx")) {
      Files.copy(in, nan, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    chosen.set(nan);
    robot.clickOn("#models-load");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> viewModel.statusProperty().get().startsWith("Refused"));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(text(robot, "#models-status")).isEqualTo("Refused " + nan + ": model returns NaN"
        + " for class Burpee (outputs [NaN, NaN, NaN, NaN]) on a window of its own training"
        + " means (imu.norm_mean); its output is no probability");
    assertThat(viewModel.modelProperty().get()).isNull();
  }

  @Test
  void everyBundledModelIsOfferedAndLoadsOrIsRefusedWithAReason(FxRobot robot) throws Exception {
    ComboBox<BundledModel> bundled = robot.lookup("#models-bundled").queryComboBox();
    assertThat(bundled.getItems()).containsExactly(BundledModel.values());
    for (BundledModel m : BundledModel.values()) {
      WaitForAsyncUtils.asyncFx(() -> bundled.getSelectionModel().select(m)).get();
      String before = viewModel.statusProperty().get();
      robot.clickOn("#models-load-bundled");
      WaitForAsyncUtils.waitFor(
          20,
          TimeUnit.SECONDS,
          () ->
              !viewModel.loadingProperty().get()
                  && !viewModel.statusProperty().get().equals(before)
                  && !viewModel.statusProperty().get().startsWith("Loading"));
      String status = viewModel.statusProperty().get();
      // A bundled model either loads (its title's classes shown) or is refused with the reason,
      // e.g. a magnetometer this pipeline's devices don't stream; never silently nothing.
      assertThat(status).matches("(?s)(Loaded bundled .*|Refused " + java.util.regex.Pattern.quote(m.title()) + ": .+)");
      if (status.startsWith("Loaded")) {
        assertThat(viewModel.modelProperty().get().source()).contains(m.resource());
      }
    }
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup(id).queryAs(Label.class).getText();
  }
}
