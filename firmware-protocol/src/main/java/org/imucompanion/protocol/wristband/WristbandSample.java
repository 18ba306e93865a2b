package org.imucompanion.protocol.wristband;

import java.util.Objects;
import java.util.Optional;
import org.imucompanion.protocol.Vector3;

/**
 * One sample of the wristband's MPU9250, in SI-style units and the body frame of PROTOCOL.md §2.2.
 *
 * @param accelG acceleration including gravity, in g
 * @param gyroRadPerS angular rate, in rad/s
 * @param magMicroTesla magnetic field in µT, present only in 9-axis packets
 */
public record WristbandSample(
    Vector3 accelG, Vector3 gyroRadPerS, Optional<Vector3> magMicroTesla) {
  /**
   * Checks that no component is null.
   *
   * @param accelG acceleration in g
   * @param gyroRadPerS angular rate in rad/s
   * @param magMicroTesla magnetic field in µT, or empty
   */
  public WristbandSample {
    Objects.requireNonNull(accelG, "accelG");
    Objects.requireNonNull(gyroRadPerS, "gyroRadPerS");
    Objects.requireNonNull(magMicroTesla, "magMicroTesla");
  }
}
