package org.imucompanion.app.workspace;

import java.util.Objects;

/**
 * Whether the dashboard can reach real Bluetooth devices, and if not, a sentence saying why and
 * what still works.
 *
 * @param available true when BlueZ can be used
 * @param message what to show the user
 */
public record BluetoothStatus(boolean available, String message) {

  /** Shown while the system bus and BlueZ are being probed (off the FX thread). */
  public static final BluetoothStatus CHECKING =
      new BluetoothStatus(false, "Checking for BlueZ on the system bus…");

  /** Validates the parts. */
  public BluetoothStatus {
    Objects.requireNonNull(message, "message");
  }

  /**
   * BlueZ cannot be used.
   *
   * @param why what failed, from the BLE layer
   * @return the status, saying plainly that virtual devices and replays keep working
   */
  public static BluetoothStatus unavailable(String why) {
    return new BluetoothStatus(
        false,
        "BlueZ not available (" + why + "). Virtual devices and capture replays keep working.");
  }

  /**
   * BlueZ answered.
   *
   * @param detail e.g. which adapter
   * @return the status
   */
  public static BluetoothStatus available(String detail) {
    return new BluetoothStatus(true, "BlueZ available: " + detail);
  }
}
