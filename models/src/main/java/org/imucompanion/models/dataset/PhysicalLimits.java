package org.imucompanion.models.dataset;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The largest magnitude a value of each unit can have on a body-worn IMU, and the unit of each
 * canonical channel: one place for the range checks of every reader (the datasets, the session
 * CSV import). A value beyond these is not a hard movement but a broken file or a wrong unit
 * (1e300, or 400 g, would wreck every figure computed from it), so readers refuse it and say
 * where it is.
 *
 * <p>The limits are generous on purpose: the MPU9250 measures up to ±16 g, ±2000 deg/s and
 * ±4800 µT; a phone's CoreMotion up to about ±8 g. Non-finite values are never in range.
 */
public final class PhysicalLimits {
  /** Largest |acceleration| in g (about 630 m/s²): above any consumer IMU's range. */
  public static final double MAX_ACCELERATION_G = 64;

  /** Largest |angular rate| in rad/s (about 2,900 deg/s): above the MPU9250's ±2000 deg/s. */
  public static final double MAX_ANGULAR_RATE_RAD_S = 50;

  /** Largest |magnetic field| in µT: the MPU9250's AK8963 saturates at ±4800 µT. */
  public static final double MAX_MAGNETIC_FIELD_UT = 5000;

  /** Largest |EMG| in counts: a 16-bit converter (the Myo sends 8-bit values). */
  public static final double MAX_EMG_COUNTS = 32768;

  private PhysicalLimits() {}

  /**
   * The unit a channel is stored and written in, from its canonical name prefix (see {@code
   * org.imucompanion.models.Channels}).
   *
   * @param channel a channel name
   * @return {@code g}, {@code rad/s}, {@code uT}, {@code counts}, or {@code 1} for dimensionless
   *     or unknown channels
   */
  public static String unitOf(String channel) {
    if (channel.startsWith("accel_") || channel.startsWith("gravity_")
        || channel.startsWith("lin_acc_")) {
      return "g";
    }
    if (channel.startsWith("gyro_")) {
      return "rad/s";
    }
    if (channel.startsWith("mag_")) {
      return "uT";
    }
    if (channel.startsWith("emg_")) {
      return "counts";
    }
    return "1";
  }

  /**
   * The largest magnitude of a unit.
   *
   * @param unit a unit as {@link #unitOf} names it
   * @return the limit, or empty for units without one (only finiteness is checked)
   */
  public static OptionalDouble limitOf(String unit) {
    return switch (unit) {
      case "g" -> OptionalDouble.of(MAX_ACCELERATION_G);
      case "rad/s" -> OptionalDouble.of(MAX_ANGULAR_RATE_RAD_S);
      case "uT" -> OptionalDouble.of(MAX_MAGNETIC_FIELD_UT);
      case "counts" -> OptionalDouble.of(MAX_EMG_COUNTS);
      default -> OptionalDouble.empty();
    };
  }

  /**
   * What is wrong with a value, if anything.
   *
   * @param value the value, in {@code unit}
   * @param unit its unit
   * @return e.g. {@code "400.0 g is outside the physical range of ±64 g"}, or empty if the value
   *     is finite and within the unit's limit
   */
  public static Optional<String> problem(double value, String unit) {
    if (!Double.isFinite(value)) {
      return Optional.of(value + " is not a finite number");
    }
    OptionalDouble limit = limitOf(unit);
    if (limit.isPresent() && Math.abs(value) > limit.getAsDouble()) {
      return Optional.of(value + " " + unit + " is outside the physical range of ±"
          + String.format(Locale.ROOT, "%.0f", limit.getAsDouble()) + " " + unit);
    }
    return Optional.empty();
  }
}
