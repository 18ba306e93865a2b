package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.chartfx.XYChart;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.LiveDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A firmware developer at the Inspector, headless (TestFX + Monocle): packets stream in and are
 * pulled once per frame, a gap and a malformed packet are flagged, pause holds the table still,
 * and the filters narrow it.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorViewIT {
  private static final long MS = 1_000_000L;

  private final LiveDevice device =
      new LiveDevice(
          "Band", "wristband v1", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 10), () -> {});
  private InspectorViewModel viewModel;

  @Start
  void start(Stage stage) {
    viewModel = new InspectorViewModel();
    viewModel.deviceProperty().set(device);
    stage.setScene(new Scene(new InspectorView(viewModel).root(), 1200, 600));
    stage.show();
  }

  @Test
  void packetsGapsAndMalformedAreShownPausedAndFiltered(FxRobot robot) throws Exception {
    TableView<PacketRow> table = robot.lookup("#inspector-table").queryTableView();
    device.notifications().append(InspectorFixtures.packet(1, MS));
    device.notifications().append(InspectorFixtures.packet(2, 2 * MS));
    device.notifications().append(InspectorFixtures.packet(6, 3 * MS));
    device.notifications().append(InspectorFixtures.garbage(4 * MS));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 4);
    assertThat(table.getItems().get(2).sequenceNote()).isEqualTo("gap: 3 lost");
    assertThat(table.getItems().get(3).decoded()).startsWith("MALFORMED");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#inspector-counts").queryAs(Label.class).getText())
        .contains("1 malformed")
        .contains("1 after a sequence gap");

    robot.clickOn("#inspector-pause");
    device.notifications().append(InspectorFixtures.packet(7, 5 * MS));
    for (int i = 0; i < 5; i++) {
      WaitForAsyncUtils.sleep(30, TimeUnit.MILLISECONDS);
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertThat(table.getItems()).as("paused: nothing new").hasSize(4);
    robot.clickOn("#inspector-pause");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 5);

    robot.clickOn("#inspector-malformed-only");
    device.notifications().append(InspectorFixtures.packet(8, 6 * MS));
    device.notifications().append(InspectorFixtures.garbage(7 * MS));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 6);
    assertThat(table.getItems().get(5).malformed()).isTrue();

    robot.clickOn("#inspector-malformed-only");
    robot.clickOn("#inspector-characteristic").write("no-such-characteristic");
    device.notifications().append(InspectorFixtures.packet(9, 8 * MS));
    for (int i = 0; i < 5; i++) {
      WaitForAsyncUtils.sleep(30, TimeUnit.MILLISECONDS);
      WaitForAsyncUtils.waitForFxEvents();
    }
    assertThat(table.getItems()).as("filtered out").hasSize(6);

    // The device has no health tracker here, so the trend charts stay empty but are shown.
    assertThat(robot.lookup("#inspector-rate-chart").queryAs(XYChart.class).isVisible()).isTrue();
    assertThat(robot.lookup("#inspector-loss-chart").queryAs(XYChart.class).isVisible()).isTrue();
  }
}
