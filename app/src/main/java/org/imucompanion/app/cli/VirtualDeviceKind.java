package org.imucompanion.app.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The built-in virtual devices a user can pick without any hardware. */
public enum VirtualDeviceKind {
  /** Our MPU9250 wristband speaking protocol v1. */
  WRISTBAND("wristband"),
  /** A Myo armband (IMU and EMG). */
  MYO("myo"),
  /** No virtual device: start empty (for real devices and replays). */
  NONE("none");

  private final String cliName;

  VirtualDeviceKind(String cliName) {
    this.cliName = cliName;
  }

  /**
   * Returns the name used on the command line.
   *
   * @return e.g. {@code wristband}
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a command-line name, case-insensitively.
   *
   * @param name e.g. {@code myo}
   * @return the kind
   * @throws IllegalArgumentException naming the accepted values if {@code name} is not one
   */
  public static VirtualDeviceKind fromCliName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k.cliName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown virtual device '"
                        + name
                        + "', expected one of "
                        + Arrays.stream(values())
                            .map(VirtualDeviceKind::cliName)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
