package org.imucompanion.app.cli;

import java.util.Optional;
import org.imucompanion.ble.bluez.BluezOptions;
import picocli.CommandLine.Option;

/**
 * {@code --bus} and {@code --adapter}: which D-Bus BlueZ lives on (the system bus unless told
 * otherwise) and which of its adapters to use.
 */
final class BluezBusOption {
  @Option(
      names = "--bus",
      paramLabel = "<address>",
      description =
          "D-Bus address where BlueZ runs, e.g. unix:path=/run/dbus/system_bus_socket"
              + " (default: the system bus).")
  String busAddress;

  @Option(
      names = "--adapter",
      paramLabel = "<hciN>",
      description = "The Bluetooth adapter to use, e.g. hci1 (default: the first one BlueZ has).")
  String adapter;

  /**
   * Returns the BlueZ options these arguments ask for.
   *
   * @return the options
   */
  BluezOptions options() {
    BluezOptions options =
        Optional.ofNullable(busAddress)
            .map(BluezOptions.defaults()::withBusAddress)
            .orElse(BluezOptions.defaults());
    try {
      return adapter == null ? options : options.withAdapter(adapter);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException("--adapter: " + e.getMessage());
    }
  }
}
