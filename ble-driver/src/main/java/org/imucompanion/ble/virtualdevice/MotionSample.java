package org.imucompanion.ble.virtualdevice;

import java.util.Objects;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;

/**
 * Every sensor a virtual device may have, read at one moment; each device sends the parts it has.
 *
 * @param accelG specific force in the sensor frame, in g (gravity included: 1 g up when still)
 * @param gyroRadPerS angular rate in the sensor frame, rad/s
 * @param magMicroTesla magnetic field in the sensor frame, µT
 * @param orientation sensor frame relative to the world (unit quaternion), as the Myo reports it
 * @param emg eight EMG channels in raw counts (-128..127), as the Myo reports them
 */
public record MotionSample(
    Vector3 accelG,
    Vector3 gyroRadPerS,
    Vector3 magMicroTesla,
    Quaternion orientation,
    EmgSample emg) {

  /**
   * Validates that every part is present.
   *
   * @param accelG see {@link #accelG()}
   * @param gyroRadPerS see {@link #gyroRadPerS()}
   * @param magMicroTesla see {@link #magMicroTesla()}
   * @param orientation see {@link #orientation()}
   * @param emg see {@link #emg()}
   */
  public MotionSample {
    Objects.requireNonNull(accelG, "accelG");
    Objects.requireNonNull(gyroRadPerS, "gyroRadPerS");
    Objects.requireNonNull(magMicroTesla, "magMicroTesla");
    Objects.requireNonNull(orientation, "orientation");
    Objects.requireNonNull(emg, "emg");
  }
}
