package org.imucompanion.ble.bluez;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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

  /**
   * The D-Bus error name as far as dbus-java kept it: the exception's class name, which is the error
   * name when a class for it exists ({@link org.bluez.Error}, dbus-java's own {@code errors}), and
   * just {@code DBusExecutionException} when dbus-java had no class and kept only the message.
   */
  static String errorName(Throwable t) {
    return t.getClass().getName().replace('$', '.');
  }

  static Reason reasonFor(String errorName, String message, Reason fallback) {
    String n = errorName.substring(errorName.lastIndexOf('.') + 1);
    n = n.replaceFirst("^Bluez", "").replaceFirst("Exception$", "");
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
      default:
        // "Failed", or a name dbus-java could not keep: bluetoothd's texts still say what happened.
        return reasonFromMessage(message.toLowerCase(Locale.ROOT), fallback);
    }
  }

  private static Reason reasonFromMessage(String m, Reason fallback) {
    // bluetoothd's LE link-layer outcomes (le-connection-abort-by-local, ...-remote) are radio
    // weather, worth another attempt whatever words follow them.
    if (m.startsWith("le-connection-")) {
      return Reason.CONNECT_FAILED;
    }
    if (m.contains("in progress")) {
      return Reason.IN_PROGRESS;
    }
    if (m.contains("refused") || m.contains("rejected") || m.contains("not permitted")
        || m.contains("not authorized")) {
      return Reason.REFUSED;
    }
    if (m.contains("not connected")) {
      return Reason.DISCONNECTED;
    }
    if (m.contains("not supported")) {
      return Reason.NOT_SUPPORTED;
    }
    if (m.contains("does not exist")) {
      return Reason.NOT_FOUND;
    }
    if (m.contains("not ready")) {
      return Reason.UNAVAILABLE;
    }
    if (m.contains("timeout") || m.contains("timed out")) {
      return Reason.TIMEOUT;
    }
    return fallback;
  }
}
