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

  /**
   * This build has no BlueZ transport at all; virtual devices and replays still work.
   */
  public static final BluetoothStatus NOT_IN_THIS_BUILD =
      new BluetoothStatus(
          false,
          "BlueZ not available: this build has no BlueZ transport yet. Virtual devices keep working.");

  /** Validates the parts. */
  public BluetoothStatus {
    Objects.requireNonNull(message, "message");
  }
}
