package org.imucompanion.app.ui.live;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.imucompanion.app.ui.OnScreenTimer;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SetSummary;

/**
 * Builds the Live view. With one device: a heading, a status line, the exercise, two scrolling
 * ChartFX plots (acceleration in g, angular rate in rad/s), the eight EMG channels for a Myo, and
 * the set history. With several: a compact grid, one {@link DevicePanelView} per device. A per-frame timer ({@link OnScreenTimer}) asks the view model for
 * the newest samples at most once per frame and hands them to a {@link PlotWriter}; producers
 * never schedule work on the FX thread.
 */
public final class LiveView {
  /** Initial data-set capacity: one plot window at 200 Hz, so steady state never reallocates. */
  private static final int INITIAL_POINTS = (int) (LiveViewModel.WINDOW_SECONDS * 200);

  private final LiveViewModel viewModel;
  private final VBox root = new VBox(8);
  private final VBox detail = new VBox(8);
  private final GridPane grid = new GridPane();
  private final List<DevicePanelView> panelViews = new ArrayList<>();
  private final ListView<SetSummary> setHistory = new ListView<>();
  private final XYChart emgChart;
  private final List<DoubleDataSet> emgSets;
  private final XYChart accelChart;
  private final XYChart gyroChart;
  private final List<DoubleDataSet> accelSets;
  private final List<DoubleDataSet> gyroSets;

  /** The Myo's vibration settings: at a set's end, and every N repetitions. */
  private javafx.scene.Node hapticsBar() {
    javafx.scene.control.CheckBox atSetEnd =
        new javafx.scene.control.CheckBox("Vibrate Myo at the end of a set");
    atSetEnd.setId("live-vibrate-set-end");
    atSetEnd.selectedProperty().bindBidirectional(viewModel.vibrateAtSetEndProperty());
    javafx.scene.control.Spinner<Integer> everyReps = new javafx.scene.control.Spinner<>(0, 50, 0);
    everyReps.setId("live-vibrate-every");
    everyReps.setPrefWidth(70);
    everyReps.setEditable(true);
    everyReps.valueProperty().addListener((obs, old, now) -> viewModel.vibrateEveryRepsProperty().set(now));
    javafx.scene.layout.HBox bar =
        new javafx.scene.layout.HBox(
            8,
            atSetEnd,
            new Label("and every"),
            everyReps,
            new Label("repetitions (0: never)"));
    bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return bar;
  }

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   */
  public LiveView(LiveViewModel viewModel) {
    this.viewModel = viewModel;
    Label title = new Label();
    title.getStyleClass().add("view-title");
    title.textProperty().bind(viewModel.titleProperty());
    Label status = new Label();
    status.setId("live-status");
    status.textProperty().bind(viewModel.statusProperty());

    accelSets = channels("accel x", "accel y", "accel z");
    gyroSets = channels("gyro x", "gyro y", "gyro z");
    accelChart = chart("Acceleration", "g", accelSets);
    accelChart.setId("live-accel-chart");
    gyroChart = chart("Angular rate", "rad/s", gyroSets);
    gyroChart.setId("live-gyro-chart");
    VBox.setVgrow(accelChart, Priority.ALWAYS);
    VBox.setVgrow(gyroChart, Priority.ALWAYS);
    Label exercise = new Label();
    exercise.setId("live-exercise");
    exercise.setStyle("-fx-font-size: 30px; -fx-font-weight: bold;");
    exercise.textProperty().bind(viewModel.exerciseProperty());
    Label probabilities = new Label();
    probabilities.setId("live-probabilities");
    probabilities.textProperty().bind(viewModel.probabilitiesProperty());
    emgSets = channels(LiveDevice.EMG_CHANNELS);
    emgChart = chart("EMG", "counts", emgSets);
    emgChart.setId("live-emg-chart");
    VBox.setVgrow(emgChart, Priority.ALWAYS);
    // Only a device with EMG (a Myo) shows the EMG plot; managed follows visible so it takes no room.
    emgChart.managedProperty().bind(emgChart.visibleProperty());
    emgChart.setVisible(false);
    Label setsHeading = new Label("Sets");
    setHistory.setId("live-sets");
    setHistory.setPrefHeight(90);
    setHistory.setPlaceholder(new Label("No sets yet"));
    setHistory.setCellFactory(list -> new DevicePanelView.SetCell());
    detail.getChildren()
        .addAll(
            title,
            status,
            exercise,
            probabilities,
            accelChart,
            gyroChart,
            emgChart,
            setsHeading,
            setHistory);
    VBox.setVgrow(detail, Priority.ALWAYS);
    detail.managedProperty().bind(detail.visibleProperty());
    detail.visibleProperty().bind(viewModel.compactProperty().not());

    grid.setId("live-grid");
    grid.setHgap(8);
    grid.setVgap(8);
    grid.managedProperty().bind(grid.visibleProperty());
    grid.visibleProperty().bind(viewModel.compactProperty());
    ScrollPane gridScroll = new ScrollPane(grid);
    gridScroll.setFitToWidth(true);
    gridScroll.managedProperty().bind(gridScroll.visibleProperty());
    gridScroll.visibleProperty().bind(viewModel.compactProperty());
    VBox.setVgrow(gridScroll, Priority.ALWAYS);
    root.getChildren().addAll(hapticsBar(), detail, gridScroll);
    root.setId("live-view");
    viewModel.panels().addListener((ListChangeListener<DevicePanelModel>) c -> rebuildGrid());
    viewModel.columnsProperty().addListener((obs, old, now) -> rebuildGrid());
    rebuildGrid();

    List<DoubleDataSet> all = new ArrayList<>(accelSets);
    all.addAll(gyroSets);
    PlotWriter writer = new PlotWriter(all);
    PlotWriter emgWriter = new PlotWriter(emgSets, 1_000);
    // Once per frame, and only while on screen: copy the newest samples, let the writer threads
    // put them into the charts (see PlotWriter for why not here). Only what is shown is pulled.
    OnScreenTimer.attach(
        root,
        now -> {
          viewModel.refreshPanels(System.nanoTime());
          if (viewModel.compactProperty().get()) {
            for (int i = 0; i < panelViews.size(); i++) {
              panelViews.get(i).pullFrame(now, i);
            }
          } else {
            viewModel.pullFrame().ifPresent(writer::offer);
            Optional<DevicePanelModel> shown = selectedPanel();
            emgChart.setVisible(shown.map(DevicePanelModel::hasEmg).orElse(false));
            if (shown.isPresent()) {
              if (setHistory.getItems() != shown.get().sets()) {
                setHistory.setItems(shown.get().sets());
              }
              shown.get()
                  .pullEmg((long) (LiveViewModel.WINDOW_SECONDS * 1e9))
                  .ifPresent(emgWriter::offer);
            }
          }
        });
  }

  private Optional<DevicePanelModel> selectedPanel() {
    LiveDevice device = viewModel.deviceProperty().get();
    return viewModel.panels().stream().filter(p -> p.device() == device).findFirst();
  }

  private void rebuildGrid() {
    grid.getChildren().clear();
    // Keep the views of devices still shown (their plots and writer threads); drop the others.
    Map<DevicePanelModel, DevicePanelView> existing = new IdentityHashMap<>();
    panelViews.forEach(v -> existing.put(v.model(), v));
    panelViews.clear();
    int columns = viewModel.columnsProperty().get();
    grid.getColumnConstraints().clear();
    for (int c = 0; c < columns; c++) {
      ColumnConstraints constraint = new ColumnConstraints();
      constraint.setPercentWidth(100.0 / columns);
      grid.getColumnConstraints().add(constraint);
    }
    List<DevicePanelModel> panels = viewModel.panels();
    for (int i = 0; i < panels.size(); i++) {
      DevicePanelView view = existing.remove(panels.get(i));
      if (view == null) {
        view = new DevicePanelView(panels.get(i));
      }
      panelViews.add(view);
      grid.add(view.root(), i % columns, i / columns);
    }
    existing.values().forEach(DevicePanelView::close);
  }

  /**
   * Returns the EMG data sets of the detailed view (channels 1 to 8), for tests.
   *
   * @return the data sets
   */
  public List<DoubleDataSet> emgDataSets() {
    return emgSets;
  }

  /**
   * Returns the acceleration data sets of each compact panel, in panel order, for tests.
   *
   * @return one list (x, y, z) per panel
   */
  public List<List<DoubleDataSet>> panelAccelerationDataSets() {
    return panelViews.stream().map(DevicePanelView::accelerationDataSets).toList();
  }

  /**
   * Returns the EMG data sets of each compact panel, in panel order (empty for a device without
   * EMG), for tests.
   *
   * @return one list per panel
   */
  public List<List<DoubleDataSet>> panelEmgDataSets() {
    return panelViews.stream().map(DevicePanelView::emgDataSets).toList();
  }

  /**
   * Returns the view's root node.
   *
   * @return the root
   */
  public VBox root() {
    return root;
  }

  /**
   * Returns the view model.
   *
   * @return the view model
   */
  public LiveViewModel viewModel() {
    return viewModel;
  }

  /**
   * Returns the acceleration data sets (x, y, z), for tests that check what is plotted.
   *
   * @return the data sets
   */
  public List<DoubleDataSet> accelerationDataSets() {
    return accelSets;
  }

  /**
   * Returns the angular-rate data sets (x, y, z), for tests that check what is plotted.
   *
   * @return the data sets
   */
  public List<DoubleDataSet> angularRateDataSets() {
    return gyroSets;
  }

  private static List<DoubleDataSet> channels(String... names) {
    return channels(Arrays.asList(names));
  }

  static List<DoubleDataSet> channels(List<String> names) {
    return names.stream().map(n -> new DoubleDataSet(n, INITIAL_POINTS)).toList();
  }

  static XYChart chart(String quantity, String unit, List<DoubleDataSet> sets) {
    DefaultNumericAxis time = new DefaultNumericAxis("time", -LiveViewModel.WINDOW_SECONDS, 0, 1);
    time.setUnit("s");
    time.setAutoRanging(false);
    DefaultNumericAxis value = new DefaultNumericAxis(quantity, unit);
    value.setAutoRanging(true);
    XYChart chart = new XYChart(time, value);
    chart.setAnimated(false);
    chart.setTitle(quantity);
    ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    renderer.setDrawMarker(false);
    renderer.setErrorStyle(ErrorStyle.NONE);
    renderer.getDatasets().addAll(sets);
    chart.getRenderers().setAll(renderer);
    return chart;
  }
}
