package org.imucompanion.ble.supervise;

/** Where a {@link SupervisedDevice} is. */
public enum SupervisedState {
  /** First connection and profile start-up under way. */
  CONNECTING,
  /** Connected and the profile is running. */
  STREAMING,
  /** The link was lost; waiting for or making a reconnect attempt. */
  RECONNECTING,
  /** The policy's attempts ran out, or a failure retrying cannot mend (see {@link ReconnectPolicy#isPermanent}). */
  GAVE_UP,
  /** Closed by its owner. */
  STOPPED
}
