package org.imucompanion.ble;

import java.util.Optional;

/** Receives the state changes of one {@link BleConnection}, on the caller's executor, in order. */
@FunctionalInterface
public interface ConnectionListener {

  /** A listener that ignores every change, for callers that only poll {@link BleConnection#state()}. */
  ConnectionListener IGNORE = (state, cause) -> {};

  /**
   * Called after the connection moved to a new state.
   *
   * @param state the new state
   * @param cause why the link went down, if it went down unexpectedly; empty otherwise
   */
  void onStateChanged(ConnectionState state, Optional<BleException> cause);
}
