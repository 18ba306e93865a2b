package org.imucompanion.app.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level command. Run without a subcommand it opens the dashboard on the built-in virtual
 * wristband, which is what {@code java -jar imu-companion.jar} does.
 */
@Command(
    name = "imu-companion",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    sortOptions = false,
    description = {
      "Desktop companion for wearable IMUs over Bluetooth LE: live plots, exercise recognition,"
          + " rep counting, labeled recordings and a packet inspector.",
      "Without a command, opens the dashboard on a built-in virtual wristband."
    },
    subcommands = {
      DashboardCommand.class,
      ScanCommand.class,
      ConnectCommand.class,
      RecordCommand.class,
      InspectCommand.class,
      CaptureCommand.class,
      ReplayCommand.class,
      ClassifyCommand.class,
      EvaluateCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      TrainDataCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the command failed (message on stderr)",
      "2:bad command line (usage on stderr)"
    })
public final class ImuCompanionCommand implements Callable<Integer> {

  @Option(
      names = "--debug",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean debug;

  private final DashboardLauncher dashboardLauncher;

  /**
   * Creates the command.
   *
   * @param dashboardLauncher opens the dashboard (the real one starts JavaFX)
   */
  public ImuCompanionCommand(DashboardLauncher dashboardLauncher) {
    this.dashboardLauncher = Objects.requireNonNull(dashboardLauncher, "dashboardLauncher");
  }

  /**
   * Returns what opens the dashboard, for the {@code dashboard} subcommand.
   *
   * @return the launcher given at construction
   */
  DashboardLauncher dashboardLauncher() {
    return dashboardLauncher;
  }

  /**
   * Tells whether failures should show stack traces.
   *
   * @return true with {@code --debug}
   */
  boolean debug() {
    return debug;
  }

  @Override
  public Integer call() {
    dashboardLauncher.launch(DashboardOptions.DEFAULT);
    return ExitStatus.OK;
  }
}
