package org.imucompanion.protocol;

/**
 * A three-axis reading in the sensor's body frame, in the SI-style unit named by the field that
 * holds it (g for acceleration, rad/s for angular rate, µT for magnetic field).
 *
 * @param x the x axis
 * @param y the y axis
 * @param z the z axis
 */
public record Vector3(double x, double y, double z) {
  /** The zero vector. */
  public static final Vector3 ZERO = new Vector3(0, 0, 0);

  /**
   * Returns the Euclidean length.
   *
   * @return {@code sqrt(x² + y² + z²)}
   */
  public double norm() {
    return Math.sqrt(x * x + y * y + z * z);
  }
}
