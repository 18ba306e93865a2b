package org.imucompanion.app.cli;

import java.util.Optional;
import org.imucompanion.ble.bluez.BluezOptions;
import picocli.CommandLine.Option;

/** {@code --bus}: which D-Bus BlueZ lives on (the system bus unless told otherwise). */
final class BluezBusOption {
  @Option(
      names = "--bus",
      paramLabel = "<address>",
      description =
          "D-Bus address where BlueZ runs, e.g. unix:path=/run/dbus/system_bus_socket"
              + " (default: the system bus).")
  String busAddress;

  /**
   * Returns the BlueZ options these arguments ask for.
   *
   * @return the options
   */
  BluezOptions options() {
    return Optional.ofNullable(busAddress)
        .map(BluezOptions.defaults()::withBusAddress)
        .orElse(BluezOptions.defaults());
  }
}
