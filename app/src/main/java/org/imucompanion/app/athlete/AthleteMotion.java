package org.imucompanion.app.athlete;

import java.util.Objects;
import org.imucompanion.ble.virtualdevice.MotionSample;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;

/**
 * A virtual device's motion performed by a {@link VirtualAthlete}: accelerometer, gyroscope,
 * orientation and EMG come from the athlete; the magnetometer reads a fixed earth field turned
 * into the device frame by the athlete's orientation.
 */
public final class AthleteMotion implements MotionSource {
  /** Seed of the demo workout, fixed so every first run shows the same workout. */
  public static final long DEMO_SEED = 2017;

  /** Earth's field in the world frame, µT (roughly Central Europe: north and down). */
  private static final double[] EARTH_FIELD = {20, 0, -44};

  private final VirtualAthlete athlete;

  /**
   * Wraps an athlete.
   *
   * @param athlete the workout to perform
   */
  public AthleteMotion(VirtualAthlete athlete) {
    this.athlete = Objects.requireNonNull(athlete, "athlete");
  }

  /**
   * The built-in demo: the shipped templates, two sets of each exercise, looping.
   *
   * @return the motion
   */
  public static AthleteMotion demo() {
    return new AthleteMotion(VirtualAthlete.of(DEMO_SEED));
  }

  /**
   * The athlete performing.
   *
   * @return the athlete (its truth tells tests what is being done when)
   */
  public VirtualAthlete athlete() {
    return athlete;
  }

  @Override
  public MotionSample sampleAt(long nanos) {
    VirtualAthlete.Reading r = athlete.at(Math.max(0, nanos) * 1e-9);
    double[] q = r.quaternion();
    double[] mag = worldToDevice(q, EARTH_FIELD);
    return new MotionSample(
        vector(r.accelG()),
        vector(r.gyroRadPerS()),
        vector(mag),
        new Quaternion(q[0], q[1], q[2], q[3]),
        new EmgSample(r.emg()));
  }

  private static Vector3 vector(double[] v) {
    return new Vector3(v[0], v[1], v[2]);
  }

  /** Rotates a world vector into the device frame: the conjugate of the sensor-to-earth turn. */
  static double[] worldToDevice(double[] q, double[] v) {
    double w = q[0];
    double x = -q[1];
    double y = -q[2];
    double z = -q[3];
    return new double[] {
      (1 - 2 * (y * y + z * z)) * v[0] + 2 * (x * y - w * z) * v[1] + 2 * (x * z + w * y) * v[2],
      2 * (x * y + w * z) * v[0] + (1 - 2 * (x * x + z * z)) * v[1] + 2 * (y * z - w * x) * v[2],
      2 * (x * z - w * y) * v[0] + 2 * (y * z + w * x) * v[1] + (1 - 2 * (x * x + y * y)) * v[2]
    };
  }
}
