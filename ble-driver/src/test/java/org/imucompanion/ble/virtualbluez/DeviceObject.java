package org.imucompanion.ble.virtualbluez;

import org.bluez.Device1;

/** A device object: Connect/Disconnect go to the peripheral's link model. */
class DeviceObject extends ExportedObject implements Device1 {

  static final String IFACE = "org.bluez.Device1";
  final VirtualPeripheral peripheral;

  DeviceObject(VirtualPeripheral peripheral, String path, PropertyStore props) {
    super(path, props);
    this.peripheral = peripheral;
  }

  @Override
  public void Connect() {
    peripheral.handleConnect();
  }

  @Override
  public void Disconnect() {
    peripheral.handleHostDisconnect();
  }

  @Override
  public void ConnectProfile(String uuid) {
    throw BluezErrors.notSupported("profiles are not part of the virtual BlueZ");
  }

  @Override
  public void DisconnectProfile(String uuid) {
    throw BluezErrors.notSupported("profiles are not part of the virtual BlueZ");
  }

  @Override
  public void Pair() {
    throw BluezErrors.notSupported("pairing is not part of the virtual BlueZ");
  }

  @Override
  public void CancelPairing() {
    throw BluezErrors.error("DoesNotExist", "no pairing in progress");
  }
}
