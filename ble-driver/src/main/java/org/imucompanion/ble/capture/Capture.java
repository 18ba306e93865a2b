package org.imucompanion.ble.capture;

import java.util.List;

/**
 * A whole capture in memory.
 *
 * @param devices the devices, in the order they were added
 * @param notifications every notification, in file order
 * @param skippedRecords notifications that could not be returned ({@link
 *     CaptureReader#skippedRecords()})
 * @param damage the damaged stretches passed over, the first {@value
 *     CaptureReader#MAX_DAMAGE_KEPT}
 * @param damagedStretches how many damaged stretches there were
 * @param bytesSkipped how many bytes they took up
 */
public record Capture(
    List<CaptureDevice> devices,
    List<CapturedNotification> notifications,
    long skippedRecords,
    List<CaptureDamage> damage,
    long damagedStretches,
    long bytesSkipped) {

  /**
   * Freezes the lists.
   *
   * @param devices see {@link #devices()}
   * @param notifications see {@link #notifications()}
   * @param skippedRecords see {@link #skippedRecords()}
   * @param damage see {@link #damage()}
   * @param damagedStretches see {@link #damagedStretches()}
   * @param bytesSkipped see {@link #bytesSkipped()}
   */
  public Capture {
    devices = List.copyOf(devices);
    notifications = List.copyOf(notifications);
    damage = List.copyOf(damage);
  }
}
