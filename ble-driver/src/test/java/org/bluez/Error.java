package org.bluez;

import org.freedesktop.dbus.exceptions.DBusExecutionException;

/**
 * Test-only: exception classes whose binary names are bluetoothd's D-Bus error names.
 *
 * <p>dbus-java names an error reply after the class of the exception a method throws, with {@code
 * $} turned into {@code .}; so {@code org.bluez.Error$InProgress} goes on the wire as {@code
 * org.bluez.Error.InProgress}, exactly what real bluetoothd sends. This is the only way the virtual
 * BlueZ ({@code org.imucompanion.ble.virtualbluez}) can make the client under test see real error
 * names; it has to live in the {@code org.bluez} package for that reason alone.
 */
@SuppressWarnings("checkstyle:TypeName")
public final class Error {

  private Error() {}

  /** {@code org.bluez.Error.Failed}. */
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

  /** {@code org.bluez.Error.InProgress}. */
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

  /** {@code org.bluez.Error.NotConnected}. */
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

  /** {@code org.bluez.Error.NotSupported}. */
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

  /** {@code org.bluez.Error.NotPermitted}. */
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

  /** {@code org.bluez.Error.DoesNotExist}. */
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
}
