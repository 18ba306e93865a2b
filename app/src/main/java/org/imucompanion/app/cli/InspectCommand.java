package org.imucompanion.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Dumps a device's packets live, decoded field by field, for firmware developers. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print every notification of a device as it arrives: host time, characteristic, sequence,"
          + " hex and decoded fields; malformed packets are shown with their reason, never hidden."
    })
final class InspectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF) or virtual:wristband / virtual:myo.")
  String device;

  @Option(names = "--hex-only", description = "Print raw bytes only, no decoding.")
  boolean hexOnly;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double durationSeconds;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.INSPECTOR);
  }
}
