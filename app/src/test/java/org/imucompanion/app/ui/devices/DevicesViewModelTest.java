package org.imucompanion.app.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.ConnectionState;
import org.junit.jupiter.api.Test;

/** The Devices view's state, without a stage. */
class DevicesViewModelTest {
  private static final long MS = 1_000_000L;

  private static LiveDevice device(String name) {
    return new LiveDevice(
        name, "wristband v1", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 500), () -> {});
  }

  @Test
  void saysPlainlyWhenBluezIsNotAvailable() {
    DevicesViewModel viewModel = new DevicesViewModel(new Workspace(BluetoothStatus.NOT_IN_THIS_BUILD));

    assertThat(viewModel.bluetoothAvailableProperty().get()).isFalse();
    assertThat(viewModel.bluetoothMessageProperty().get()).startsWith("BlueZ not available");
  }

  @Test
  void rowsFollowTheWorkspaceAndTheFirstDeviceIsSelected() {
    Workspace workspace = new Workspace(new BluetoothStatus(true, "BlueZ 5.66, adapter hci0"));
    DevicesViewModel viewModel = new DevicesViewModel(workspace);
    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.selectedProperty().get()).isNull();

    LiveDevice first = device("Virtual wristband");
    workspace.add(first);
    workspace.add(device("Second"));

    assertThat(viewModel.rows()).extracting(r -> r.nameProperty().get())
        .containsExactly("Virtual wristband", "Second");
    assertThat(viewModel.selectedProperty().get()).isSameAs(first);
  }

  @Test
  void healthSaysRateWhileStreamingAndStalledWhenItStops() {
    Workspace workspace = new Workspace(BluetoothStatus.NOT_IN_THIS_BUILD);
    LiveDevice band = device("Band");
    workspace.add(band);
    DevicesViewModel viewModel = new DevicesViewModel(workspace);
    DeviceRow row = viewModel.rows().get(0);

    viewModel.refresh(0);
    assertThat(row.healthProperty().get()).isEqualTo("no samples yet");
    assertThat(row.stateProperty().get()).isEqualTo("connecting");

    band.reportState(ConnectionState.SERVICES_RESOLVED);
    for (int i = 0; i <= 100; i++) {
      band.imuSamples().append(i * 20 * MS, 0, 0, 1, 0, 0, 0); // 50 Hz for 2 s
    }
    viewModel.refresh(2_000 * MS);
    assertThat(row.healthProperty().get()).isEqualTo("50 Hz · 101 samples");
    assertThat(row.stateProperty().get()).isEqualTo("services resolved");

    viewModel.refresh(5_000 * MS);
    assertThat(row.healthProperty().get()).isEqualTo("stalled: nothing for 3.0 s");

    band.reportProblem("link lost");
    band.reportState(ConnectionState.DISCONNECTED);
    viewModel.refresh(5_000 * MS);
    assertThat(row.stateProperty().get()).isEqualTo("disconnected — link lost");
  }

  @Test
  void closingTheWorkspaceClosesDevicesNewestFirst() {
    Workspace workspace = new Workspace(BluetoothStatus.NOT_IN_THIS_BUILD);
    StringBuilder closed = new StringBuilder();
    workspace.add(
        new LiveDevice("a", "k", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 2), () -> closed.append("a")));
    workspace.add(
        new LiveDevice("b", "k", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 2), () -> closed.append("b")));

    workspace.close();

    assertThat(closed).hasToString("ba");
    assertThat(workspace.devices()).allMatch(d -> d.state() == ConnectionState.CLOSED);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> workspace.add(device("c")))
        .isInstanceOf(IllegalStateException.class);
  }
}
