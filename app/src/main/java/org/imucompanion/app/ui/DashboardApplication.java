package org.imucompanion.app.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.imucompanion.app.cli.DashboardOptions;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.Workspace;

/**
 * The JavaFX application: builds the workspace (devices, Bluetooth status) and the main window,
 * and closes the workspace when the window closes.
 */
public final class DashboardApplication extends Application {
  private Workspace workspace;

  /** Created by JavaFX's launcher. */
  public DashboardApplication() {}

  @Override
  public void start(Stage stage) {
    DashboardOptions options =
        DashboardOptions.fromVirtualDevice(getParameters().getNamed().get("virtual-device"));
    workspace = new Workspace(BluetoothStatus.NOT_IN_THIS_BUILD);
    VirtualDevices.start(options.virtualDevice(), workspace);
    MainWindow window = new MainWindow(new MainWindowViewModel(workspace));
    stage.setTitle("IMU Companion");
    stage.setScene(new Scene(window.root(), 1100, 760));
    stage.show();
  }

  @Override
  public void stop() {
    if (workspace != null) {
      workspace.close();
    }
  }
}
