package org.imucompanion.models;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Canonical channel names: the one spelling a model, a dataset reader, a device profile and the
 * pipeline use to talk about a signal.
 *
 * <p>Conventions (all in the sensor's own right-handed frame):
 *
 * <ul>
 *   <li>{@code accel_*}: the raw accelerometer, gravity included, in g, with the sign a MEMS
 *       accelerometer (MPU9250, Myo) reports: a device lying still reads +1 g along the axis that
 *       points up (specific force).
 *   <li>{@code gravity_*}: the gravity part of {@code accel_*} in the same convention (a unit
 *       vector in g pointing <em>up</em> in the sensor frame), so {@code accel = gravity +
 *       lin_acc}.
 *   <li>{@code lin_acc_*}: linear (user) acceleration in g, {@code accel - gravity}.
 *   <li>{@code gyro_*}: angular rate in rad/s, right-handed.
 *   <li>{@code mag_*}: magnetic field in µT.
 *   <li>{@code quat_*}: orientation quaternion (sensor to earth), unit norm.
 *   <li>{@code emg_0..emg_7}: raw EMG counts (Myo: signed 8-bit).
 * </ul>
 *
 * <p>Apple's CoreMotion (the Exermote dataset) reports the opposite accelerometer sign (-1 g on
 * the up axis at rest); its reader negates gravity and user acceleration so that data recorded on
 * a phone and live data from a wristband mean the same thing to a model.
 */
public final class Channels {
  /** Raw accelerometer x, g (specific force, gravity included). */
  public static final String ACCEL_X = "accel_x";
  /** Raw accelerometer y, g. */
  public static final String ACCEL_Y = "accel_y";
  /** Raw accelerometer z, g. */
  public static final String ACCEL_Z = "accel_z";
  /** Angular rate about x, rad/s. */
  public static final String GYRO_X = "gyro_x";
  /** Angular rate about y, rad/s. */
  public static final String GYRO_Y = "gyro_y";
  /** Angular rate about z, rad/s. */
  public static final String GYRO_Z = "gyro_z";
  /** Magnetic field x, µT. */
  public static final String MAG_X = "mag_x";
  /** Magnetic field y, µT. */
  public static final String MAG_Y = "mag_y";
  /** Magnetic field z, µT. */
  public static final String MAG_Z = "mag_z";
  /** Gravity component of the accelerometer along x, g (points up at rest). */
  public static final String GRAVITY_X = "gravity_x";
  /** Gravity component along y, g. */
  public static final String GRAVITY_Y = "gravity_y";
  /** Gravity component along z, g. */
  public static final String GRAVITY_Z = "gravity_z";
  /** Linear acceleration x (accelerometer minus gravity), g. */
  public static final String LIN_ACC_X = "lin_acc_x";
  /** Linear acceleration y, g. */
  public static final String LIN_ACC_Y = "lin_acc_y";
  /** Linear acceleration z, g. */
  public static final String LIN_ACC_Z = "lin_acc_z";
  /** Orientation quaternion, scalar part. */
  public static final String QUAT_W = "quat_w";
  /** Orientation quaternion, x. */
  public static final String QUAT_X = "quat_x";
  /** Orientation quaternion, y. */
  public static final String QUAT_Y = "quat_y";
  /** Orientation quaternion, z. */
  public static final String QUAT_Z = "quat_z";

  /** Number of EMG channels (Myo: 8 electrodes). */
  public static final int EMG_CHANNEL_COUNT = 8;

  /** The three accelerometer channels in x, y, z order. */
  public static final List<String> ACCEL = List.of(ACCEL_X, ACCEL_Y, ACCEL_Z);
  /** The three gyroscope channels in x, y, z order. */
  public static final List<String> GYRO = List.of(GYRO_X, GYRO_Y, GYRO_Z);
  /** The three magnetometer channels in x, y, z order. */
  public static final List<String> MAG = List.of(MAG_X, MAG_Y, MAG_Z);
  /** The three gravity channels in x, y, z order. */
  public static final List<String> GRAVITY = List.of(GRAVITY_X, GRAVITY_Y, GRAVITY_Z);
  /** The three linear-acceleration channels in x, y, z order. */
  public static final List<String> LIN_ACC = List.of(LIN_ACC_X, LIN_ACC_Y, LIN_ACC_Z);
  /** The quaternion channels in w, x, y, z order. */
  public static final List<String> QUAT = List.of(QUAT_W, QUAT_X, QUAT_Y, QUAT_Z);
  /** {@code emg_0} to {@code emg_7}. */
  public static final List<String> EMG =
      Stream.iterate(0, i -> i + 1).limit(EMG_CHANNEL_COUNT).map(Channels::emg).toList();

  /**
   * The default model's inputs: what a 6-axis wristband can supply after the orientation filter.
   */
  public static final List<String> DEFAULT_MODEL_INPUTS =
      Stream.of(GRAVITY, LIN_ACC, GYRO).flatMap(List::stream).toList();

  /** Every canonical channel name. */
  public static final Set<String> ALL =
      Stream.of(ACCEL, GYRO, MAG, GRAVITY, LIN_ACC, QUAT, EMG)
          .flatMap(List::stream)
          .collect(Collectors.toUnmodifiableSet());

  private Channels() {}

  /**
   * Name of an EMG electrode channel.
   *
   * @param electrode 0 to 7
   * @return {@code emg_<electrode>}
   * @throws IllegalArgumentException if the electrode is out of range
   */
  public static String emg(int electrode) {
    if (electrode < 0 || electrode >= EMG_CHANNEL_COUNT) {
      throw new IllegalArgumentException("EMG electrode must be 0.." + (EMG_CHANNEL_COUNT - 1));
    }
    return "emg_" + electrode;
  }

  /**
   * Whether a name is one of the canonical channels.
   *
   * @param name a channel name
   * @return true if {@link #ALL} contains it
   */
  public static boolean isCanonical(String name) {
    return ALL.contains(name);
  }
}
