package org.imucompanion.ble.capture;

import java.util.List;

/**
 * A whole capture in memory.
 *
 * @param devices the devices, in the order they were added
 * @param notifications every notification, in file order
 * @param skippedRecords records that were not notifications from a known device and handle
 */
public record Capture(
    List<CaptureDevice> devices, List<CapturedNotification> notifications, long skippedRecords) {

  /**
   * Freezes the lists.
   *
   * @param devices see {@link #devices()}
   * @param notifications see {@link #notifications()}
   * @param skippedRecords see {@link #skippedRecords()}
   */
  public Capture {
    devices = List.copyOf(devices);
    notifications = List.copyOf(notifications);
  }
}
