package org.imucompanion.app.ui.live;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.imucompanion.app.ui.OnScreenTimer;

/**
 * Builds the Live view: a heading, a status line and two scrolling ChartFX plots (acceleration in
 * g, angular rate in rad/s). A per-frame timer ({@link OnScreenTimer}) asks the view model for
 * the newest samples at most once per frame and hands them to a {@link PlotWriter}; producers
 * never schedule work on the FX thread.
 */
public final class LiveView {
  /** Initial data-set capacity: one plot window at 200 Hz, so steady state never reallocates. */
  private static final int INITIAL_POINTS = (int) (LiveViewModel.WINDOW_SECONDS * 200);

  private final LiveViewModel viewModel;
  private final VBox root = new VBox(8);
  private final XYChart accelChart;
  private final XYChart gyroChart;
  private final List<DoubleDataSet> accelSets;
  private final List<DoubleDataSet> gyroSets;

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
    root.getChildren().addAll(title, status, exercise, probabilities, accelChart, gyroChart);
    root.setId("live-view");

    List<DoubleDataSet> all = new ArrayList<>(accelSets);
    all.addAll(gyroSets);
    PlotWriter writer = new PlotWriter(all);
    // Once per frame, and only while on screen: copy the newest samples, let the writer thread
    // put them into the charts (see PlotWriter for why not here).
    OnScreenTimer.attach(root, now -> viewModel.pullFrame().ifPresent(writer::offer));
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
    return Arrays.stream(names).map(n -> new DoubleDataSet(n, INITIAL_POINTS)).toList();
  }

  private static XYChart chart(String quantity, String unit, List<DoubleDataSet> sets) {
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
