package org.imucompanion.app.workspace;

import org.imucompanion.ble.BleException;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.bluez.BluezTransport;

/**
 * Finds out whether BlueZ can be used, by opening (and closing) a BlueZ transport on the system
 * bus. Blocks on D-Bus, so callers run it off the FX thread.
 */
public final class BluetoothProbe {
  private BluetoothProbe() {}

  /**
   * Probes the system bus for BlueZ and an adapter.
   *
   * @return what to tell the user
   */
  public static BluetoothStatus probe() {
    return probe(BluezOptions.defaults());
  }

  /**
   * Probes a bus for BlueZ and the adapter asked for.
   *
   * @param options where BlueZ is and which adapter
   * @return what to tell the user
   */
  public static BluetoothStatus probe(BluezOptions options) {
    try (BluezTransport transport = BluezTransport.open(options)) {
      return BluetoothStatus.available("connected to bluetoothd, adapter found");
    } catch (BleException e) {
      return BluetoothStatus.unavailable(e.getMessage());
    } catch (RuntimeException e) {
      return BluetoothStatus.unavailable(e.toString());
    }
  }
}
