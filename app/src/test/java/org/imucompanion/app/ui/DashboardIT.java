package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.ConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard on a real (headless, Monocle) JavaFX stage, driven as a user would: samples
 * streamed by a producer thread appear in the Live plot, and the navigation switches views.
 */
@ExtendWith(ApplicationExtension.class)
class DashboardIT {
  private static final double RATE_HZ = 100;

  private final ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
  private Workspace workspace;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    workspace = new Workspace(BluetoothStatus.NOT_IN_THIS_BUILD);
    SampleRingBuffer buffer =
        new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY);
    LiveDevice device =
        new LiveDevice("Test wristband", "wristband v1", buffer, producer::shutdownNow);
    device.reportState(ConnectionState.SERVICES_RESOLVED);
    workspace.add(device);
    SyntheticArmMotion motion = new SyntheticArmMotion();
    // A producer thread, as a BLE receiver would be: it never touches JavaFX.
    producer.scheduleAtFixedRate(
        () -> motion.appendNext(buffer, System.nanoTime(), RATE_HZ),
        0,
        (long) (1e6 / RATE_HZ),
        TimeUnit.MICROSECONDS);
    window = new MainWindow(new MainWindowViewModel(workspace));
    stage.setScene(new Scene(window.root(), 1100, 760));
    stage.show();
  }

  @AfterEach
  void closeWorkspace() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> workspace.close()).get();
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
    assertThat(status.getText()).startsWith("wristband v1 · ").contains(" Hz · ").endsWith("services resolved");
    // Gravity is on z in the synthetic motion: the plotted z acceleration sits around 1 g.
    var z = window.liveView().accelerationDataSets().get(2);
    assertThat(z.get(1, z.getDataCount() - 1)).isBetween(0.4, 1.6);
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
}
