package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.store.DatasetImport;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionCsv;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Imports dataset recordings, or session CSV files written by {@code export}, into the session
 * store. Everything is read and checked before the store is touched, and the import is one
 * transaction: a bad file (named with its line and column) or a kill adds nothing.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import a dataset's recordings, or session CSV files written by export, into the"
        + " session store as labeled sessions (all or nothing).")
final class ImportCommand implements Callable<Integer> {
  /** The {@code --format} of files written by {@code export}. */
  static final String SESSION_CSV = "session-csv";

  @Parameters(
      paramLabel = "<dir>",
      description = "Directory with the dataset's files (for session-csv: one file, or a"
          + " directory of .csv files).")
  Path dataset;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "<format>",
      description = "Dataset format: exermote, mpu9250-wristband, or " + SESSION_CSV
          + " (files written by export).")
  String format;

  @Option(
      names = "--store",
      paramLabel = "<file>",
      description = "Session store (SQLite file; default: the user's data directory).")
  Path store;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (SESSION_CSV.equalsIgnoreCase(format)) {
      return importSessionCsv();
    }
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

  private int importSessionCsv() {
    List<Path> files = sessionCsvFiles();
    PrintWriter out = spec.commandLine().getOut();
    try (SessionStore sessions = StoreArguments.open(store)) {
      List<Session> created = SessionCsv.importFiles(sessions, files, Optional.empty());
      for (int i = 0; i < files.size(); i++) {
        out.println("imported " + files.get(i) + " as session " + created.get(i).id());
      }
      out.printf("imported %d sessions into %s%n", created.size(), sessions.file());
    } catch (SessionStoreException e) {
      if (e.reason() == SessionStoreException.Reason.BAD_CSV) {
        throw new CommandFailedException(e.getMessage() + "; nothing was imported", e);
      }
      throw new CommandFailedException("session store: " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }

  private List<Path> sessionCsvFiles() {
    if (Files.isRegularFile(dataset)) {
      return List.of(dataset);
    }
    if (!Files.isDirectory(dataset)) {
      throw new CommandFailedException("no such file or directory: " + dataset);
    }
    try (Stream<Path> s = Files.list(dataset)) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
          .sorted()
          .toList();
      if (files.isEmpty()) {
        throw new CommandFailedException("no .csv files in " + dataset);
      }
      return files;
    } catch (IOException e) {
      throw new CommandFailedException("cannot list " + dataset + ": " + e.getMessage(), e);
    }
  }
}
