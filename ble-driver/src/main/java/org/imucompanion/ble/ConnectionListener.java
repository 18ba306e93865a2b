package org.imucompanion.ble;

import java.util.List;
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

  /**
   * Called when the device's GATT table changed while connected (BlueZ turns {@code
   * ServicesResolved} false and true again, e.g. after a firmware update): the characteristics were
   * discovered again and every characteristic with active subscriptions was subscribed again, once,
   * so the subscriptions go on. The state stays {@link ConnectionState#SERVICES_RESOLVED}.
   *
   * @param characteristics the new table
   * @param lost characteristics that had subscriptions but are not in the new table; their
   *     subscriptions are no longer active
   */
  default void onServicesChanged(
      List<GattCharacteristicInfo> characteristics, List<java.util.UUID> lost) {}
}
