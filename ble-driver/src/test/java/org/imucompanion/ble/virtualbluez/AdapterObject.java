package org.imucompanion.ble.virtualbluez;

import java.util.List;
import java.util.Map;
import org.bluez.Adapter1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;

/** {@code /org/bluez/hci0}: discovery and its filter. */
final class AdapterObject extends ExportedObject implements Adapter1 {

  static final String IFACE = "org.bluez.Adapter1";
  private final VirtualBluez bluez;

  AdapterObject(VirtualBluez bluez, String path, PropertyStore props) {
    super(path, props);
    this.bluez = bluez;
    props.init(IFACE, "Address", new Variant<>("00:1A:7D:DA:71:13"));
    props.init(IFACE, "Name", new Variant<>("virtual-hci0"));
    props.init(IFACE, "Alias", new Variant<>("virtual-hci0"));
    props.init(IFACE, "Powered", new Variant<>(Boolean.TRUE));
    props.init(IFACE, "Discovering", new Variant<>(Boolean.FALSE));
    props.init(IFACE, "UUIDs", new Variant<>(new String[0], "as"));
  }

  @Override
  public void StartDiscovery() {
    bluez.startDiscovery();
  }

  @Override
  public void StopDiscovery() {
    bluez.stopDiscovery();
  }

  @Override
  public void RemoveDevice(DBusPath device) {
    bluez.removeDevice(device.getPath());
  }

  @Override
  public void SetDiscoveryFilter(Map<String, Variant<?>> filter) {
    bluez.setDiscoveryFilter(filter);
  }

  @Override
  public String[] GetDiscoveryFilters() {
    return List.of("UUIDs", "RSSI", "Pathloss", "Transport", "DuplicateData", "Discoverable", "Pattern")
        .toArray(new String[0]);
  }

  @Override
  public DBusPath ConnectDevice(Map<String, Variant<?>> properties) {
    throw BluezErrors.notSupported("ConnectDevice is not part of the virtual BlueZ");
  }
}
