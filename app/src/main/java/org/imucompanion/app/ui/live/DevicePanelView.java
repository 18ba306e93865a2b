package org.imucompanion.app.ui.live;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SetSummary;

/**
 * One device's compact panel in the Live view's grid: the athlete and device, the exercise in
 * large type, repetitions, class probabilities, a small acceleration plot, the eight EMG channels
 * for a Myo, and the set history. {@link #pullFrame()} is called once per frame by the Live view.
 */
final class DevicePanelView {
  private static final long PLOT_SPAN_NANOS = (long) (LiveViewModel.WINDOW_SECONDS * 1e9);

  /** Points per channel in a compact panel's plots: about one per two pixels of its width. */
  static final int PANEL_POINTS = 250;

  /** Plot updates per second in a compact panel (the labels still change every frame). */
  static final int PLOTS_PER_SECOND = 20;

  private final DevicePanelModel model;
  private final VBox root = new VBox(4);
  private final List<DoubleDataSet> accelSets;
  private final List<DoubleDataSet> emgSets;
  private final PlotWriter accelWriter;
  private final PlotWriter emgWriter;
  private long lastPlotNanos;

  DevicePanelView(DevicePanelModel model) {
    this.model = model;
    root.getStyleClass().add("live-panel");
    root.setStyle(
        "-fx-border-color: #c8c8c8; -fx-border-radius: 4; -fx-padding: 6; -fx-background-color:"
            + " white;");
    Label title = new Label();
    title.getStyleClass().add("live-panel-title");
    title.setStyle("-fx-font-weight: bold;");
    title.textProperty().bind(model.titleProperty());
    Label exercise = new Label();
    exercise.getStyleClass().add("live-panel-exercise");
    exercise.setStyle("-fx-font-size: 22px; -fx-font-weight: bold;");
    exercise.textProperty().bind(model.exerciseProperty());
    Label reps = new Label();
    reps.getStyleClass().add("live-panel-reps");
    reps.setStyle("-fx-font-size: 16px;");
    reps.textProperty().bind(model.repetitionsProperty());
    Label probabilities = new Label();
    probabilities.getStyleClass().add("live-panel-probabilities");
    probabilities.setWrapText(true);
    probabilities.textProperty().bind(model.probabilitiesProperty());

    accelSets = LiveView.channels(LiveDevice.IMU_CHANNELS.subList(0, 3));
    XYChart accel = LiveView.chart("Acceleration", "g", accelSets);
    accel.setLegendVisible(false);
    accel.setPrefHeight(140);
    accel.getStyleClass().add("live-panel-accel");
    accelWriter = new PlotWriter(accelSets, PANEL_POINTS);
    root.getChildren().addAll(title, exercise, reps, probabilities, accel);
    if (model.hasEmg()) {
      emgSets = LiveView.channels(LiveDevice.EMG_CHANNELS);
      XYChart emg = LiveView.chart("EMG", "counts", emgSets);
      emg.setLegendVisible(false);
      emg.setPrefHeight(140);
      emg.getStyleClass().add("live-panel-emg");
      emgWriter = new PlotWriter(emgSets, PANEL_POINTS);
      root.getChildren().add(emg);
    } else {
      emgSets = List.of();
      emgWriter = null;
    }
    ListView<SetSummary> history = new ListView<>(model.sets());
    history.getStyleClass().add("live-panel-sets");
    history.setPrefHeight(70);
    history.setPlaceholder(new Label("No sets yet"));
    history.setCellFactory(list -> new SetCell());
    root.getChildren().add(history);
  }

  VBox root() {
    return root;
  }

  DevicePanelModel model() {
    return model;
  }

  List<DoubleDataSet> accelerationDataSets() {
    return accelSets;
  }

  List<DoubleDataSet> emgDataSets() {
    return emgSets;
  }

  /**
   * Hands the newest samples to the plot writers, at most {@link #PLOTS_PER_SECOND} times a
   * second; returns at once.
   *
   * @param nowNanos the frame's time
   * @param slot this panel's place in the grid, to spread the panels' redraws over frames
   */
  void pullFrame(long nowNanos, int slot) {
    // Redrawing every chart of a grid every frame is what the software renderer can't keep up
    // with; a panel's plot at 20 updates a second still scrolls smoothly to the eye, and
    // staggering the panels keeps each frame's share of redraws small.
    long period = 1_000_000_000L / PLOTS_PER_SECOND;
    if (nowNanos - lastPlotNanos < period) {
      return;
    }
    if (lastPlotNanos == 0 && (nowNanos / (period / 4)) % 4 != slot % 4) {
      return; // first plot: wait for this panel's quarter of the period
    }
    lastPlotNanos = nowNanos;
    model.pullImu(PLOT_SPAN_NANOS).ifPresent(accelWriter::offer);
    if (emgWriter != null) {
      // EMG at 200 Hz over ten seconds is 2,000 samples per channel, decimated to PANEL_POINTS.
      model.pullEmg(PLOT_SPAN_NANOS).ifPresent(emgWriter::offer);
    }
  }

  /** Stops the panel's plot writers (its device left the workspace). */
  void close() {
    accelWriter.close();
    if (emgWriter != null) {
      emgWriter.close();
    }
  }

  /** A set in the history: exercise, repetitions, duration. */
  static final class SetCell extends ListCell<SetSummary> {
    @Override
    protected void updateItem(SetSummary set, boolean empty) {
      super.updateItem(set, empty);
      setText(empty || set == null ? null : describe(set));
    }
  }

  static String describe(SetSummary set) {
    return String.format(
        Locale.ROOT,
        "set %d · %s · %d reps · %.0f s",
        set.setNumber(),
        set.exercise(),
        set.repetitions(),
        set.durationSeconds());
  }
}
