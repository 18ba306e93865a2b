package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.ble.capture.Capture;
import org.imucompanion.ble.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, saving and replaying captures from the Inspector's state, without a stage. */
class InspectorCaptureViewModelTest {
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private final LiveDevice device =
      new LiveDevice(
          "Band", "wristband v1 (virtual)", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 10), () -> {});
  private final InspectorViewModel viewModel = new InspectorViewModel(Runnable::run, Runnable::run);

  @Test
  void anOpenedCaptureHoldsTheTableUntilTheUserGoesBackToTheDevice() throws Exception {
    Path file =
        CaptureFiles.of(
            dir.resolve("c.btsnoop"),
            List.of(
                InspectorFixtures.packet(1, MS),
                InspectorFixtures.packet(4, 2 * MS),
                InspectorFixtures.garbage(3 * MS)));
    viewModel.deviceProperty().set(device);

    OpenedCapture opened = viewModel.openCapture(file).join();

    assertThat(viewModel.openedCaptureProperty().get()).isSameAs(opened);
    assertThat(viewModel.rows()).hasSize(3);
    assertThat(viewModel.malformedProperty().get()).isEqualTo(1);
    assertThat(viewModel.irregularProperty().get()).isEqualTo(1);
    assertThat(viewModel.healthProperty().get()).startsWith("02:00:00:00:00:01 (Band, wristband-v1)");
    assertThat(viewModel.statusProperty().get()).isEqualTo("Opened c.btsnoop: 3 notifications.");

    device.notifications().append(InspectorFixtures.packet(9, 5 * MS));
    viewModel.refresh(10 * MS);
    assertThat(viewModel.rows()).as("the device's packets wait").hasSize(3);

    viewModel.showDevice();
    viewModel.refresh(11 * MS);
    assertThat(viewModel.openedCaptureProperty().get()).isNull();
    assertThat(viewModel.rows()).extracting(PacketRow::sequence).containsExactly("9");
  }

  @Test
  void aCorruptCaptureSaysWhatIsWrongAndLeavesTheTableAlone() throws Exception {
    viewModel.deviceProperty().set(device);
    device.notifications().append(InspectorFixtures.packet(1, MS));
    viewModel.refresh(2 * MS);

    CompletableFuture<OpenedCapture> opening =
        viewModel.openCapture(CaptureFiles.corrupt(dir.resolve("notes.btsnoop")));

    assertThat(opening).isCompletedExceptionally();
    assertThat(viewModel.statusProperty().get())
        .startsWith("Cannot open ")
        .contains("notes.btsnoop")
        .contains("not a btsnoop file");
    assertThat(viewModel.openedCaptureProperty().get()).isNull();
    assertThat(viewModel.rows()).extracting(PacketRow::sequence).containsExactly("1");
    device.notifications().append(InspectorFixtures.packet(2, 3 * MS));
    viewModel.refresh(4 * MS);
    assertThat(viewModel.rows()).as("still following the device").hasSize(2);
  }

  @Test
  void savingWritesEveryPacketTheDeviceLogHoldsEvenFilteredOnes() throws Exception {
    viewModel.deviceProperty().set(device);
    viewModel.malformedOnlyProperty().set(true);
    device.notifications().append(InspectorFixtures.packet(1, MS));
    device.notifications().append(InspectorFixtures.garbage(2 * MS));
    device.notifications().append(InspectorFixtures.packet(2, 3 * MS));
    viewModel.refresh(4 * MS);
    assertThat(viewModel.rows()).hasSize(1);

    Path file = dir.resolve("saved.btsnoop");
    SavedCapture saved = viewModel.saveCapture(file).join();

    assertThat(saved.notifications()).isEqualTo(3);
    Capture back = CaptureReader.readAll(file);
    assertThat(back.notifications()).hasSize(3);
    assertThat(back.devices().get(0).name()).contains("Band");
    assertThat(back.devices().get(0).address()).isEqualTo("02:00:00:00:00:01");
    assertThat(viewModel.statusProperty().get()).isEqualTo("Saved 3 notifications to " + file + ".");
  }

  @Test
  void savingWithoutADeviceSaysWhy() {
    assertThat(viewModel.saveCapture(dir.resolve("x.btsnoop"))).isCompletedExceptionally();
    assertThat(viewModel.statusProperty().get()).startsWith("Select a device first");
    assertThat(dir.resolve("x.btsnoop")).doesNotExist();
  }

  @Test
  void replayGoesThroughTheDashboardsHandlerAndReportsItsFailure() {
    Path file = dir.resolve("r.btsnoop");
    assertThat(viewModel.replayCapture(file).join()).isEqualTo("Replay needs the dashboard's workspace.");
    viewModel.onReplay(f -> CompletableFuture.completedFuture("Replaying " + f.getFileName()));
    assertThat(viewModel.replayCapture(file).join()).isEqualTo("Replaying r.btsnoop");
    viewModel.onReplay(
        f -> CompletableFuture.failedFuture(new java.io.IOException(f + ": no wristband")));
    viewModel.replayCapture(file).join();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Cannot replay " + file + ": " + file + ": no wristband");
  }
}
