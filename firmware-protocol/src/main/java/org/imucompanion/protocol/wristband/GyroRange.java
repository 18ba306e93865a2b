package org.imucompanion.protocol.wristband;

import org.imucompanion.protocol.Int16Scale;

/** The gyroscope's full-scale range, as the MPU9250's GYRO_FS_SEL (PROTOCOL.md §2.3). */
public enum GyroRange {
  /** ±250 °/s, code 0. */
  DPS250(250),
  /** ±500 °/s, code 1. */
  DPS500(500),
  /** ±1000 °/s, code 2. */
  DPS1000(1000),
  /** ±2000 °/s, code 3. */
  DPS2000(2000);

  private final int fullScaleDps;
  private final Int16Scale scale;

  GyroRange(int fullScaleDps) {
    this.fullScaleDps = fullScaleDps;
    this.scale = new Int16Scale(fullScaleDps / 32768.0 * Math.PI / 180.0);
  }

  /**
   * Returns the range's full scale.
   *
   * @return the largest magnitude in degrees per second
   */
  public int fullScaleDps() {
    return fullScaleDps;
  }

  /**
   * Returns the code sent in the config characteristic.
   *
   * @return 0..3
   */
  public int code() {
    return ordinal();
  }

  /**
   * Returns the scale from counts to rad/s.
   *
   * @return {@code fullScaleDps / 32768 · π / 180} rad/s per count
   */
  public Int16Scale scale() {
    return scale;
  }
}
