package org.imucompanion.protocol.legacy;

import java.util.Objects;
import org.imucompanion.protocol.Vector3;

/**
 * One value of the legacy Simblee wristband: a single 9-axis sample, with neither sequence number
 * nor timestamp (PROTOCOL.md §3). The host's receive time is its only clock.
 *
 * @param accelG acceleration including gravity, in g (sent in mg)
 * @param gyroRadPerS angular rate in rad/s (sent in 0.01 °/s)
 * @param magMicroTesla magnetic field in µT (sent in mG)
 */
public record LegacyWristbandPacket(Vector3 accelG, Vector3 gyroRadPerS, Vector3 magMicroTesla) {
  /**
   * Checks that no component is null.
   *
   * @param accelG acceleration in g
   * @param gyroRadPerS angular rate in rad/s
   * @param magMicroTesla magnetic field in µT
   */
  public LegacyWristbandPacket {
    Objects.requireNonNull(accelG, "accelG");
    Objects.requireNonNull(gyroRadPerS, "gyroRadPerS");
    Objects.requireNonNull(magMicroTesla, "magMicroTesla");
  }
}
