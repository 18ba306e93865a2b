package org.imucompanion.protocol.wristband;

import org.imucompanion.protocol.Int16Scale;

/** The accelerometer's full-scale range, as the MPU9250's ACCEL_FS_SEL (PROTOCOL.md §2.3). */
public enum AccelRange {
  /** ±2 g, code 0. */
  G2(2),
  /** ±4 g, code 1. */
  G4(4),
  /** ±8 g, code 2. */
  G8(8),
  /** ±16 g, code 3. */
  G16(16);

  private final int fullScaleG;
  private final Int16Scale scale;

  AccelRange(int fullScaleG) {
    this.fullScaleG = fullScaleG;
    this.scale = new Int16Scale(fullScaleG / 32768.0);
  }

  /**
   * Returns the range's full scale.
   *
   * @return the largest magnitude in g
   */
  public int fullScaleG() {
    return fullScaleG;
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
   * Returns the scale from counts to g.
   *
   * @return {@code fullScaleG / 32768} g per count
   */
  public Int16Scale scale() {
    return scale;
  }
}
