package org.imucompanion.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.ble.ConnectionState;
import org.junit.jupiter.api.Test;

/** The Live view's state, without a stage: samples pushed in come out as frames to draw. */
class LiveViewModelTest {
  private static final long MS = 1_000_000L;

  private final SampleRingBuffer buffer =
      new SampleRingBuffer(LiveDevice.IMU_CHANNELS, LiveDevice.DEFAULT_CAPACITY);
  private final LiveDevice device = new LiveDevice("Band A", "wristband v1", buffer, () -> {});
  private final LiveViewModel viewModel = new LiveViewModel();

  @Test
  void withoutADeviceThereIsNothingToDraw() {
    assertThat(viewModel.pullFrame()).isEmpty();
    assertThat(viewModel.titleProperty().get()).isEqualTo("No device");
    assertThat(viewModel.statusProperty().get()).contains("Devices view");
  }

  @Test
  void pushedSamplesArriveAsOneFrameWithEveryChannel() {
    viewModel.deviceProperty().set(device);
    assertThat(viewModel.titleProperty().get()).isEqualTo("Band A");
    assertThat(viewModel.statusProperty().get()).isEqualTo("Waiting for samples…");
    device.reportState(ConnectionState.SERVICES_RESOLVED);
    for (int i = 0; i < 100; i++) {
      buffer.append(i * 20 * MS, i, 0, 1, 0.1 * i, 0, -0.1 * i); // 50 Hz
    }

    SampleWindow frame = viewModel.pullFrame().orElseThrow();

    assertThat(frame.count()).isEqualTo(100);
    assertThat(frame.channel("accel x")[99]).isEqualTo(99);
    assertThat(frame.channel("gyro z")[10]).isEqualTo(-1.0);
    assertThat(frame.secondsBeforeNewest()[0]).isEqualTo(-1.98);
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("wristband v1 · 50 Hz · 100 samples · services resolved");
    assertThat(viewModel.framesPulledProperty().get()).isEqualTo(1);
  }

  @Test
  void aFrameWithNothingNewIsSkipped() {
    viewModel.deviceProperty().set(device);
    buffer.append(0, 1, 2, 3, 4, 5, 6);
    assertThat(viewModel.pullFrame()).isPresent();

    assertThat(viewModel.pullFrame()).isEmpty();
    assertThat(viewModel.framesPulledProperty().get()).isEqualTo(1);

    buffer.append(20 * MS, 1, 2, 3, 4, 5, 6);
    assertThat(viewModel.pullFrame()).map(SampleWindow::count).contains(2);
  }

  @Test
  void plotsOnlyTheLastWindowOfHistory() {
    viewModel.deviceProperty().set(device);
    for (int i = 0; i < 1_500; i++) {
      buffer.append(i * 10 * MS, i, 0, 0, 0, 0, 0); // 100 Hz for 15 s
    }

    SampleWindow frame = viewModel.pullFrame().orElseThrow();

    assertThat(frame.secondsBeforeNewest()[0]).isGreaterThanOrEqualTo(-LiveViewModel.WINDOW_SECONDS);
    assertThat(frame.count()).isEqualTo(1_001);
  }

  @Test
  void switchingDevicesDrawsTheNewOneStraightAway() {
    viewModel.deviceProperty().set(device);
    buffer.append(0, 1, 2, 3, 4, 5, 6);
    viewModel.pullFrame();
    SampleRingBuffer other = new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 10);
    other.append(0, 9, 9, 9, 9, 9, 9);

    viewModel.deviceProperty().set(new LiveDevice("Band B", "myo", other, () -> {}));

    assertThat(viewModel.titleProperty().get()).isEqualTo("Band B");
    assertThat(viewModel.pullFrame()).map(w -> w.channel("accel x")[0]).contains(9.0);
  }
}
