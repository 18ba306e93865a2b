package org.imucompanion.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Builds the picocli command line with IMU Companion's exit codes and error reporting. */
public final class Cli {
  private Cli() {}

  /**
   * Builds the command line.
   *
   * @param dashboardLauncher opens the dashboard
   * @return a configured command line, ready to {@code execute}
   */
  public static CommandLine commandLine(DashboardLauncher dashboardLauncher) {
    ImuCompanionCommand root = new ImuCompanionCommand(dashboardLauncher);
    CommandLine commandLine = new CommandLine(root);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new FailureReporter(root));
    return commandLine;
  }

  /**
   * Runs one command line.
   *
   * @param args the arguments
   * @param dashboardLauncher opens the dashboard
   * @param out standard output
   * @param err standard error
   * @return the exit code (see {@link ExitStatus})
   */
  public static int execute(
      String[] args, DashboardLauncher dashboardLauncher, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = commandLine(dashboardLauncher);
    commandLine.setOut(out);
    commandLine.setErr(err);
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** Turns exceptions escaping a command into one line on stderr and a documented exit code. */
  private static final class FailureReporter implements IExecutionExceptionHandler {
    private final ImuCompanionCommand root;

    FailureReporter(ImuCompanionCommand root) {
      this.root = root;
    }

    @Override
    public int handleExecutionException(
        Exception ex, CommandLine commandLine, ParseResult parseResult) {
      PrintWriter err = commandLine.getErr();
      String command = commandLine.getCommandName();
      int status;
      if (ex instanceof CommandFailedException failed) {
        err.println(command + ": " + failed.getMessage());
        status = ExitStatus.FAILURE;
      } else {
        // Not foreseen by the command: say what it was, since there is no message for users.
        err.println(command + ": unexpected error: " + ex);
        status = ExitStatus.FAILURE;
      }
      if (root.debug()) {
        ex.printStackTrace(err);
      }
      err.flush();
      return status;
    }
  }
}
