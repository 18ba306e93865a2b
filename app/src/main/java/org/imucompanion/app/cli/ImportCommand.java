package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.store.DatasetImport;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Dataset read = DatasetArguments.read(DatasetArguments.format(format), dataset);
    PrintWriter out = spec.commandLine().getOut();
    out.println("read " + read.summary());
    try (SessionStore sessions = StoreArguments.open(store)) {
      ProgressBar progress =
          new ProgressBar(spec.commandLine().getErr(), "import", read.recordings().size(), "recordings");
      DatasetImport.Result result = DatasetImport.importDataset(sessions, read, progress);
      progress.done();
      out.printf(
          "imported %d sessions, %d sets, %d samples into %s (%d skipped)%n",
          result.sessionIds().size(), result.sets(), result.samples(), sessions.file(), result.skipped());
    } catch (SessionStoreException e) {
      throw new CommandFailedException("session store: " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }
}
