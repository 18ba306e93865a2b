package org.imucompanion.app.ui.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualLegacyWristband;
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

        List<Boolean> scanning = new ArrayList<>();
        viewModel.scanningProperty().addListener((o, was, is) -> scanning.add(is));

        viewModel.scan(1.0).join();

        assertThat(scanning).as("the view shows a scan under way, then its end").containsExactly(true, false);
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
        // The signal strength the scan heard stays with the connected device (BlueZ reports RSSI
        // only while discovering); the virtual peripheral advertises at -60 dBm.
        assertThat(viewModel.found().get(0).rssi()).hasValue(-60);
        assertThat(workspace.devices().get(0).rssi()).hasValue(-60);
        DeviceRow row = viewModel.rows().get(0);
        row.refresh(System.nanoTime());
        assertThat(row.rssiProperty().get()).isEqualTo("-60 dBm");
      } finally {
        workspace.close();
      }
    }
  }

  @Test
  void aLegacyWristbandIsConnectedWithOneClickToo() throws Exception {
    String legacy = "C0:FF:EE:00:00:07";
    try (VirtualBluezFixture fixture = VirtualBluezFixture.start()) {
      // Read-only firmware, as the band behind the MPU9250 dataset: the feed polls it.
      VirtualLegacyWristband.add(fixture.bluez(), legacy, false);
      Workspace workspace =
          new Workspace(
              BluetoothStatus.available("test bus"),
              BluezOptions.defaults().withBusAddress(fixture.busAddress()));
      try {
        DevicesViewModel viewModel = new DevicesViewModel(workspace);
        viewModel.scan(1.0).join();
        assertThat(viewModel.found()).extracting(d -> d.address()).containsExactly(legacy);

        viewModel.connect(viewModel.found().get(0)).join();

        assertThat(workspace.devices()).hasSize(1);
        LiveDevice band = workspace.devices().get(0);
        assertThat(band.kind()).isEqualTo("legacy wristband");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (band.imuSamples().written() < 5 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(band.imuSamples().written()).as("%s", band.problem()).isGreaterThanOrEqualTo(5);
      } finally {
        workspace.close();
      }
    }
  }
}
