package org.imucompanion.models.pipeline;

/**
 * Madgwick's gradient-descent orientation filter (S. Madgwick, "An efficient orientation filter
 * for inertial and inertial/magnetic sensor arrays", 2010), for devices that send an
 * accelerometer and a gyroscope (and maybe a magnetometer) but no orientation of their own.
 *
 * <p>Gives the orientation quaternion (sensor to earth, earth z up), the gravity direction in the
 * sensor frame in the {@link org.imucompanion.models.Channels} convention (+1 g up) and linear
 * acceleration ({@code accel - gravity}, g). Units in: accel in g (any scale works, only its
 * direction is used), gyro in rad/s, mag in any unit.
 *
 * <p>The first sample after a reset sets the orientation from the accelerometer alone (tilt,
 * yaw 0) instead of starting from identity, so gravity is right from the first sample instead of
 * converging over seconds. State: four doubles; no allocation.
 */
public final class MadgwickFilter {
  private final double beta;
  private double q0 = 1;
  private double q1;
  private double q2;
  private double q3;
  private boolean initialised;
  private final double[] gravity = new double[3];
  private final double[] linear = new double[3];

  /**
   * A filter with a given gain.
   *
   * @param beta gradient-descent gain (rad/s): how fast the accelerometer (and magnetometer)
   *     corrects gyro drift; Madgwick suggests 0.033 to 0.1, larger trusts the accelerometer more
   */
  public MadgwickFilter(double beta) {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0: " + beta);
    }
    this.beta = beta;
  }

  /** Forgets the orientation; the next sample re-initialises it from the accelerometer. */
  public void reset() {
    q0 = 1;
    q1 = 0;
    q2 = 0;
    q3 = 0;
    initialised = false;
  }

  /**
   * Updates with an accelerometer and gyroscope sample (6-axis).
   *
   * @param ax accel x
   * @param ay accel y
   * @param az accel z
   * @param gx gyro x, rad/s
   * @param gy gyro y, rad/s
   * @param gz gyro z, rad/s
   * @param dt seconds since the previous sample
   */
  public void update(double ax, double ay, double az, double gx, double gy, double gz, double dt) {
    if (!initialised) {
      initialiseFromAccel(ax, ay, az);
    } else {
      double qDot1 = 0.5 * (-q1 * gx - q2 * gy - q3 * gz);
      double qDot2 = 0.5 * (q0 * gx + q2 * gz - q3 * gy);
      double qDot3 = 0.5 * (q0 * gy - q1 * gz + q3 * gx);
      double qDot4 = 0.5 * (q0 * gz + q1 * gy - q2 * gx);
      double norm = Math.sqrt(ax * ax + ay * ay + az * az);
      if (norm > 0) {
        ax /= norm;
        ay /= norm;
        az /= norm;
        double twoQ0 = 2 * q0;
        double twoQ1 = 2 * q1;
        double twoQ2 = 2 * q2;
        double twoQ3 = 2 * q3;
        double fourQ0 = 4 * q0;
        double fourQ1 = 4 * q1;
        double fourQ2 = 4 * q2;
        double eightQ1 = 8 * q1;
        double eightQ2 = 8 * q2;
        double q0q0 = q0 * q0;
        double q1q1 = q1 * q1;
        double q2q2 = q2 * q2;
        double q3q3 = q3 * q3;
        double s0 = fourQ0 * q2q2 + twoQ2 * ax + fourQ0 * q1q1 - twoQ1 * ay;
        double s1 = fourQ1 * q3q3 - twoQ3 * ax + 4 * q0q0 * q1 - twoQ0 * ay - fourQ1
            + eightQ1 * q1q1 + eightQ1 * q2q2 + fourQ1 * az;
        double s2 = 4 * q0q0 * q2 + twoQ0 * ax + fourQ2 * q3q3 - twoQ3 * ay - fourQ2
            + eightQ2 * q1q1 + eightQ2 * q2q2 + fourQ2 * az;
        double s3 = 4 * q1q1 * q3 - twoQ1 * ax + 4 * q2q2 * q3 - twoQ2 * ay;
        double sn = Math.sqrt(s0 * s0 + s1 * s1 + s2 * s2 + s3 * s3);
        if (sn > 0) {
          qDot1 -= beta * s0 / sn;
          qDot2 -= beta * s1 / sn;
          qDot3 -= beta * s2 / sn;
          qDot4 -= beta * s3 / sn;
        }
      }
      integrate(qDot1, qDot2, qDot3, qDot4, dt);
    }
    derive(ax, ay, az);
  }

  /**
   * Updates with accelerometer, gyroscope and magnetometer (9-axis); falls back to the 6-axis
   * update when the magnetometer reads zero.
   *
   * @param ax accel x
   * @param ay accel y
   * @param az accel z
   * @param gx gyro x, rad/s
   * @param gy gyro y, rad/s
   * @param gz gyro z, rad/s
   * @param mx mag x
   * @param my mag y
   * @param mz mag z
   * @param dt seconds since the previous sample
   */
  public void update(double ax, double ay, double az, double gx, double gy, double gz,
      double mx, double my, double mz, double dt) {
    double mn = Math.sqrt(mx * mx + my * my + mz * mz);
    double an = Math.sqrt(ax * ax + ay * ay + az * az);
    if (mn == 0 || an == 0 || !initialised) {
      update(ax, ay, az, gx, gy, gz, dt);
      return;
    }
    double rawAx = ax;
    double rawAy = ay;
    double rawAz = az;
    double qDot1 = 0.5 * (-q1 * gx - q2 * gy - q3 * gz);
    double qDot2 = 0.5 * (q0 * gx + q2 * gz - q3 * gy);
    double qDot3 = 0.5 * (q0 * gy - q1 * gz + q3 * gx);
    double qDot4 = 0.5 * (q0 * gz + q1 * gy - q2 * gx);
    ax /= an;
    ay /= an;
    az /= an;
    mx /= mn;
    my /= mn;
    mz /= mn;
    double twoQ0mx = 2 * q0 * mx;
    double twoQ0my = 2 * q0 * my;
    double twoQ0mz = 2 * q0 * mz;
    double twoQ1mx = 2 * q1 * mx;
    double twoQ0 = 2 * q0;
    double twoQ1 = 2 * q1;
    double twoQ2 = 2 * q2;
    double twoQ3 = 2 * q3;
    double twoQ0q2 = 2 * q0 * q2;
    double twoQ2q3 = 2 * q2 * q3;
    double q0q0 = q0 * q0;
    double q0q1 = q0 * q1;
    double q0q2 = q0 * q2;
    double q0q3 = q0 * q3;
    double q1q1 = q1 * q1;
    double q1q2 = q1 * q2;
    double q1q3 = q1 * q3;
    double q2q2 = q2 * q2;
    double q2q3 = q2 * q3;
    double q3q3 = q3 * q3;
    double hx = mx * q0q0 - twoQ0my * q3 + twoQ0mz * q2 + mx * q1q1 + twoQ1 * my * q2
        + twoQ1 * mz * q3 - mx * q2q2 - mx * q3q3;
    double hy = twoQ0mx * q3 + my * q0q0 - twoQ0mz * q1 + twoQ1mx * q2 - my * q1q1 + my * q2q2
        + twoQ2 * mz * q3 - my * q3q3;
    double twoBx = Math.sqrt(hx * hx + hy * hy);
    double twoBz = -twoQ0mx * q2 + twoQ0my * q1 + mz * q0q0 + twoQ1mx * q3 - mz * q1q1
        + twoQ2 * my * q3 - mz * q2q2 + mz * q3q3;
    double fourBx = 2 * twoBx;
    double fourBz = 2 * twoBz;
    double s0 = -twoQ2 * (2 * q1q3 - twoQ0q2 - ax) + twoQ1 * (2 * q0q1 + twoQ2q3 - ay)
        - twoBz * q2 * (twoBx * (0.5 - q2q2 - q3q3) + twoBz * (q1q3 - q0q2) - mx)
        + (-twoBx * q3 + twoBz * q1) * (twoBx * (q1q2 - q0q3) + twoBz * (q0q1 + q2q3) - my)
        + twoBx * q2 * (twoBx * (q0q2 + q1q3) + twoBz * (0.5 - q1q1 - q2q2) - mz);
    double s1 = twoQ3 * (2 * q1q3 - twoQ0q2 - ax) + twoQ0 * (2 * q0q1 + twoQ2q3 - ay)
        - 4 * q1 * (1 - 2 * q1q1 - 2 * q2q2 - az)
        + twoBz * q3 * (twoBx * (0.5 - q2q2 - q3q3) + twoBz * (q1q3 - q0q2) - mx)
        + (twoBx * q2 + twoBz * q0) * (twoBx * (q1q2 - q0q3) + twoBz * (q0q1 + q2q3) - my)
        + (twoBx * q3 - fourBz * q1) * (twoBx * (q0q2 + q1q3) + twoBz * (0.5 - q1q1 - q2q2) - mz);
    double s2 = -twoQ0 * (2 * q1q3 - twoQ0q2 - ax) + twoQ3 * (2 * q0q1 + twoQ2q3 - ay)
        - 4 * q2 * (1 - 2 * q1q1 - 2 * q2q2 - az)
        + (-fourBx * q2 - twoBz * q0) * (twoBx * (0.5 - q2q2 - q3q3) + twoBz * (q1q3 - q0q2) - mx)
        + (twoBx * q1 + twoBz * q3) * (twoBx * (q1q2 - q0q3) + twoBz * (q0q1 + q2q3) - my)
        + (twoBx * q0 - fourBz * q2) * (twoBx * (q0q2 + q1q3) + twoBz * (0.5 - q1q1 - q2q2) - mz);
    double s3 = twoQ1 * (2 * q1q3 - twoQ0q2 - ax) + twoQ2 * (2 * q0q1 + twoQ2q3 - ay)
        + (-fourBx * q3 + twoBz * q1) * (twoBx * (0.5 - q2q2 - q3q3) + twoBz * (q1q3 - q0q2) - mx)
        + (-twoBx * q0 + twoBz * q2) * (twoBx * (q1q2 - q0q3) + twoBz * (q0q1 + q2q3) - my)
        + twoBx * q1 * (twoBx * (q0q2 + q1q3) + twoBz * (0.5 - q1q1 - q2q2) - mz);
    double sn = Math.sqrt(s0 * s0 + s1 * s1 + s2 * s2 + s3 * s3);
    if (sn > 0) {
      qDot1 -= beta * s0 / sn;
      qDot2 -= beta * s1 / sn;
      qDot3 -= beta * s2 / sn;
      qDot4 -= beta * s3 / sn;
    }
    integrate(qDot1, qDot2, qDot3, qDot4, dt);
    derive(rawAx, rawAy, rawAz);
  }

  /**
   * Uses an orientation the device measured itself (Myo) instead of estimating one.
   *
   * @param w quaternion w (sensor to earth)
   * @param x quaternion x
   * @param y quaternion y
   * @param z quaternion z
   * @param ax accel x, g, for linear acceleration
   * @param ay accel y
   * @param az accel z
   */
  public void useDeviceOrientation(double w, double x, double y, double z,
      double ax, double ay, double az) {
    double n = Math.sqrt(w * w + x * x + y * y + z * z);
    if (n > 0) {
      q0 = w / n;
      q1 = x / n;
      q2 = y / n;
      q3 = z / n;
      initialised = true;
    }
    derive(ax, ay, az);
  }

  private void initialiseFromAccel(double ax, double ay, double az) {
    double n = Math.sqrt(ax * ax + ay * ay + az * az);
    if (n == 0) {
      return;
    }
    // The rotation taking the sensor's measured "up" (a/|a|) onto earth z, about their
    // common perpendicular: q = normalise(1 + u.z, u x z).
    double ux = ax / n;
    double uy = ay / n;
    double uz = az / n;
    double w = 1 + uz;
    double x = uy;
    double y = -ux;
    double z = 0;
    double qn = Math.sqrt(w * w + x * x + y * y + z * z);
    if (qn < 1e-9) {
      // Upside down: half a turn about x.
      q0 = 0;
      q1 = 1;
      q2 = 0;
      q3 = 0;
    } else {
      q0 = w / qn;
      q1 = x / qn;
      q2 = y / qn;
      q3 = z / qn;
    }
    initialised = true;
  }

  private void integrate(double d0, double d1, double d2, double d3, double dt) {
    q0 += d0 * dt;
    q1 += d1 * dt;
    q2 += d2 * dt;
    q3 += d3 * dt;
    double n = Math.sqrt(q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3);
    q0 /= n;
    q1 /= n;
    q2 /= n;
    q3 /= n;
  }

  // Earth z expressed in the sensor frame: the third row of the rotation matrix of q.
  private void derive(double ax, double ay, double az) {
    gravity[0] = 2 * (q1 * q3 - q0 * q2);
    gravity[1] = 2 * (q0 * q1 + q2 * q3);
    gravity[2] = q0 * q0 - q1 * q1 - q2 * q2 + q3 * q3;
    linear[0] = ax - gravity[0];
    linear[1] = ay - gravity[1];
    linear[2] = az - gravity[2];
  }

  /**
   * Gravity in the sensor frame after the last update, g.
   *
   * @param axis 0, 1, 2 for x, y, z
   * @return the component
   */
  public double gravity(int axis) {
    return gravity[axis];
  }

  /**
   * Linear acceleration after the last update, g.
   *
   * @param axis 0, 1, 2 for x, y, z
   * @return the component
   */
  public double linearAcceleration(int axis) {
    return linear[axis];
  }

  /**
   * Orientation quaternion after the last update.
   *
   * @param k 0..3 for w, x, y, z
   * @return the component
   */
  public double quaternion(int k) {
    return switch (k) {
      case 0 -> q0;
      case 1 -> q1;
      case 2 -> q2;
      case 3 -> q3;
      default -> throw new IndexOutOfBoundsException(k);
    };
  }
}
