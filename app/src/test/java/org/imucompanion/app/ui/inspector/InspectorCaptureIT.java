package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.ble.capture.Capture;
import org.imucompanion.ble.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A firmware developer opens and saves captures at the Inspector, headless (TestFX + Monocle): the
 * file dialog answers with the test's files, everything else is clicked.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorCaptureIT {
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private final LiveDevice device =
      new LiveDevice(
          "Band", "wristband v1 (virtual)", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 10), () -> {});
  /** What the "file dialog" answers next. */
  private final Deque<Path> answers = new ArrayDeque<>();

  private InspectorViewModel viewModel;

  @Start
  void start(Stage stage) {
    viewModel = new InspectorViewModel();
    viewModel.deviceProperty().set(device);
    CaptureChooser chooser =
        new CaptureChooser() {
          @Override
          public Optional<Path> toOpen(Window owner) {
            return Optional.ofNullable(answers.poll());
          }

          @Override
          public Optional<Path> toSave(Window owner) {
            return Optional.ofNullable(answers.poll());
          }
        };
    stage.setScene(new Scene(new InspectorView(viewModel, chooser).root(), 1200, 600));
    stage.show();
  }

  @Test
  void aVirtualSessionsCaptureOpensDecodedThenACorruptOneIsRefusedAndTheDeviceStillShows(
      FxRobot robot) throws Exception {
    Path file = dir.resolve("session.btsnoop");
    long captured = CaptureFiles.virtualWristbandSession(file, 1_500);
    assertThat(captured).as("the virtual band streamed").isGreaterThan(20);

    answers.add(file);
    robot.clickOn("#inspector-open");
    TableView<PacketRow> table = robot.lookup("#inspector-table").queryTableView();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == captured);
    assertThat(table.getItems()).allSatisfy(r -> assertThat(r.malformed()).isFalse());
    assertThat(table.getItems()).allSatisfy(r -> assertThat(r.device()).isEqualTo(CaptureFiles.ADDRESS));
    assertThat(table.getItems().get(0).decoded()).startsWith("t ").contains(" g  ω ");
    assertThat(table.getItems()).extracting(PacketRow::sequenceNote).containsOnly("");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#inspector-health").queryAs(Label.class).getText())
        .startsWith(CaptureFiles.ADDRESS + " (Test band, wristband-v1): ")
        .contains("loss 0.0 %")
        .contains("0 malformed");
    assertThat(robot.lookup("#inspector-status").queryAs(Label.class).getText())
        .isEqualTo("Opened session.btsnoop: " + captured + " notifications.");

    answers.add(CaptureFiles.corrupt(dir.resolve("broken.btsnoop")));
    robot.clickOn("#inspector-open");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#inspector-status").queryAs(Label.class).getText().startsWith("Cannot open"));
    assertThat(robot.lookup("#inspector-status").queryAs(Label.class).getText())
        .contains("broken.btsnoop")
        .contains("not a btsnoop file");
    assertThat(table.getItems()).as("the open capture stays").hasSize((int) captured);

    robot.clickOn("#inspector-show-device");
    device.notifications().append(InspectorFixtures.packet(3, MS));
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
    assertThat(table.getItems().get(0).sequence()).isEqualTo("3");
  }

  @Test
  void savedPacketsReadBackWithBleDriversReaderAndTshark(FxRobot robot) throws Exception {
    List<Integer> sequences = List.of(1, 2, 3, 7, 8);
    for (int i = 0; i < sequences.size(); i++) {
      device.notifications().append(InspectorFixtures.packet(sequences.get(i), (i + 1) * 10 * MS));
    }
    device.notifications().append(InspectorFixtures.garbage(70 * MS));
    TableView<PacketRow> table = robot.lookup("#inspector-table").queryTableView();
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> table.getItems().size() == 6);

    Path file = dir.resolve("saved.btsnoop");
    answers.add(file);
    robot.clickOn("#inspector-save");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup("#inspector-status").queryAs(Label.class).getText().startsWith("Saved"));
    assertThat(robot.lookup("#inspector-status").queryAs(Label.class).getText())
        .isEqualTo("Saved 6 notifications to " + file + ".");

    Capture back = CaptureReader.readAll(file);
    assertThat(back.notifications()).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(back.notifications().get(i).value())
          .isEqualTo(device.notifications().since(0).get(i).value());
    }
    assertThat(back.devices()).extracting(d -> d.kind()).containsExactly("wristband-v1");

    // The same file opened again shows the same rows the live table showed.
    answers.add(file);
    robot.clickOn("#inspector-open");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> viewModel.openedCaptureProperty().get() != null);
    assertThat(table.getItems()).extracting(PacketRow::sequenceNote)
        .containsExactly("", "", "", "gap: 3 lost", "", "");
    assertThat(table.getItems().get(5).malformed()).isTrue();

    tsharkCount(file).ifPresent(count -> assertThat(count).isEqualTo(6));
  }

  /** Counts ATT notifications with tshark, if it is installed (ble-driver's IT requires it). */
  private static Optional<Integer> tsharkCount(Path file) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder("tshark", "-r", file.toString(), "-Y", "btatt.opcode == 0x1b")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException notInstalled) {
      return Optional.empty();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("tshark: %s", out).isZero();
    return Optional.of((int) out.lines().filter(l -> !l.isBlank()).count());
  }
}
