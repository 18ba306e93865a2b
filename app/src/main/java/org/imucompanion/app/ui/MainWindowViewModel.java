package org.imucompanion.app.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.imucompanion.app.ui.devices.DevicesViewModel;
import org.imucompanion.app.ui.live.LiveViewModel;
import org.imucompanion.app.workspace.Workspace;

/**
 * State of the main window: which view is shown, and the view models of the views, wired so that
 * the device selected in the Devices view is the one the Live view plots.
 */
public final class MainWindowViewModel {
  private final ObjectProperty<ViewId> currentView = new SimpleObjectProperty<>(ViewId.LIVE);
  private final DevicesViewModel devices;
  private final LiveViewModel live = new LiveViewModel();

  /**
   * Creates the view models over a workspace.
   *
   * @param workspace the devices and Bluetooth status
   */
  public MainWindowViewModel(Workspace workspace) {
    devices = new DevicesViewModel(workspace);
    live.deviceProperty().bind(devices.selectedProperty());
  }

  /**
   * The view on screen.
   *
   * @return the property
   */
  public ObjectProperty<ViewId> currentViewProperty() {
    return currentView;
  }

  /**
   * Returns the Devices view's state.
   *
   * @return the view model
   */
  public DevicesViewModel devices() {
    return devices;
  }

  /**
   * Returns the Live view's state.
   *
   * @return the view model
   */
  public LiveViewModel live() {
    return live;
  }
}
