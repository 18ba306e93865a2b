package org.imucompanion.ble.virtualbluez;

import org.bluez.Battery1;

/**
 * A device that also exposes {@code org.bluez.Battery1}: stock bluetoothd hides the 0x180f service
 * and shows its level here instead.
 */
final class BatteryDeviceObject extends DeviceObject implements Battery1 {

  static final String BATTERY_IFACE = "org.bluez.Battery1";

  BatteryDeviceObject(VirtualPeripheral peripheral, String path, PropertyStore props) {
    super(peripheral, path, props);
  }
}
