package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.app.ui.inspector.CaptureFiles;
import org.imucompanion.app.ui.inspector.PacketRow;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A capture replayed from the Inspector becomes a device of the dashboard (headless, TestFX +
 * Monocle): the capture of a virtual wristband's session plays at its recorded pace through the
 * same feed as a live band, so Live plots it and the Inspector shows its packets.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayIntoDashboardIT {
  @TempDir Path dir;

  private TestDashboard dashboard;
  private Workspace workspace;
  private MainWindow window;
  private MainWindowViewModel viewModel;

  @Start
  void start(Stage stage) throws IOException {
    dashboard = TestDashboard.show(stage, "replay");
    workspace = dashboard.workspace;
    window = dashboard.window;
    viewModel = dashboard.viewModel;
  }

  @AfterEach
  void closeWorkspace() throws Exception {
    dashboard.close();
  }

  @Test
  void aReplayedCaptureIsPlottedInLiveAndItsPacketsShowInTheInspector(FxRobot robot)
      throws Exception {
    Path file = dir.resolve("session.btsnoop");
    long captured = CaptureFiles.virtualWristbandSession(file, 3_000);

    long started = System.nanoTime();
    String message = WaitForAsyncUtils.asyncFx(() -> viewModel.inspector().replayCapture(file)).get()
        .get(10, TimeUnit.SECONDS);

    assertThat(message).startsWith("Replaying session.btsnoop at its recorded pace: Replay: Test band");
    LiveDevice replayed = workspace.devices().get(0);
    assertThat(replayed.kind()).isEqualTo("wristband v1 (replay)");
    assertThat(viewModel.devices().selectedProperty().get()).isSameAs(replayed);
    // Live plots it: the decoded samples reach the plot through the same feed as a live band.
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> window.liveView().accelerationDataSets().get(2).getDataCount() >= 50);
    robot.clickOn("#" + ViewId.INSPECTOR.navigationId());
    TableView<PacketRow> table = robot.lookup("#inspector-table").queryTableView();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
    // The FX thread keeps adding rows while the replay plays: look at a copy made there.
    List<PacketRow> rows = WaitForAsyncUtils.asyncFx(() -> List.copyOf(table.getItems())).get();
    assertThat(rows).allSatisfy(r -> assertThat(r.device()).isEqualTo(CaptureFiles.ADDRESS));
    assertThat(rows).allSatisfy(r -> assertThat(r.malformed()).isFalse());
    // At the recorded pace the whole capture arrives, and in no less time than it took.
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> replayed.notifications().written() == captured);
    assertThat(System.nanoTime() - started)
        .as("played at the recorded pace, not as fast as possible")
        .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(2_500));
    assertThat(robot.lookup("#inspector-status").queryAs(Label.class).getText()).isEqualTo(message);
  }

  @Test
  void aCorruptCaptureIsNotReplayedAndTheDashboardKeepsWorking(FxRobot robot) throws Exception {
    Path file = CaptureFiles.corrupt(dir.resolve("broken.btsnoop"));

    String message = WaitForAsyncUtils.asyncFx(() -> viewModel.inspector().replayCapture(file)).get()
        .get(10, TimeUnit.SECONDS);

    assertThat(message).startsWith("Cannot replay " + file).contains("not a btsnoop file");
    assertThat(workspace.devices()).isEmpty();
    robot.clickOn("#" + ViewId.DEVICES.navigationId());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#devices-view").query().isVisible()).isTrue();
  }
}
