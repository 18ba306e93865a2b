package org.imucompanion.ble.virtualbluez;

import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/** The ObjectManager at {@code /}, as bluetoothd exports it. */
final class RootObject implements ObjectManager {

  private final VirtualBluez bluez;

  RootObject(VirtualBluez bluez) {
    this.bluez = bluez;
  }

  @Override
  public String getObjectPath() {
    return "/";
  }

  @Override
  public Map<DBusPath, Map<String, Map<String, Variant<?>>>> GetManagedObjects() {
    return bluez.managedObjects();
  }
}
