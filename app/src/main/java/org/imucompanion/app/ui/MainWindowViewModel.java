package org.imucompanion.app.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.imucompanion.app.ui.devices.DevicesViewModel;
import org.imucompanion.app.ui.inspector.InspectorViewModel;
import org.imucompanion.app.ui.live.LiveViewModel;
import org.imucompanion.app.ui.models.ModelLoader;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.app.ui.record.RecordViewModel;
import org.imucompanion.app.ui.sessions.SessionsViewModel;
import org.imucompanion.app.workspace.DefaultClassification;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.ReplayFeed;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.models.store.SessionStore;

/**
 * State of the main window: which view is shown, and the view models of the views, wired so that
 * the device selected in the Devices view is the one the Live view plots.
 */
public final class MainWindowViewModel {
  /** Runs blocking work (model loading) off the FX thread; daemon so it never holds the JVM. */
  private static final Executor BACKGROUND =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "dashboard-background");
            t.setDaemon(true);
            return t;
          });

  private final ObjectProperty<ViewId> currentView = new SimpleObjectProperty<>(ViewId.LIVE);
  private final DevicesViewModel devices;
  private final LiveViewModel live = new LiveViewModel();
  private final ModelsViewModel models;
  private final SessionsViewModel sessions;
  private final RecordViewModel record;
  private final InspectorViewModel inspector = new InspectorViewModel();

  /**
   * Creates the view models over a workspace.
   *
   * @param workspace the devices and Bluetooth status
   */
  public MainWindowViewModel(Workspace workspace) {
    this(
        workspace,
        new ModelsViewModel(ModelLoader.onnx(), BACKGROUND, Platform::runLater),
        new SessionsViewModel(
            SessionStore::openDefault,
            () -> SessionStore.defaultLocation().toString(),
            BACKGROUND,
            Platform::runLater));
  }

  /**
   * Creates the view models with a given Models view model (tests pass one with a fake loader).
   *
   * @param workspace the devices and Bluetooth status
   * @param models the Models view's state
   * @param sessions the Sessions view's state
   */
  public MainWindowViewModel(
      Workspace workspace, ModelsViewModel models, SessionsViewModel sessions) {
    this(workspace, models, sessions, SessionStore::openDefault);
  }

  /**
   * Creates the view models with a given store for recording (tests record into a temp file).
   *
   * @param workspace the devices and Bluetooth status
   * @param models the Models view's state
   * @param sessions the Sessions view's state
   * @param recordStore opens the store the Record view records into
   */
  public MainWindowViewModel(
      Workspace workspace,
      ModelsViewModel models,
      SessionsViewModel sessions,
      SessionsViewModel.StoreOpener recordStore) {
    this.models = models;
    this.sessions = sessions;
    devices = new DevicesViewModel(workspace).withExecutors(BACKGROUND, Platform::runLater);
    // Opens the store only when the user starts a session.
    record =
        new RecordViewModel(
            () -> devices.selectedProperty().get(),
            recordStore,
            BACKGROUND,
            Platform::runLater);
    live.deviceProperty().bind(devices.selectedProperty());
    live.follow(workspace.devices());
    // Devices added from the Devices view classify like the one the dashboard starts with.
    devices.onDeviceAdded(MainWindowViewModel::classify);
    inspector.deviceProperty().bind(devices.selectedProperty());
    // Sessions re-runs the model the user loaded in the Models view.
    models.choiceProperty().addListener((obs, old, now) -> sessions.modelProperty().set(now));
    // A capture replayed from the Inspector joins the workspace like a connected device.
    inspector.onReplay(
        file ->
            ReplayFeed.open(file, CaptureReplay.Pace.RECORDED, BACKGROUND)
                .thenApplyAsync(
                    feed -> {
                      for (LiveDevice d : feed.devices()) {
                        workspace.add(d);
                        classify(d);
                      }
                      devices.selectedProperty().set(feed.devices().get(0));
                      feed.play();
                      return feed.summary();
                    },
                    Platform::runLater));
  }

  private static void classify(LiveDevice device) {
    DefaultClassification.attachWhenStreaming(device, BACKGROUND);
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
   * Returns the Inspector's state.
   *
   * @return the view model
   */
  public InspectorViewModel inspector() {
    return inspector;
  }

  /**
   * Returns the Record view's state.
   *
   * @return the view model
   */
  public RecordViewModel record() {
    return record;
  }

  /**
   * Returns the Sessions view's state.
   *
   * @return the view model
   */
  public SessionsViewModel sessions() {
    return sessions;
  }

  /**
   * Returns the Models view's state.
   *
   * @return the view model
   */
  public ModelsViewModel models() {
    return models;
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
