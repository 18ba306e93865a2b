package org.imucompanion.models.archfixture;

import org.freedesktop.dbus.connections.impl.DBusConnection;

/** Breaks "only ble-driver uses D-Bus" by holding a bus connection inside models. */
public final class ModelsClassOpeningTheBus {
  private DBusConnection connection;

  /**
   * Whether a connection is held.
   *
   * @return true if connected
   */
  public boolean connected() {
    return connection != null && connection.isConnected();
  }
}
