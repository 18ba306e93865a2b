package org.imucompanion.app;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import org.imucompanion.app.cli.Cli;
import org.imucompanion.app.ui.FxDashboardLauncher;

/**
 * Entry point of the runnable jar: no arguments opens the dashboard on the built-in virtual
 * wristband; anything else is a command-line command (see {@code --help}).
 *
 * <p>This class must not extend {@code javafx.application.Application}: on the class path, the
 * JDK launcher refuses such a main class with "JavaFX runtime components are missing".
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    Charset console = Charset.defaultCharset();
    int status =
        Cli.execute(
            args,
            new FxDashboardLauncher(),
            new PrintWriter(new java.io.OutputStreamWriter(System.out, console), true),
            new PrintWriter(new java.io.OutputStreamWriter(System.err, console), true));
    System.exit(status);
  }
}
