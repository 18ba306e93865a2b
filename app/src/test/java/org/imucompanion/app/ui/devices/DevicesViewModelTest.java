package org.imucompanion.app.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
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
    DevicesViewModel viewModel = new DevicesViewModel(new Workspace(BluetoothStatus.unavailable("no system bus")));

    assertThat(viewModel.bluetoothAvailableProperty().get()).isFalse();
    assertThat(viewModel.bluetoothMessageProperty().get()).startsWith("BlueZ not available");
  }

  @Test
  void aFinishedProbeUpdatesTheMessage() {
    Workspace workspace = new Workspace(BluetoothStatus.CHECKING);
    DevicesViewModel viewModel = new DevicesViewModel(workspace);
    assertThat(viewModel.bluetoothMessageProperty().get()).startsWith("Checking");

    workspace.bluetoothProperty().set(BluetoothStatus.available("adapter hci0"));

    assertThat(viewModel.bluetoothAvailableProperty().get()).isTrue();
    assertThat(viewModel.bluetoothMessageProperty().get()).isEqualTo("BlueZ available: adapter hci0");
  }

  @Test
  void healthLineUsesTheStreamHealthOnceAttached() {
    Workspace workspace = new Workspace(BluetoothStatus.CHECKING);
    LiveDevice band = device("Band");
    workspace.add(band);
    StreamHealth health =
        StreamHealth.withSequenceNumbers(
            new StreamKey("02:00:00:00:00:01", java.util.UUID.randomUUID()),
            NominalRate.ofSamples(50, 1));
    band.attachHealth(health);
    DevicesViewModel viewModel = new DevicesViewModel(workspace);
    for (int i = 0; i <= 100; i++) {
      long t = i * 20 * MS;
      band.imuSamples().append(t, 0, 0, 1, 0, 0, 0);
      if (i != 50) { // sequence 50 never arrives
        health.recordPacket(t, 20, i, 1);
      }
    }

    viewModel.refresh(2_000 * MS);

    assertThat(viewModel.rows().get(0).healthProperty().get())
        .matches("\\d+/50 Hz · loss 1\\.0 % · jitter p99 [0-9.]+ ms · 0 malformed");
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
    Workspace workspace = new Workspace(BluetoothStatus.unavailable("no system bus"));
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
    Workspace workspace = new Workspace(BluetoothStatus.unavailable("no system bus"));
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
