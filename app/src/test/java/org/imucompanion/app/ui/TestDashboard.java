package org.imucompanion.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.app.ui.sessions.SessionsViewModel;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.models.store.SessionStore;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dashboard as the TestFX tests open it: a workspace without BlueZ, a session store in a fresh
 * temporary file, no model loaded from the Models view (devices are classified by the default
 * model as in the app), the main window shown on the test's stage.
 */
final class TestDashboard {
  final Workspace workspace;
  final MainWindowViewModel viewModel;
  final MainWindow window;
  final Path storeFile;

  private TestDashboard(Workspace workspace, MainWindowViewModel viewModel, Path storeFile) {
    this.workspace = workspace;
    this.viewModel = viewModel;
    this.window = new MainWindow(viewModel);
    this.storeFile = storeFile;
  }

  /**
   * Opens the dashboard on a stage (call from a TestFX {@code @Start} method).
   *
   * @param stage the test's stage
   * @param prefix names the temporary directory of the store
   * @return the dashboard, shown
   * @throws IOException if the temporary directory can't be made
   */
  static TestDashboard show(Stage stage, String prefix) throws IOException {
    Workspace workspace = new Workspace(BluetoothStatus.unavailable("no system bus"));
    Path storeFile =
        Files.createTempDirectory(
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"))), prefix)
            .resolve("sessions.db");
    SessionsViewModel.StoreOpener store = () -> SessionStore.open(storeFile);
    MainWindowViewModel viewModel =
        new MainWindowViewModel(
            workspace,
            new ModelsViewModel(
                file -> {
                  throw new AssertionError("not loaded here");
                },
                Runnable::run,
                Runnable::run),
            new SessionsViewModel(store, () -> "test store", Runnable::run, Platform::runLater),
            store);
    TestDashboard dashboard = new TestDashboard(workspace, viewModel, storeFile);
    stage.setScene(new Scene(dashboard.window.root(), 1100, 760));
    stage.show();
    return dashboard;
  }

  /**
   * Closes the workspace (every device) on the FX thread, as the application does on exit.
   *
   * @throws Exception if closing fails
   */
  void close() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> workspace.close()).get();
  }
}
