package org.imucompanion.ble.virtualbluez;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * The properties of one exported object, per interface, announcing every change the way bluetoothd
 * does: one {@code PropertiesChanged} signal on the object's path, naming the interface.
 */
final class PropertyStore {

  private final DBusConnection connection;
  private final String path;
  private final Map<String, Map<String, Variant<?>>> byInterface = new LinkedHashMap<>();

  PropertyStore(DBusConnection connection, String path) {
    this.connection = connection;
    this.path = path;
  }

  synchronized void init(String iface, String key, Variant<?> value) {
    byInterface.computeIfAbsent(iface, k -> new LinkedHashMap<>()).put(key, value);
  }

  synchronized void declare(String iface) {
    byInterface.computeIfAbsent(iface, k -> new LinkedHashMap<>());
  }

  synchronized Map<String, Map<String, Variant<?>>> snapshot() {
    Map<String, Map<String, Variant<?>>> out = new LinkedHashMap<>();
    byInterface.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
    return out;
  }

  synchronized Map<String, Variant<?>> getAll(String iface) {
    return new LinkedHashMap<>(byInterface.getOrDefault(iface, Map.of()));
  }

  synchronized Variant<?> get(String iface, String key) {
    Variant<?> v = byInterface.getOrDefault(iface, Map.of()).get(key);
    if (v == null) {
      throw BluezErrors.error("DoesNotExist", "No such property '" + key + "' on " + iface);
    }
    return v;
  }

  Object value(String iface, String key) {
    Variant<?> v;
    synchronized (this) {
      v = byInterface.getOrDefault(iface, Map.of()).get(key);
    }
    return v == null ? null : v.getValue();
  }

  /** Sets and announces a property change (bluetoothd's g_dbus_emit_property_changed). */
  void set(String iface, String key, Variant<?> value) {
    emit(iface, key, value);
  }

  /** Removes and announces an invalidated property (RSSI when discovery stops). */
  void remove(String iface, String key) {
    boolean had;
    synchronized (this) {
      had = byInterface.getOrDefault(iface, new LinkedHashMap<>()).remove(key) != null;
    }
    if (had) {
      sendInvalidated(iface, key);
    }
  }

  private void sendInvalidated(String iface, String key) {
    try {
      connection.sendMessage(new Properties.PropertiesChanged(path, iface, Map.of(), List.of(key)));
    } catch (DBusException e) {
      throw new IllegalStateException("cannot send PropertiesChanged on " + path, e);
    }
  }

  /** Sends a change of {@code key} on {@code iface} without storing it (notification values). */
  void emit(String iface, String key, Variant<?> value) {
    synchronized (this) {
      byInterface.computeIfAbsent(iface, k -> new LinkedHashMap<>()).put(key, value);
    }
    try {
      connection.sendMessage(
          new Properties.PropertiesChanged(path, iface, Map.of(key, value), List.of()));
    } catch (DBusException e) {
      throw new IllegalStateException("cannot send PropertiesChanged on " + path, e);
    }
  }
}
