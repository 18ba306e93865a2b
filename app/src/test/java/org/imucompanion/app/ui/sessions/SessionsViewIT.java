package org.imucompanion.app.ui.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.plugins.XRangeIndicator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An athlete reviews a recorded session headless (TestFX + Monocle) over a real SQLite file:
 * selects it, relabels a set, marks its form, and exports the session to CSV.
 */
@ExtendWith(ApplicationExtension.class)
class SessionsViewIT {
  private static final Executor FX = Platform::runLater;

  @TempDir static Path dir;

  private Path storeFile;
  private Path exportDir;
  private long squatId;

  @Start
  void start(Stage stage) throws Exception {
    storeFile = dir.resolve("sessions-" + System.nanoTime() + ".db");
    exportDir = Files.createDirectories(dir.resolve("export-" + System.nanoTime()));
    try (SessionStore store = SessionStore.open(storeFile)) {
      long ann = store.addAthlete("Ann", "").id();
      long session =
          store
              .startSession(
                  new NewSession(Optional.of(ann), "wristband-v1", "", "wrist", "leg day", Instant.EPOCH, 0))
              .id();
      long stream =
          store.addStream(session, new NewStream("wrist", "wristband-v1", "AA", List.of("accel_x"), 50)).id();
      SampleBlock block = new SampleBlock(1, 100);
      for (int i = 0; i < 100; i++) {
        block.add(i * 20_000_000L, i * 20_000L, new double[] {Math.sin(i / 5.0)});
      }
      store.appendSamples(stream, block);
      squatId =
          store
              .addSegment(
                  new Segment(0, session, "Squat", 0, OptionalLong.of(1_000_000_000L), OptionalInt.of(5), false, ""))
              .id();
      store.finishSession(session, Instant.EPOCH.plusSeconds(2));
    }
    SessionsViewModel viewModel =
        new SessionsViewModel(
            () -> SessionStore.open(storeFile), () -> "test store", Runnable::run, FX);
    SessionsView view = new SessionsView(viewModel, owner -> Optional.of(exportDir));
    stage.setScene(new Scene(view.root(), 1000, 700));
    stage.show();
    viewModel.refresh();
  }

  @Test
  void anAthleteEditsASetsLabelAndExportsTheSession(FxRobot robot) throws Exception {
    TableView<SessionRow> sessions = robot.lookup("#sessions-table").queryTableView();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sessions.getItems().size() == 1);
    robot.clickOn("leg day");
    TableView<SetRow> sets = robot.lookup("#sessions-sets").queryTableView();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sets.getItems().size() == 1);
    assertThat(sets.getItems().get(0).exercise()).isEqualTo("Squat");
    XYChart plot = robot.lookup("#sessions-plot").queryAs(XYChart.class);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(plot.getRenderers().get(0).getDatasets()).singleElement()
        .satisfies(d -> assertThat(d.getDataCount()).isEqualTo(100));
    assertThat(plot.getPlugins()).filteredOn(p -> p instanceof XRangeIndicator).hasSize(1);

    robot.clickOn("Squat");
    robot.clickOn("#sessions-exercise").write("Lunge");
    robot.clickOn("#sessions-relabel");
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> sets.getItems().get(0).exercise().equals("Lunge"));
    assertThat(sets.getItems().get(0).edited()).isTrue();
    robot.clickOn("Lunge");
    robot.clickOn("#sessions-form");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> sets.getItems().get(0).incorrectForm());

    try (SessionStore store = SessionStore.open(storeFile)) {
      Segment stored = store.findSegment(squatId).orElseThrow();
      assertThat(stored.exercise()).isEqualTo("Lunge");
      assertThat(stored.incorrectForm()).isTrue();
      assertThat(store.isEdited(squatId)).isTrue();
    }

    robot.clickOn("leg day");
    robot.clickOn("#sessions-export");
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () -> {
          try (var files = Files.list(exportDir)) {
            return files.findAny().isPresent();
          }
        });
    try (var files = Files.list(exportDir)) {
      Path csv = files.findFirst().orElseThrow();
      assertThat(Files.readString(csv)).contains("Lunge");
    }
  }
}
