package org.imucompanion.protocol;

/**
 * An orientation as a quaternion {@code w + xi + yj + zk}. Decoded device quaternions are unit
 * quaternions up to the device's quantisation (the Myo sends them in 1/16384 steps).
 *
 * @param w the scalar part
 * @param x the i component
 * @param y the j component
 * @param z the k component
 */
public record Quaternion(double w, double x, double y, double z) {
  /** The identity rotation. */
  public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

  /**
   * Returns the quaternion's norm.
   *
   * @return {@code sqrt(w² + x² + y² + z²)}
   */
  public double norm() {
    return Math.sqrt(w * w + x * x + y * y + z * z);
  }
}
