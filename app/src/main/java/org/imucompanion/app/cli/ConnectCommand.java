package org.imucompanion.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Connects to one device and reports its stream health until stopped. */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description = {
      "Connect to a device, start its stream and print stream health (rate, loss, jitter,"
          + " malformed packets) once a second until Ctrl-C or --duration."
    })
final class ConnectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF) or virtual:wristband / virtual:myo.")
  String device;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double durationSeconds;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(
        device.startsWith("virtual:") ? MissingParts.VIRTUAL_DEVICES : MissingParts.BLUEZ_TRANSPORT);
  }
}
