package org.imucompanion.app.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.imucompanion.app.athlete.MotionChoice;
import org.imucompanion.app.cli.DashboardOptions;
import org.imucompanion.app.cli.VirtualDeviceKind;
import org.imucompanion.app.workspace.BluetoothProbe;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.DefaultClassification;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.MyoFeed;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.ble.virtualdevice.MotionSource;

/**
 * The JavaFX application: builds the workspace (devices, Bluetooth status) and the main window,
 * connects the built-in virtual device, probes BlueZ in the background, and closes the workspace
 * when the window closes.
 */
public final class DashboardApplication extends Application {
  private Workspace workspace;
  private MainWindowViewModel viewModel;

  /** Created by JavaFX's launcher. */
  public DashboardApplication() {}

  @Override
  public void start(Stage stage) {
    DashboardOptions options =
        DashboardOptions.fromParameters(getParameters().getNamed());
    // Checked by the dashboard command before launching; the motion is cheap to make.
    MotionSource motion = MotionChoice.parse(options.motion());
    workspace = new Workspace(BluetoothStatus.CHECKING, options.bluezOptions());
    if (options.virtualDevice() == VirtualDeviceKind.WRISTBAND) {
      // Connecting is asynchronous: the device shows up at once, its samples as they come.
      LiveDevice band =
          WristbandFeed.startVirtual(
              WristbandFeed.VIRTUAL_ADDRESS, "Virtual wristband", motion, SampleSink.NONE);
      workspace.add(band);
      DefaultClassification.attachWhenStreaming(band, ForkJoinPool.commonPool());
    } else if (options.virtualDevice() == VirtualDeviceKind.MYO) {
      LiveDevice myo =
          MyoFeed.startVirtual(MyoFeed.VIRTUAL_ADDRESS, "Virtual Myo", motion, SampleSink.NONE);
      workspace.add(myo);
      DefaultClassification.attachWhenStreaming(myo, ForkJoinPool.commonPool());
    }
    viewModel = new MainWindowViewModel(workspace);
    MainWindow window = new MainWindow(viewModel);
    viewModel.models().loadDefault();
    viewModel.sessions().refresh();
    stage.setTitle("IMU Companion");
    stage.setScene(new Scene(window.root(), 1100, 760));
    stage.show();
    // D-Bus can block: probe on a background thread, publish the answer once on the FX thread.
    CompletableFuture.supplyAsync(() -> BluetoothProbe.probe(options.bluezOptions()))
        .thenAccept(status -> Platform.runLater(() -> workspace.bluetoothProperty().set(status)));
  }

  @Override
  public void stop() {
    if (viewModel != null) {
      // A session still open when the window closes is saved, not lost.
      viewModel.record().saveOnExit();
    }
    if (workspace != null) {
      workspace.close();
    }
  }
}
