package org.imucompanion.ble;

/** Where a {@link BleConnection} is in its life; reported through {@link ConnectionListener}. */
public enum ConnectionState {
  /** The link is being established. */
  CONNECTING,
  /** The link is up but the device's GATT services are not known yet. */
  CONNECTED,
  /** The link is up and the services are resolved: characteristics can be used. */
  SERVICES_RESOLVED,
  /** The link was lost or closed by the device or the stack; the connection may be retried. */
  DISCONNECTED,
  /** The owner closed the connection; it can never be used again. */
  CLOSED;

  /**
   * Tells whether characteristics can be read, written and subscribed in this state.
   *
   * @return true only for {@link #SERVICES_RESOLVED}
   */
  public boolean isUsable() {
    return this == SERVICES_RESOLVED;
  }
}
