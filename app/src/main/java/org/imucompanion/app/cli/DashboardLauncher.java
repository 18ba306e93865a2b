package org.imucompanion.app.cli;

/**
 * Opens the JavaFX dashboard and returns when its window is closed. An interface so the CLI can
 * be tested without starting JavaFX.
 */
@FunctionalInterface
public interface DashboardLauncher {
  /**
   * Opens the dashboard and blocks until it is closed.
   *
   * @param options what the dashboard should start with
   */
  void launch(DashboardOptions options);
}
