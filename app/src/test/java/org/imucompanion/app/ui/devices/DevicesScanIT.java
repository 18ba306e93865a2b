package org.imucompanion.app.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualWristband;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.junit.jupiter.api.Test;

/**
 * Scan and one-click connect from the Devices view model, through the real BlueZ code path
 * (ble-driver's virtual org.bluez on a private dbus-daemon).
 */
class DevicesScanIT {
  private static final String BAND = "C0:FF:EE:00:00:02";

  @Test
  void scanFindsTheWristbandAndConnectAddsAStreamingDevice() throws Exception {
    try (VirtualBluezFixture fixture = VirtualBluezFixture.start()) {
      VirtualWristband.add(fixture.bluez(), BAND, WristbandConfig.DEFAULT, true);
      Workspace workspace =
          new Workspace(
              BluetoothStatus.available("test bus"),
              BluezOptions.defaults().withBusAddress(fixture.busAddress()));
      try {
        DevicesViewModel viewModel = new DevicesViewModel(workspace);

        viewModel.scan(1.0).join();

        assertThat(viewModel.scanStatusProperty().get()).isEqualTo("Found 1 supported device(s).");
        assertThat(viewModel.found()).extracting(d -> d.address()).containsExactly(BAND);

        viewModel.connect(viewModel.found().get(0)).join();

        assertThat(workspace.devices()).hasSize(1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (workspace.devices().get(0).imuSamples().written() < 50 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(workspace.devices().get(0).imuSamples().written()).isGreaterThanOrEqualTo(50);
        assertThat(viewModel.rows()).extracting(r -> r.nameProperty().get()).containsExactly("IMU Wristband");
      } finally {
        workspace.close();
      }
    }
  }
}
