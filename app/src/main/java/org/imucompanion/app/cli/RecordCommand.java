package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Records a labeled set headlessly into the session store. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = "Record a device's stream as a labeled set into the session store, without the UI.")
final class RecordCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF) or virtual:wristband / virtual:myo.")
  String device;

  @Option(names = "--athlete", required = true, description = "Who is wearing the device.")
  String athlete;

  @Option(names = "--exercise", required = true, description = "The exercise being done (label).")
  String exercise;

  @Option(names = "--reps", description = "Repetitions done, if counted by hand.")
  Integer reps;

  @Option(names = "--incorrect-form", description = "Mark the set as done with incorrect form.")
  boolean incorrectForm;

  @Option(names = "--notes", description = "Free-text notes stored with the set.")
  String notes;

  @Option(
      names = "--store",
      paramLabel = "<file>",
      description = "Session store (SQLite file; default: the user's data directory).")
  Path store;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double durationSeconds;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.RECORDER);
  }
}
