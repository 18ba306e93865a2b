package org.imucompanion.ble.virtualbluez;

import org.bluez.Error;
import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Errors with the names bluetoothd really sends ({@code org.bluez.Error.*}); see {@link Error} for
 * how the names get onto the wire.
 */
final class BluezErrors {

  private BluezErrors() {}

  static DBusExecutionException error(String name, String message) {
    switch (name) {
      case "Failed":
        return new Error.Failed(message);
      case "InProgress":
        return new Error.InProgress(message);
      case "NotConnected":
        return new Error.NotConnected(message);
      case "NotSupported":
        return new Error.NotSupported(message);
      case "NotPermitted":
        return new Error.NotPermitted(message);
      case "DoesNotExist":
        return new Error.DoesNotExist(message);
      case "NotReady":
        return new Error.NotReady(message);
      default:
        throw new IllegalArgumentException("no bluez error " + name);
    }
  }

  static DBusExecutionException failed(String message) {
    return error("Failed", message);
  }

  static DBusExecutionException inProgress(String message) {
    return error("InProgress", message);
  }

  static DBusExecutionException notConnected() {
    return error("NotConnected", "Not Connected");
  }

  static DBusExecutionException notSupported(String message) {
    return error("NotSupported", message);
  }

  static DBusExecutionException notPermitted(String message) {
    return error("NotPermitted", message);
  }
}
