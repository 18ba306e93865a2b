package org.imucompanion.protocol.myo;

import java.util.Objects;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;

/**
 * One IMU notification of the Myo (PROTOCOL.md §4.2), sent at 50 Hz.
 *
 * @param orientation the armband's orientation, a unit quaternion up to 1/16384 quantisation
 * @param accelG acceleration including gravity, in g
 * @param gyroRadPerS angular rate in rad/s
 */
public record MyoImuPacket(Quaternion orientation, Vector3 accelG, Vector3 gyroRadPerS) {
  /**
   * Checks that no component is null.
   *
   * @param orientation orientation quaternion
   * @param accelG acceleration in g
   * @param gyroRadPerS angular rate in rad/s
   */
  public MyoImuPacket {
    Objects.requireNonNull(orientation, "orientation");
    Objects.requireNonNull(accelG, "accelG");
    Objects.requireNonNull(gyroRadPerS, "gyroRadPerS");
  }
}
