package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.models.store.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard on a real (headless, Monocle) JavaFX stage, driven as a user would: samples from
 * ble-driver's virtual wristband appear in the Live plot, and the navigation switches views.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardIT {
  private TestDashboard dashboard;
  private Workspace workspace;
  private MainWindow window;
  private Path storeFile;

  @Start
  void start(Stage stage) throws IOException {
    dashboard = TestDashboard.show(stage, "dashboard");
    workspace = dashboard.workspace;
    window = dashboard.window;
    storeFile = dashboard.storeFile;
    // The real in-process virtual wristband from ble-driver, decoded by its profile.
    workspace.add(WristbandFeed.startVirtual());
  }

  @AfterEach
  void closeWorkspace() throws Exception {
    dashboard.close();
  }

  @Test
  void liveDataArrivesInThePlot(FxRobot robot) throws Exception {
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> window.liveView().accelerationDataSets().get(2).getDataCount() >= 50);

    int before = window.liveView().angularRateDataSets().get(0).getDataCount();
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> window.liveView().angularRateDataSets().get(0).getDataCount() > before);
    WaitForAsyncUtils.waitForFxEvents();
    Label status = robot.lookup("#live-status").queryAs(Label.class);
    assertThat(status.getText()).startsWith("wristband v1 (virtual) · ").contains(" Hz · ");
    // An arm at rest or curling feels about 1 g in total; the plotted samples must be in g.
    var sets = window.liveView().accelerationDataSets();
    int last = sets.get(0).getDataCount() - 1;
    double magnitude =
        Math.sqrt(
            Math.pow(sets.get(0).get(1, last), 2)
                + Math.pow(sets.get(1).get(1, last), 2)
                + Math.pow(sets.get(2).get(1, last), 2));
    assertThat(magnitude).isBetween(0.3, 3.0);
    assertThat(window.liveView().viewModel().framesPulledProperty().get()).isGreaterThan(1);
  }

  @Test
  void navigationSwitchesViews(FxRobot robot) {
    robot.clickOn("#" + ViewId.DEVICES.navigationId());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#devices-view").query().isVisible()).isTrue();
    assertThat(robot.lookup("#live-view").query().isVisible()).isFalse();
    assertThat(robot.lookup("#bluetooth-status").queryAs(Label.class).getText())
        .startsWith("BlueZ not available");
    TableView<?> table = robot.lookup("#devices-table").queryAs(TableView.class);
    assertThat(table.getItems()).hasSize(1);

    for (ViewId id : ViewId.values()) {
      robot.clickOn("#" + id.navigationId());
      WaitForAsyncUtils.waitForFxEvents();
      Node shown = window.view(id);
      assertThat(shown.isVisible()).as("%s is on screen", id).isTrue();
      for (ViewId other : ViewId.values()) {
        if (other != id) {
          assertThat(window.view(other).isVisible()).as("%s hidden", other).isFalse();
        }
      }
    }
  }

  @Test
  void anAthleteRecordsASetAndFindsItInSessions(FxRobot robot) throws Exception {
    robot.clickOn("#" + ViewId.RECORD.navigationId());
    robot.clickOn("#record-athlete").write("Cleo");
    robot.clickOn("#record-exercise").clickOn("Burpee");
    robot.clickOn("#record-session");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> window.view(ViewId.RECORD).lookup("#record-set").isDisabled() == false);
    robot.clickOn("#record-set");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status(robot).startsWith("Set 'Burpee' running"));
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
    robot.clickOn("#record-set");
    robot.clickOn("#record-session");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status(robot).matches("Session \\d+ saved: \\d+ samples\\."));

    robot.clickOn("#" + ViewId.SESSIONS.navigationId());
    robot.clickOn("#sessions-refresh");
    TableView<?> sessions = robot.lookup("#sessions-table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> sessions.getItems().size() == 1);
    assertThat(sessions.getItems().get(0).toString()).contains("Cleo").contains("complete");
    try (SessionStore store = SessionStore.open(storeFile)) {
      long id = store.sessions().get(0).id();
      assertThat(store.segments(id)).extracting(s -> s.exercise()).containsExactly("Burpee");
    }
  }

  private static String status(FxRobot robot) {
    return robot.lookup("#record-status").queryAs(Label.class).getText();
  }
}
