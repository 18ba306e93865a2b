package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.app.ui.inspector.CaptureFiles;
import org.imucompanion.app.ui.inspector.PacketRow;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.app.ui.sessions.SessionsViewModel;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.models.store.SessionStore;
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

  private Workspace workspace;
  private MainWindow window;
  private MainWindowViewModel viewModel;

  @Start
  void start(Stage stage) throws Exception {
    workspace = new Workspace(BluetoothStatus.unavailable("no system bus"));
    Path storeFile =
        Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), "replay")
            .resolve("sessions.db");
    SessionsViewModel.StoreOpener store = () -> SessionStore.open(storeFile);
    viewModel =
        new MainWindowViewModel(
            workspace,
            new ModelsViewModel(
                file -> {
                  throw new AssertionError("not loaded here");
                },
                Runnable::run,
                Runnable::run),
            new SessionsViewModel(store, () -> "test store", Runnable::run, Platform::runLater),
            store);
    window = new MainWindow(viewModel);
    stage.setScene(new Scene(window.root(), 1100, 760));
    stage.show();
  }

  @AfterEach
  void closeWorkspace() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> workspace.close()).get();
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
    assertThat(table.getItems()).allSatisfy(r -> assertThat(r.device()).isEqualTo(CaptureFiles.ADDRESS));
    assertThat(table.getItems()).allSatisfy(r -> assertThat(r.malformed()).isFalse());
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
