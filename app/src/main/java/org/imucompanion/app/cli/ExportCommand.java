package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionCsv;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Exports recorded sessions to CSV. Files that exist are not replaced without {@code --force},
 * symbolic links are never written through, and each file appears under its name only once it is
 * complete (see {@link SessionCsv}).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Export sessions from the session store to CSV (samples with their labels);"
        + " existing files are kept unless --force is given.")
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
      paramLabel = "<dir>",
      description = "Directory for the CSV files (one per stream of each session).")
  Path output;

  @Option(
      names = "--force",
      description = "Replace CSV files that already exist (never through a symbolic link).")
  boolean force;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (SessionStore store = StoreArguments.openForReading(this.store)) {
      List<Long> ids = sessions;
      if (ids == null || ids.isEmpty()) {
        ids = store.sessions().stream().map(Session::id).toList();
      }
      if (ids.isEmpty()) {
        throw new CommandFailedException("no sessions in " + store.file());
      }
      // Every file is checked before the first is written: a refused export writes nothing.
      for (long id : ids) {
        if (store.findSession(id).isEmpty()) {
          throw new CommandFailedException("no session " + id + " in " + store.file());
        }
        for (Path target : SessionCsv.sessionFiles(store, id, output)) {
          SessionCsv.checkTarget(target, force);
        }
      }
      Files.createDirectories(output);
      ProgressBar progress =
          new ProgressBar(spec.commandLine().getErr(), "export", ids.size(), "sessions");
      try {
        for (long id : ids) {
          for (Path written : SessionCsv.exportSession(store, id, output, force)) {
            out.println("wrote " + written);
          }
          progress.step();
        }
      } finally {
        progress.done();
      }
    } catch (SessionStoreException e) {
      throw new CommandFailedException("session store: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write to " + output + ": " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }
}
