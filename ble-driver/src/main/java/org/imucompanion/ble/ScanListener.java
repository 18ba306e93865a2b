package org.imucompanion.ble;

/** Receives scan events on the caller's executor, in order. */
public interface ScanListener {

  /**
   * A matching device was seen for the first time during this scan.
   *
   * @param device what is known about it
   */
  void onAppeared(DiscoveredDevice device);

  /**
   * A device already reported changed (RSSI, name, services).
   *
   * @param device what is known about it now
   */
  default void onUpdated(DiscoveredDevice device) {}

  /**
   * A device reported earlier is gone (the stack forgot it).
   *
   * @param address its address
   */
  default void onDisappeared(String address) {}
}
