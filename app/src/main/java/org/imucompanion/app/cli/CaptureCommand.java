package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Saves a device's notifications to a btsnoop capture file. */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = "Capture a device's notifications into a btsnoop file (readable by Wireshark).")
final class CaptureCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF) or virtual:wristband / virtual:myo.")
  String device;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "<file>",
      description = "The capture file to write.")
  Path output;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double durationSeconds;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.CAPTURE);
  }
}
