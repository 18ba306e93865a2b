package org.imucompanion.app.ui.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.app.ui.models.ModelChoice;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A session recorded from two devices, reviewed headless (TestFX + Monocle): the stream selector
 * appears, choosing the second stream plots it, and the re-run button names the model in use.
 */
@ExtendWith(ApplicationExtension.class)
class SessionsStreamSelectorIT {
  @TempDir static Path dir;

  private SessionsViewModel viewModel;

  @Start
  void start(Stage stage) throws Exception {
    Path storeFile = dir.resolve("sessions-" + System.nanoTime() + ".db");
    try (SessionStore store = SessionStore.open(storeFile)) {
      long session =
          store
              .startSession(
                  new NewSession(Optional.empty(), "wristband-v1", "", "wrist", "two bands", Instant.EPOCH, 0))
              .id();
      long left = store.addStream(session, new NewStream("left", "wristband-v1", "AA", List.of("accel_x"), 50)).id();
      long right =
          store.addStream(session, new NewStream("right", "wristband-v1", "BB", List.of("accel_y", "accel_z"), 50)).id();
      SampleBlock one = new SampleBlock(1, 100);
      SampleBlock two = new SampleBlock(2, 100);
      for (int i = 0; i < 100; i++) {
        one.add(i * 20_000_000L, i * 20_000L, new double[] {Math.sin(i / 5.0)});
        two.add(i * 20_000_000L, i * 20_000L, new double[] {2, -2});
      }
      store.appendSamples(left, one);
      store.appendSamples(right, two);
      store.finishSession(session, Instant.EPOCH.plusSeconds(2));
    }
    viewModel =
        new SessionsViewModel(() -> SessionStore.open(storeFile), () -> "test store", Runnable::run, Platform::runLater);
    stage.setScene(new Scene(new SessionsView(viewModel).root(), 1000, 760));
    stage.show();
    viewModel.refresh();
  }

  @Test
  void choosingTheSecondStreamPlotsItAndTheReRunNamesTheModel(FxRobot robot) throws Exception {
    TableView<?> sessions = robot.lookup("#sessions-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sessions.getItems().size() == 1);
    robot.clickOn("two bands");
    XYChart chart = robot.lookup("#sessions-plot").queryAs(XYChart.class);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "Stream left".equals(chart.getTitle()));
    ComboBox<?> stream = robot.lookup("#sessions-stream").queryAs(ComboBox.class);
    assertThat(stream.isVisible()).isTrue();
    assertThat(stream.getSelectionModel().getSelectedIndex()).isZero();

    robot.clickOn("#sessions-stream");
    robot.clickOn("right · 2 channels");

    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "Stream right".equals(chart.getTitle()));
    assertThat(viewModel.plotProperty().get().channels()).containsExactly("accel_y", "accel_z");
    assertThat(robot.lookup("#sessions-compare").queryAs(Button.class).getText())
        .isEqualTo("Re-run the default model and compare");
    WaitForAsyncUtils.asyncFx(
            () ->
                viewModel
                    .modelProperty()
                    .set(new ModelChoice("wristband.onnx", () -> {
                      throw new AssertionError("not run here");
                    })))
        .get();
    assertThat(robot.lookup("#sessions-compare").queryAs(Button.class).getText())
        .isEqualTo("Re-run wristband.onnx and compare");
  }
}
