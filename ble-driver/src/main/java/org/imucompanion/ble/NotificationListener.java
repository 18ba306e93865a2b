package org.imucompanion.ble;

/** Receives the notifications of one subscription, on the caller's executor, in arrival order. */
@FunctionalInterface
public interface NotificationListener {

  /**
   * Called once per notification.
   *
   * @param notification the bytes and when they arrived
   */
  void onNotification(Notification notification);
}
