package org.imucompanion.ble.virtualbluez;

import java.util.Map;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/** An object of the fake org.bluez tree: a path and its properties. */
abstract class ExportedObject implements Properties {

  final String path;
  final PropertyStore props;

  ExportedObject(String path, PropertyStore props) {
    this.path = path;
    this.props = props;
  }

  @Override
  public String getObjectPath() {
    return path;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A> A Get(String iface, String property) {
    return (A) props.get(iface, property);
  }

  @Override
  public <A> void Set(String iface, String property, A value) {
    throw BluezErrors.error("NotSupported", "property " + property + " is read-only here");
  }

  @Override
  public Map<String, Variant<?>> GetAll(String iface) {
    return props.getAll(iface);
  }
}
