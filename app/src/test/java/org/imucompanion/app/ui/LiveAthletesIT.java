package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.ui.devices.VirtualDeviceChoice;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A coach with several athletes, on a headless (Monocle) stage: adds a virtual Myo and a virtual
 * wristband in the Devices view, sees one panel per device in Live's compact grid, EMG arriving in
 * the Myo's panel, each panel's label from the shipped model, and renames an athlete.
 */
@ExtendWith(ApplicationExtension.class)
class LiveAthletesIT {
  private TestDashboard dashboard;
  private Workspace workspace;
  private MainWindow window;

  @Start
  void start(Stage stage) throws IOException {
    dashboard = TestDashboard.show(stage, "athletes");
    workspace = dashboard.workspace;
    window = dashboard.window;
  }

  @AfterEach
  void closeWorkspace() throws Exception {
    dashboard.close();
  }

  @SuppressWarnings("unchecked")
  private void add(FxRobot robot, VirtualDeviceChoice choice) {
    ChoiceBox<VirtualDeviceChoice> kind =
        robot.lookup("#devices-virtual-kind").queryAs(ChoiceBox.class);
    robot.interact(() -> kind.setValue(choice));
    robot.clickOn("#devices-add-virtual");
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static List<String> texts(FxRobot robot, String styleClass) {
    Set<Node> nodes = robot.lookup("." + styleClass).queryAll();
    return nodes.stream().map(n -> ((Label) n).getText()).toList();
  }

  @Test
  void theCoachSeesTheVirtualAthletesFirstExerciseAndItsRepsCountUp(FxRobot robot)
      throws Exception {
    robot.clickOn("#" + ViewId.DEVICES.navigationId());
    add(robot, VirtualDeviceChoice.WRISTBAND);
    // The first device added performs the athlete of seed DEMO_SEED + 1 (Devices view model).
    VirtualAthlete athlete = VirtualAthlete.of(AthleteMotion.DEMO_SEED + 1);
    String first = athlete.sets().get(0).exercise();
    robot.clickOn("#" + ViewId.LIVE.navigationId());
    Label exercise = robot.lookup("#live-exercise").queryAs(Label.class);
    // Real time: the warm-up rest, one 4 s window, the smoother's dwell and a repetition or two.
    double firstSetStart = athlete.sets().get(0).startSeconds();
    WaitForAsyncUtils.waitFor(
        (long) firstSetStart + 40,
        TimeUnit.SECONDS,
        () -> exercise.getText().matches(first + "  \\d+ %   ·   reps [1-9]\\d*"));
    assertThat(exercise.getText()).startsWith(first);
  }

  @Test
  void aMyoAndAWristbandShowTwoPanelsWithEmgLabelsAndAthleteNames(FxRobot robot)
      throws Exception {
    robot.clickOn("#" + ViewId.DEVICES.navigationId());
    add(robot, VirtualDeviceChoice.MYO);
    add(robot, VirtualDeviceChoice.WRISTBAND);
    assertThat(workspace.devices()).extracting(LiveDevice::name)
        .containsExactly("Virtual Myo 1", "Virtual wristband 2");

    // The wristband was added last, so it is selected: name its athlete.
    robot.clickOn("#devices-athlete").write("Ada");
    robot.clickOn("#devices-name-athlete");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(workspace.devices().get(1).athlete()).isEqualTo("Ada");

    robot.clickOn("#" + ViewId.LIVE.navigationId());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#live-grid").query().isVisible()).isTrue();
    assertThat(robot.lookup(".live-panel").queryAll()).hasSize(2);
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () -> texts(robot, "live-panel-title").equals(List.of("Virtual Myo 1", "Ada — Virtual wristband 2")));

    // EMG reaches the Myo's panel (eight channels), and only the Myo's.
    WaitForAsyncUtils.waitFor(
        15,
        TimeUnit.SECONDS,
        () -> window.liveView().panelEmgDataSets().get(0).get(7).getDataCount() >= 100);
    assertThat(window.liveView().panelEmgDataSets().get(0)).hasSize(8);
    assertThat(window.liveView().panelEmgDataSets().get(1)).isEmpty();
    WaitForAsyncUtils.waitFor(
        15,
        TimeUnit.SECONDS,
        () -> window.liveView().panelAccelerationDataSets().get(1).get(0).getDataCount() >= 50);

    // The shipped model labels both streams: "<class>  NN %", and the rep counter reports.
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () -> texts(robot, "live-panel-exercise").stream().allMatch(t -> t.matches(".+  \\d+ %")));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(texts(robot, "live-panel-reps")).allMatch(t -> t.matches("reps \\d+"));

    // Renaming shows on the next frame.
    robot.clickOn("#" + ViewId.DEVICES.navigationId());
    robot.doubleClickOn("#devices-athlete").eraseText(3).write("Bea");
    robot.clickOn("#devices-name-athlete");
    robot.clickOn("#" + ViewId.LIVE.navigationId());
    WaitForAsyncUtils.waitFor(
        5,
        TimeUnit.SECONDS,
        () -> texts(robot, "live-panel-title").contains("Bea — Virtual wristband 2"));

    // Disconnecting one leaves a single, detailed panel.
    robot.clickOn("#" + ViewId.DEVICES.navigationId());
    robot.clickOn("#devices-disconnect");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(workspace.devices()).extracting(LiveDevice::name).containsExactly("Virtual Myo 1");
    robot.clickOn("#" + ViewId.LIVE.navigationId());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#live-grid").query().isVisible()).isFalse();
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> window.liveView().emgDataSets().get(0).getDataCount() >= 100);
  }
}
