package org.imucompanion.models.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;

/**
 * How the pipeline produces each channel a model asks for from the channels a device sends:
 * passed through, or derived.
 *
 * <ul>
 *   <li>{@code gravity_*}, {@code lin_acc_*}: from the device's own orientation ({@code quat_*})
 *       and {@code accel_*} (Myo); else from each other and {@code accel_*} ({@code lin_acc =
 *       accel - gravity}); else from {@code accel_*} and {@code gyro_*} (and {@code mag_*} if
 *       sent) through the {@link MadgwickFilter}.
 *   <li>{@code quat_*}: from {@code accel_*} and {@code gyro_*} through the Madgwick filter.
 *   <li>{@code accel_*}: {@code gravity + lin_acc} when a device (a phone) sends those.
 *   <li>{@code gyro_*}, {@code mag_*}, {@code emg_*}: only if sent.
 * </ul>
 *
 * Vectors are derived as whole groups (x, y and z together).
 */
public final class ChannelPlan {
  /** Where the orientation-dependent groups come from. */
  enum Orientation {
    /** Nothing needs an orientation. */
    NONE,
    /** Madgwick on accel + gyro. */
    MADGWICK,
    /** Madgwick on accel + gyro + mag. */
    MADGWICK_MAG,
    /** The device's own quaternion. */
    DEVICE
  }

  final ChannelLayout device;
  final List<String> requested;
  final Orientation orientation;
  final boolean gravityFromOrientation;
  final boolean linAccFromOrientation;
  final boolean quatFromOrientation;
  final boolean gravityFromAccelMinusLinAcc;
  final boolean linAccFromAccelMinusGravity;
  final boolean accelFromGravityPlusLinAcc;

  private ChannelPlan(ChannelLayout device, List<String> requested) {
    this.device = device;
    this.requested = List.copyOf(requested);
    boolean hasAccel = device.containsAll(Channels.ACCEL);
    boolean hasGyro = device.containsAll(Channels.GYRO);
    boolean hasMag = device.containsAll(Channels.MAG);
    boolean hasGravity = device.containsAll(Channels.GRAVITY);
    boolean hasLin = device.containsAll(Channels.LIN_ACC);
    boolean hasQuat = device.containsAll(Channels.QUAT);
    boolean wantsAccel = wants(requested, Channels.ACCEL);
    boolean wantsGravity = wants(requested, Channels.GRAVITY);
    boolean wantsLin = wants(requested, Channels.LIN_ACC);
    boolean wantsQuat = wants(requested, Channels.QUAT);
    boolean canEstimate = hasAccel && hasGyro;
    Orientation estimator = hasMag ? Orientation.MADGWICK_MAG : Orientation.MADGWICK;

    accelFromGravityPlusLinAcc = wantsAccel && !hasAccel && hasGravity && hasLin;
    boolean accelAvailable = hasAccel || accelFromGravityPlusLinAcc;

    Orientation o = Orientation.NONE;
    boolean gFromO = false;
    boolean lFromO = false;
    boolean qFromO = false;
    boolean gFromAl = false;
    boolean lFromAg = false;
    if (wantsQuat && !hasQuat && canEstimate) {
      o = estimator;
      qFromO = true;
    }
    if (wantsGravity && !hasGravity) {
      if (hasAccel && hasLin) {
        gFromAl = true;
      } else if (hasQuat && hasAccel) {
        o = Orientation.DEVICE;
        gFromO = true;
      } else if (canEstimate) {
        o = o == Orientation.NONE ? estimator : o;
        gFromO = true;
      }
    }
    if (wantsLin && !hasLin) {
      if (hasGravity && accelAvailable) {
        lFromAg = true;
      } else if (hasQuat && hasAccel) {
        o = o == Orientation.NONE ? Orientation.DEVICE : o;
        lFromO = true;
      } else if (canEstimate) {
        o = o == Orientation.NONE ? estimator : o;
        lFromO = true;
      }
    }
    // Quaternion estimation and device orientation never both apply: a device with quat_* never
    // needs quat estimated.
    orientation = o;
    gravityFromOrientation = gFromO;
    linAccFromOrientation = lFromO;
    quatFromOrientation = qFromO;
    gravityFromAccelMinusLinAcc = gFromAl;
    linAccFromAccelMinusGravity = lFromAg;
  }

  /**
   * Plans the derivation of the requested channels.
   *
   * @param device the channels the device (or recording) supplies
   * @param requested the channels a model asks for, in its order
   * @return the plan
   * @throws IllegalArgumentException naming every requested channel that cannot be produced, the
   *     device's channels, and what would be needed
   */
  public static ChannelPlan of(ChannelLayout device, List<String> requested) {
    ChannelPlan plan = new ChannelPlan(device, requested);
    List<String> missing = plan.unproducible();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the pipeline cannot produce " + String.join(", ", missing)
          + " from the device's channels " + device.names() + ": " + hint(missing));
    }
    return plan;
  }

  /**
   * The channels among the requested ones that cannot be produced from a device's channels.
   *
   * @param device the device's channels
   * @param requested the model's channels
   * @return the unproducible ones, in request order; empty if all can be produced
   */
  public static List<String> unproducible(ChannelLayout device, List<String> requested) {
    return new ChannelPlan(device, requested).unproducible();
  }

  /**
   * Every canonical channel the pipeline can produce from a device's channels (for a model
   * contract check before a pipeline is built).
   *
   * @param device the device's channels
   * @return the producible canonical channel names
   */
  public static Set<String> producible(ChannelLayout device) {
    List<String> all = new ArrayList<>(Channels.ALL);
    List<String> missing = unproducible(device, all);
    return all.stream().filter(c -> !missing.contains(c))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private List<String> unproducible() {
    List<String> missing = new ArrayList<>();
    for (String c : requested) {
      if (!device.contains(c) && !derived(c)) {
        missing.add(c);
      }
    }
    return missing;
  }

  private boolean derived(String c) {
    if (Channels.GRAVITY.contains(c)) {
      return gravityFromOrientation || gravityFromAccelMinusLinAcc;
    }
    if (Channels.LIN_ACC.contains(c)) {
      return linAccFromOrientation || linAccFromAccelMinusGravity;
    }
    if (Channels.QUAT.contains(c)) {
      return quatFromOrientation;
    }
    if (Channels.ACCEL.contains(c)) {
      return accelFromGravityPlusLinAcc;
    }
    return false;
  }

  private static boolean wants(List<String> requested, List<String> group) {
    for (String c : group) {
      if (requested.contains(c)) {
        return true;
      }
    }
    return false;
  }

  private static String hint(List<String> missing) {
    Set<String> hints = new LinkedHashSet<>();
    for (String c : missing) {
      if (Channels.GRAVITY.contains(c) || Channels.LIN_ACC.contains(c)) {
        hints.add(c.substring(0, c.length() - 2) + "_* need accel_x/y/z with gyro_x/y/z "
            + "(orientation filter) or with quat_w/x/y/z");
      } else if (Channels.QUAT.contains(c)) {
        hints.add("quat_* needs the device's quaternion or accel_x/y/z with gyro_x/y/z");
      } else if (Channels.ACCEL.contains(c)) {
        hints.add("accel_* needs the accelerometer or both gravity_* and lin_acc_*");
      } else {
        hints.add(c + " must come from the device itself");
      }
    }
    return String.join("; ", hints);
  }

  /**
   * The requested channels in order.
   *
   * @return the model's channels
   */
  public List<String> requested() {
    return requested;
  }

  /**
   * Whether an orientation filter (or the device's orientation) runs for this plan.
   *
   * @return true if gravity, linear acceleration or a quaternion is derived from orientation
   */
  public boolean usesOrientation() {
    return orientation != Orientation.NONE;
  }

  @Override
  public String toString() {
    return "ChannelPlan[" + device.names() + " -> " + requested + ", orientation " + orientation
        + "]";
  }
}
