package org.imucompanion.app.ui.live;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.app.workspace.ExerciseEstimate;
import org.imucompanion.app.workspace.HapticCues;
import org.imucompanion.app.workspace.LiveDevice;

/**
 * State of the Live view: which device is shown, what the status line says, and the newest
 * window of samples to plot.
 *
 * <p>The view calls {@link #pullFrame()} once per animation frame; it returns a window only when
 * new samples arrived since the last frame, so an idle stream costs no redraw. Must be used from
 * one thread (the FX thread in the app, the test thread in tests).
 */
public final class LiveViewModel {
  /** How many seconds of history the plots show. */
  public static final double WINDOW_SECONDS = 10.0;

  private final ObjectProperty<LiveDevice> device = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("No device");
  private final ReadOnlyStringWrapper status =
      new ReadOnlyStringWrapper("Connect a device in the Devices view.");
  private final LongProperty framesPulled = new SimpleLongProperty();
  private final ReadOnlyStringWrapper exercise = new ReadOnlyStringWrapper("—");
  private final ReadOnlyStringWrapper probabilities = new ReadOnlyStringWrapper("");
  private long lastSeenWritten = -1;
  private final ObservableList<DevicePanelModel> panels = FXCollections.observableArrayList();
  private final ReadOnlyIntegerWrapper columns = new ReadOnlyIntegerWrapper(1);
  private final ReadOnlyBooleanWrapper compact = new ReadOnlyBooleanWrapper(false);
  private DevicePanelModel.EstimateShown estimateShown = (d, source, shown) -> {};
  private final javafx.beans.property.BooleanProperty vibrateAtSetEnd =
      new javafx.beans.property.SimpleBooleanProperty(false);
  private final javafx.beans.property.IntegerProperty vibrateEveryReps =
      new javafx.beans.property.SimpleIntegerProperty(0);

  /** Creates the view model with no device selected. */
  public LiveViewModel() {
    vibrateAtSetEnd.addListener((obs, old, now) -> applyHaptics());
    vibrateEveryReps.addListener((obs, old, now) -> applyHaptics());
    device.addListener(
        (obs, old, now) -> {
          lastSeenWritten = -1;
          exercise.set("—");
          probabilities.set("");
          title.set(now == null ? "No device" : now.name());
          status.set(now == null ? "Connect a device in the Devices view." : "Waiting for samples…");
        });
  }

  /**
   * Shows one panel per device of a list and keeps following it (FX thread: the workspace's
   * list only changes there).
   *
   * @param devices the devices, e.g. the workspace's
   */
  public void follow(ObservableList<LiveDevice> devices) {
    devices.forEach(d -> panels.add(new DevicePanelModel(d)));
    devices.addListener(
        (ListChangeListener<LiveDevice>)
            change -> {
              while (change.next()) {
                change.getRemoved().forEach(d -> panels.removeIf(p -> p.device() == d));
                change.getAddedSubList().forEach(d -> panels.add(new DevicePanelModel(d)));
              }
              layOut();
            });
    layOut();
  }

  /**
   * How many grid columns the panels need for a number of devices: one device fills the view,
   * up to four share two columns (a 2x2 grid fits a laptop screen), more take three.
   *
   * @param devices how many devices are shown
   * @return the number of columns
   */
  public static int columnsFor(int devices) {
    if (devices <= 1) {
      return 1;
    }
    return devices <= 4 ? 2 : 3;
  }

  private void layOut() {
    columns.set(columnsFor(panels.size()));
    compact.set(panels.size() > 1);
    applyHaptics();
  }

  private void applyHaptics() {
    HapticCues.Settings settings =
        new HapticCues.Settings(vibrateAtSetEnd.get(), Math.max(0, vibrateEveryReps.get()));
    for (DevicePanelModel p : panels) {
      p.device().haptics().configure(settings);
    }
  }

  /**
   * Whether every Myo shown vibrates when the rep counter closes a set (other devices cannot).
   *
   * @return the property
   */
  public javafx.beans.property.BooleanProperty vibrateAtSetEndProperty() {
    return vibrateAtSetEnd;
  }

  /**
   * Every how many repetitions a Myo gives a short vibration; 0 for never.
   *
   * @return the property
   */
  public javafx.beans.property.IntegerProperty vibrateEveryRepsProperty() {
    return vibrateEveryReps;
  }

  /**
   * One panel per device, in the order the devices were added.
   *
   * @return the panels
   */
  public ObservableList<DevicePanelModel> panels() {
    return panels;
  }

  /**
   * Grid columns for the panels ({@link #columnsFor(int)} of the device count).
   *
   * @return the property
   */
  public ReadOnlyIntegerProperty columnsProperty() {
    return columns.getReadOnlyProperty();
  }

  /**
   * Whether several devices are shown, as a compact grid instead of one detailed panel.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty compactProperty() {
    return compact.getReadOnlyProperty();
  }

  /**
   * Sets who is told when an estimate reaches the screen (the UI bench measures latency so).
   *
   * @param listener the listener
   */
  public void onEstimateShown(DevicePanelModel.EstimateShown listener) {
    estimateShown = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Refreshes every panel's text and set history; called once per frame.
   *
   * @param nowNanos the frame's time ({@link System#nanoTime()})
   */
  public void refreshPanels(long nowNanos) {
    for (DevicePanelModel panel : panels) {
      panel.refresh(nowNanos, estimateShown);
    }
  }

  /**
   * The device whose samples are plotted.
   *
   * @return the property (null = none)
   */
  public ObjectProperty<LiveDevice> deviceProperty() {
    return device;
  }

  /**
   * The heading: the device's name.
   *
   * @return the property
   */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /**
   * One line saying what is arriving: rate, samples so far, link state.
   *
   * @return the property
   */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * The recognised exercise in large type: the smoothed label and its confidence, or why there
   * is none.
   *
   * @return the property
   */
  public ReadOnlyStringProperty exerciseProperty() {
    return exercise.getReadOnlyProperty();
  }

  /**
   * Every class's probability for the newest window, in the model's class order.
   *
   * @return the property
   */
  public ReadOnlyStringProperty probabilitiesProperty() {
    return probabilities.getReadOnlyProperty();
  }

  /**
   * Counts frames that had new samples to draw.
   *
   * @return the property
   */
  public ReadOnlyLongProperty framesPulledProperty() {
    return framesPulled;
  }

  /**
   * Takes the newest window of samples if anything arrived since the last call.
   *
   * @return the window to draw, or empty when there is no device or nothing new
   */
  public Optional<SampleWindow> pullFrame() {
    LiveDevice shown = device.get();
    if (shown == null) {
      return Optional.empty();
    }
    long written = shown.imuSamples().written();
    if (written == lastSeenWritten) {
      // No samples: the link may be down; say so rather than freeze on the last status.
      if (shown.link().state() != org.imucompanion.ble.supervise.SupervisedState.STREAMING
          && shown.link().state() != org.imucompanion.ble.supervise.SupervisedState.CONNECTING) {
        status.set(shown.kind() + " · " + shown.describeLink(System.nanoTime()));
      }
      return Optional.empty();
    }
    lastSeenWritten = written;
    SampleWindow window = shown.imuSamples().latest((long) (WINDOW_SECONDS * 1e9));
    framesPulled.set(framesPulled.get() + 1);
    status.set(describe(shown, window));
    showEstimate(shown);
    return Optional.of(window);
  }

  private void showEstimate(LiveDevice shown) {
    Optional<ExerciseEstimate> estimate = shown.classification().flatMap(c -> c.latest());
    if (shown.classification().isEmpty()) {
      exercise.set("No model loaded");
      probabilities.set("");
    } else if (estimate.isEmpty()) {
      exercise.set("Listening…");
      probabilities.set("");
    } else {
      ExerciseEstimate e = estimate.get();
      exercise.set(
          DevicePanelModel.labelLine(e)
              + (shown.classification().get().countsRepetitions()
                  ? "   ·   reps " + e.repetitionsInSet()
                  : ""));
      probabilities.set(DevicePanelModel.probabilityLine(e));
    }
  }

  private static String describe(LiveDevice shown, SampleWindow window) {
    double rate = window.samplesPerSecond();
    String rateText = Double.isNaN(rate) ? "rate unknown" : String.format(Locale.ROOT, "%.0f Hz", rate);
    return String.format(
        Locale.ROOT,
        "%s · %s · %,d samples · %s",
        shown.kind(),
        rateText,
        window.totalWritten(),
        shown.describeLink(System.nanoTime()));
  }

  @Override
  public String toString() {
    return "LiveViewModel[" + Objects.toString(device.get()) + "]";
  }
}
