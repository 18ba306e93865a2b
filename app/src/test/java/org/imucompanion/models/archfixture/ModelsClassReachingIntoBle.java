package org.imucompanion.models.archfixture;

import org.imucompanion.ble.archfixture.BleClassReadingModels;

/** Breaks "models never imports ble-driver". */
public final class ModelsClassReachingIntoBle {
  /**
   * Asks the BLE layer for something.
   *
   * @return a string from the BLE layer
   */
  public String ask() {
    return new BleClassReadingModels().toString();
  }
}
