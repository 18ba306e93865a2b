package org.imucompanion.app.ui;

import javafx.application.Application;
import org.imucompanion.app.cli.CommandFailedException;
import org.imucompanion.app.cli.DashboardLauncher;
import org.imucompanion.app.cli.DashboardOptions;

/** Opens the dashboard by launching {@link DashboardApplication}; blocks until it is closed. */
public final class FxDashboardLauncher implements DashboardLauncher {

  /** Creates the launcher. */
  public FxDashboardLauncher() {}

  @Override
  public void launch(DashboardOptions options) {
    try {
      Application.launch(DashboardApplication.class, options.toArguments());
    } catch (UnsupportedOperationException e) {
      // JavaFX's way of saying there is no display to open a window on (e.g. over SSH).
      throw new CommandFailedException(
          "cannot open the dashboard window ("
              + e.getMessage()
              + "). Run it in a desktop session or under `xvfb-run -a`, or use a command-line"
              + " command instead (see --help).",
          e);
    }
  }
}
