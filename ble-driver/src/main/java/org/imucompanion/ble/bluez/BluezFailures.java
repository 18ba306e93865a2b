package org.imucompanion.ble.bluez;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;

/**
 * Turns what D-Bus and bluetoothd report ({@code org.bluez.Error.InProgress}, {@code
 * org.freedesktop.DBus.Error.ServiceUnknown}, bluez-dbus exception classes...) into one {@link
 * BleException} with a reason.
 */
final class BluezFailures {

  private BluezFailures() {}

  /**
   * Maps a failure.
   *
   * @param failure what was thrown
   * @param fallback the reason when the error says nothing more specific ({@code Failed})
   * @param what what was being attempted, for the message
   * @return the exception to report
   */
  static BleException map(Throwable failure, Reason fallback, String what) {
    Throwable t = unwrap(failure);
    if (t instanceof BleException b) {
      return b;
    }
    if (t instanceof TimeoutException) {
      return new BleException(Reason.TIMEOUT, what + ": no answer in time", t);
    }
    String name = errorName(t);
    String message = String.valueOf(t.getMessage());
    return new BleException(reasonFor(name, message, fallback), what + ": " + name + ": " + message, t);
  }

  static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof CompletionException || cur instanceof ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  /** The D-Bus error name, or for bluez-dbus's own exception classes their simple name. */
  static String errorName(Throwable t) {
    if (t instanceof DBusExecutionException e && e.getType() != null) {
      return e.getType().replace('$', '.');
    }
    if (t instanceof DBusException || t instanceof DBusExecutionException) {
      // dbus-java turns an error name it has a class for into that class
      return t.getClass().getName().replace('$', '.');
    }
    return t.getClass().getSimpleName();
  }

  static Reason reasonFor(String errorName, String message, Reason fallback) {
    String n = errorName.substring(errorName.lastIndexOf('.') + 1);
    n = n.replaceFirst("^Bluez", "").replaceFirst("Exception$", "");
    String m = message.toLowerCase(Locale.ROOT);
    switch (n) {
      case "InProgress":
        return Reason.IN_PROGRESS;
      case "NotConnected":
        return Reason.DISCONNECTED;
      case "NotPermitted":
      case "NotAuthorized":
      case "Rejected":
      case "AuthenticationRejected":
      case "AccessDenied":
        return Reason.REFUSED;
      case "NotSupported":
      case "NotImplemented":
        return Reason.NOT_SUPPORTED;
      case "DoesNotExist":
      case "UnknownObject":
      case "UnknownMethod":
      case "UnknownInterface":
      case "NotFound":
        return Reason.NOT_FOUND;
      case "ServiceUnknown":
      case "NameHasNoOwner":
      case "NotReady":
      case "NotAvailable":
        return Reason.UNAVAILABLE;
      case "NoReply":
      case "Timeout":
      case "TimedOut":
        return Reason.TIMEOUT;
      case "Failed":
        if (m.contains("refused")) {
          return Reason.REFUSED;
        }
        if (m.contains("not connected")) {
          return Reason.DISCONNECTED;
        }
        return fallback;
      default:
        return fallback;
    }
  }
}
