package org.imucompanion.ble.virtualbluez;

import org.bluez.GattService1;

/** A primary GATT service object. */
final class ServiceObject extends ExportedObject implements GattService1 {

  static final String IFACE = "org.bluez.GattService1";

  ServiceObject(String path, PropertyStore props) {
    super(path, props);
  }
}
