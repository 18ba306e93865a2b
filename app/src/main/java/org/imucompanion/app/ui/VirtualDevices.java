package org.imucompanion.app.ui;

import org.imucompanion.app.cli.VirtualDeviceKind;
import org.imucompanion.app.workspace.Workspace;

/** Starts the built-in virtual device the user asked for and adds it to the workspace. */
final class VirtualDevices {
  private VirtualDevices() {}

  /**
   * Starts a virtual device.
   *
   * @param kind which one ({@link VirtualDeviceKind#NONE} starts nothing)
   * @param workspace where to add it
   */
  static void start(VirtualDeviceKind kind, Workspace workspace) {
    // The in-process virtual devices come from ble-driver (org.imucompanion.ble.virtualdevice);
    // until they land, the dashboard starts empty and the Devices view says why.
  }
}
