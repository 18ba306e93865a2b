package org.imucompanion.app.ui.inspector;

import org.imucompanion.ble.Notification;

/** Test notifications shared by the Inspector tests and the screenshot test. */
public final class InspectorFixtures {
  private InspectorFixtures() {}

  /**
   * A well-formed one-sample wristband packet.
   *
   * @param sequence its sequence number
   * @param hostNanos its arrival time
   * @return the notification
   */
  public static Notification packet(int sequence, long hostNanos) {
    return InspectorViewModelTest.packet(sequence, hostNanos);
  }

  /**
   * Three bytes that are no wristband packet.
   *
   * @param hostNanos its arrival time
   * @return the notification
   */
  public static Notification garbage(long hostNanos) {
    return InspectorViewModelTest.garbage(hostNanos);
  }
}
