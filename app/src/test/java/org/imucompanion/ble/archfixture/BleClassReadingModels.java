package org.imucompanion.ble.archfixture;

import org.imucompanion.models.archfixture.ModelsClassUsingJavaFx;

/** Breaks "ble-driver never uses models" (the two only meet in the app). */
public final class BleClassReadingModels {
  @Override
  public String toString() {
    return ModelsClassUsingJavaFx.class.getSimpleName();
  }
}
