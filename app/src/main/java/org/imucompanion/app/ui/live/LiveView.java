package org.imucompanion.app.ui.live;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.Arrays;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.imucompanion.app.buffer.SampleWindow;

/**
 * Builds the Live view: a heading, a status line and two scrolling ChartFX plots (acceleration in
 * g, angular rate in rad/s). An {@link AnimationTimer} asks the view model for new samples once
 * per frame; nothing else ever schedules work on the FX thread for data.
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
  private final AnimationTimer frames;

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
    root.getChildren().addAll(title, status, accelChart, gyroChart);
    root.setId("live-view");

    frames =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            viewModel.pullFrame().ifPresent(LiveView.this::draw);
          }
        };
    // Only pull while the view is on screen: a hidden view costs nothing.
    root.sceneProperty()
        .addListener(
            (obs, old, scene) -> {
              if (scene == null) {
                frames.stop();
              } else {
                frames.start();
              }
            });
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

  private void draw(SampleWindow window) {
    double[] t = window.secondsBeforeNewest();
    for (DoubleDataSet set : accelSets) {
      set.set(t, window.channel(set.getName()), t.length, true);
    }
    for (DoubleDataSet set : gyroSets) {
      set.set(t, window.channel(set.getName()), t.length, true);
    }
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
