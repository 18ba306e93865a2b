package org.imucompanion.app.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists nearby devices IMU Companion can talk to. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = "Scan for nearby wristbands, legacy wristbands and Myo armbands through BlueZ.")
final class ScanCommand implements Callable<Integer> {

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "<seconds>",
      defaultValue = "10",
      description = "How long to scan (default: ${DEFAULT-VALUE} s).")
  double timeoutSeconds;

  @Option(
      names = "--kind",
      paramLabel = "<kind>",
      split = ",",
      description = "Only report these kinds: wristband, legacy, myo (default: all).")
  List<String> kinds;

  @Option(names = "--all", description = "Report every BLE device, not only supported ones.")
  boolean all;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.SCAN);
  }
}
