package org.imucompanion.ble.virtualbluez;

import java.util.Map;
import org.bluez.GattCharacteristic1;
import org.bluez.datatypes.TwoTuple;
import org.freedesktop.dbus.FileDescriptor;
import org.freedesktop.dbus.connections.base.AbstractConnectionBase;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/** A characteristic object: its calls go to the peripheral, with the caller's bus name. */
final class CharacteristicObject extends ExportedObject implements GattCharacteristic1 {

  static final String IFACE = "org.bluez.GattCharacteristic1";
  private final VirtualPeripheral peripheral;
  final VirtualPeripheral.Characteristic characteristic;

  CharacteristicObject(
      VirtualPeripheral peripheral,
      VirtualPeripheral.Characteristic characteristic,
      String path,
      PropertyStore props) {
    super(path, props);
    this.peripheral = peripheral;
    this.characteristic = characteristic;
  }

  private static String caller() {
    var info = AbstractConnectionBase.getCallInfo();
    return info == null ? "unknown" : info.getSource();
  }

  @Override
  public byte[] ReadValue(Map<String, Variant<?>> options) {
    return peripheral.handleRead(characteristic);
  }

  @Override
  public void WriteValue(byte[] value, Map<String, Variant<?>> options) {
    Variant<?> type = options.get("type");
    boolean command = type != null && "command".equals(type.getValue());
    peripheral.handleWrite(characteristic, value, command);
  }

  @Override
  public TwoTuple<FileDescriptor, UInt16> AcquireWrite(Map<String, Variant<?>> options) {
    throw BluezErrors.notSupported("AcquireWrite is not part of the virtual BlueZ");
  }

  @Override
  public TwoTuple<FileDescriptor, UInt16> AcquireNotify(Map<String, Variant<?>> options) {
    throw BluezErrors.notSupported("AcquireNotify is not part of the virtual BlueZ");
  }

  @Override
  public void StartNotify() {
    peripheral.handleStartNotify(characteristic, caller());
  }

  @Override
  public void StopNotify() {
    peripheral.handleStopNotify(characteristic, caller());
  }

  @Override
  public void Confirm() {
    // indications are not modelled; bluetoothd accepts Confirm silently too
  }
}
