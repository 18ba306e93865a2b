package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports dataset recordings into the session store. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a dataset's recordings into the session store as labeled sessions.")
final class ImportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<dir>", description = "Directory with the dataset's files.")
  Path dataset;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "<format>",
      description = "Dataset format: exermote or mpu9250-wristband.")
  String format;

  @Option(
      names = "--store",
      paramLabel = "<file>",
      description = "Session store (SQLite file; default: the user's data directory).")
  Path store;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.SESSION_STORE);
  }
}
