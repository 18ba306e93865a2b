package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * bluetoothd's D-Bus error names as exception classes, so that they survive dbus-java.
 *
 * <p>Why this exists, in a package that is not ours: dbus-java turns an error reply into an exception
 * by looking for a class named after the error ({@code org.bluez.Error.InProgress} is tried as
 * {@code org.bluez.Error$InProgress}); when there is none it throws a plain {@code
 * DBusExecutionException} that keeps only the message and loses the name. bluez-dbus's own {@code
 * org.bluez.exceptions} classes do not match the names. With these classes on the classpath the
 * BlueZ transport sees which error bluetoothd sent ({@code InProgress} after a reconnect is retried,
 * {@code NotPermitted} means refused ...). The virtual BlueZ throws the same classes, which dbus-java
 * sends under these names, exactly as bluetoothd does.
 */
public final class Error {

  private Error() {}

  /** {@code org.bluez.Error.Failed}: the operation failed; the message says why (for a connection: an errno string such as le-connection-abort-by-local). */
  public static class Failed extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public Failed(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InProgress}: an operation of the same kind is already running (e.g. a notify session that survived a disconnect). */
  public static class InProgress extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public InProgress(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotConnected}: the device is not connected. */
  public static class NotConnected extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public NotConnected(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AlreadyConnected}: the device is already connected. */
  public static class AlreadyConnected extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public AlreadyConnected(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotSupported}: the device or adapter does not support the operation. */
  public static class NotSupported extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public NotSupported(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotPermitted}: the attribute's permissions forbid the operation. */
  public static class NotPermitted extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public NotPermitted(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotAuthorized}: the operation needs authorization. */
  public static class NotAuthorized extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public NotAuthorized(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.DoesNotExist}: the object does not exist. */
  public static class DoesNotExist extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public DoesNotExist(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotReady}: the adapter is not ready (powered off). */
  public static class NotReady extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public NotReady(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.NotAvailable}: the resource is not available. */
  public static class NotAvailable extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public NotAvailable(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.AlreadyExists}: the object already exists. */
  public static class AlreadyExists extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public AlreadyExists(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InvalidArguments}: the arguments were invalid. */
  public static class InvalidArguments extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public InvalidArguments(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InvalidValueLength}: a written value has the wrong length. */
  public static class InvalidValueLength extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public InvalidValueLength(String message) {
      super(message);
    }
  }

  /** {@code org.bluez.Error.InvalidOffset}: a read or write offset is invalid. */
  public static class InvalidOffset extends DBusExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message bluetoothd's text
     */
    public InvalidOffset(String message) {
      super(message);
    }
  }
}
