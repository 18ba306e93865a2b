package org.imucompanion.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Exports recorded sessions to CSV. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export sessions from the session store to CSV (samples with their labels).")
final class ExportCommand implements Callable<Integer> {

  @Option(
      names = "--store",
      paramLabel = "<file>",
      description = "Session store (SQLite file; default: the user's data directory).")
  Path store;

  @Option(
      names = "--session",
      paramLabel = "<id>",
      split = ",",
      description = "Sessions to export (default: all).")
  List<Long> sessions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "<file.csv>",
      description = "Where to write the CSV.")
  Path output;

  @Override
  public Integer call() {
    throw new NotAvailableYetException(MissingParts.SESSION_STORE);
  }
}
