package org.imucompanion.app.cli;

import org.imucompanion.ble.bluez.BluezOptions;
import java.util.Map;
import java.util.Objects;
import org.imucompanion.app.athlete.MotionChoice;

/**
 * What the dashboard starts with.
 *
 * @param virtualDevice which built-in virtual device to connect at start
 * @param motion what that device performs, as {@code --motion} takes it (see {@link MotionChoice})
 * @param busAddress where BlueZ is, as {@code --bus} takes it; empty for the system bus
 * @param adapter the adapter to use ({@code hci1}); empty for the first one
 */
public record DashboardOptions(
    VirtualDeviceKind virtualDevice, String motion, String busAddress, String adapter) {
  /** Opening the jar without arguments: the virtual wristband doing the virtual athlete's workout. */
  public static final DashboardOptions DEFAULT =
      new DashboardOptions(VirtualDeviceKind.WRISTBAND, MotionChoice.DEFAULT);

  /** Validates the parts. */
  public DashboardOptions {
    Objects.requireNonNull(virtualDevice, "virtualDevice");
    Objects.requireNonNull(motion, "motion");
    Objects.requireNonNull(busAddress, "busAddress");
    Objects.requireNonNull(adapter, "adapter");
  }

  /**
   * A device doing a motion, on the system bus's first adapter.
   *
   * @param virtualDevice which built-in virtual device to connect at start
   * @param motion what it performs
   */
  public DashboardOptions(VirtualDeviceKind virtualDevice, String motion) {
    this(virtualDevice, motion, "", "");
  }

  /**
   * The given device doing the default motion.
   *
   * @param virtualDevice which built-in virtual device to connect at start
   */
  public DashboardOptions(VirtualDeviceKind virtualDevice) {
    this(virtualDevice, MotionChoice.DEFAULT);
  }

  /**
   * Returns the BlueZ options these say.
   *
   * @return bus and adapter as asked, defaults for the rest
   */
  public BluezOptions bluezOptions() {
    BluezOptions options =
        busAddress.isEmpty() ? BluezOptions.defaults() : BluezOptions.defaults().withBusAddress(busAddress);
    return adapter.isEmpty() ? options : options.withAdapter(adapter);
  }

  /**
   * Turns these options into JavaFX application parameters.
   *
   * @return the arguments for {@code Application.launch}
   */
  public String[] toArguments() {
    return new String[] {
      "--virtual-device=" + virtualDevice.cliName(),
      "--motion=" + motion,
      "--bus=" + busAddress,
      "--adapter=" + adapter
    };
  }

  /**
   * Reads options back from JavaFX application parameters.
   *
   * @param named the named parameters JavaFX parsed from {@link #toArguments()}
   * @return the options (defaults for what is missing)
   */
  public static DashboardOptions fromParameters(Map<String, String> named) {
    String device = named.get("virtual-device");
    return new DashboardOptions(
        device == null ? VirtualDeviceKind.WRISTBAND : VirtualDeviceKind.fromCliName(device),
        named.getOrDefault("motion", MotionChoice.DEFAULT),
        named.getOrDefault("bus", ""),
        named.getOrDefault("adapter", ""));
  }
}
