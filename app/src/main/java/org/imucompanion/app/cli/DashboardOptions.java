package org.imucompanion.app.cli;

import java.util.Objects;

/**
 * What the dashboard starts with.
 *
 * @param virtualDevice which built-in virtual device to connect at start
 */
public record DashboardOptions(VirtualDeviceKind virtualDevice) {
  /** Opening the jar without arguments: the virtual wristband. */
  public static final DashboardOptions DEFAULT = new DashboardOptions(VirtualDeviceKind.WRISTBAND);

  /** Validates the parts. */
  public DashboardOptions {
    Objects.requireNonNull(virtualDevice, "virtualDevice");
  }

  /**
   * Turns these options into JavaFX application parameters.
   *
   * @return the arguments for {@code Application.launch}
   */
  public String[] toArguments() {
    return new String[] {"--virtual-device=" + virtualDevice.cliName()};
  }

  /**
   * Reads options back from JavaFX application parameters.
   *
   * @param value the value of {@code --virtual-device}, if given
   * @return the options
   */
  public static DashboardOptions fromVirtualDevice(String value) {
    return new DashboardOptions(
        value == null ? VirtualDeviceKind.WRISTBAND : VirtualDeviceKind.fromCliName(value));
  }
}
