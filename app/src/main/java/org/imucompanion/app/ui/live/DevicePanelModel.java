package org.imucompanion.app.ui.live;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.app.workspace.ExerciseEstimate;
import org.imucompanion.app.workspace.LiveClassification;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SetSummary;

/**
 * State of one device's panel in the Live view: who it is (athlete and device), the current
 * exercise with its probabilities, the repetitions in the current set, the set history, and the
 * newest samples to plot. {@link #refresh(long)} is called once per frame on one thread (the FX
 * thread in the app); it copies only what changed since the last frame.
 */
public final class DevicePanelModel {
  /** Receives, per newly shown estimate, when its notification arrived and when it was shown. */
  @FunctionalInterface
  public interface EstimateShown {
    /**
     * An estimate is now on screen.
     *
     * @param device whose estimate
     * @param sourceHostNanos when the notification that led to it reached the host
     * @param shownNanos when the frame showing it ran
     */
    void shown(LiveDevice device, long sourceHostNanos, long shownNanos);
  }

  private final LiveDevice device;
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
  private final ReadOnlyStringWrapper exercise = new ReadOnlyStringWrapper("—");
  private final ReadOnlyStringWrapper repetitions = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper probabilities = new ReadOnlyStringWrapper("");
  private final ObservableList<SetSummary> sets = FXCollections.observableArrayList();
  private long setsVersion = -1;
  private ExerciseEstimate lastEstimate;
  private long lastImuWritten = -1;
  private long lastEmgWritten = -1;

  /**
   * Creates the panel's state for a device.
   *
   * @param device the device
   */
  public DevicePanelModel(LiveDevice device) {
    this.device = Objects.requireNonNull(device, "device");
    title.set(titleOf(device));
  }

  /**
   * Returns the device shown.
   *
   * @return the device
   */
  public LiveDevice device() {
    return device;
  }

  /**
   * The panel's label: the athlete's name and the device, or the device alone until named.
   *
   * @return the property
   */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /**
   * The current exercise and its confidence, or why there is none.
   *
   * @return the property
   */
  public ReadOnlyStringProperty exerciseProperty() {
    return exercise.getReadOnlyProperty();
  }

  /**
   * Repetitions in the current set, e.g. {@code reps 4}; empty without a rep counter.
   *
   * @return the property
   */
  public ReadOnlyStringProperty repetitionsProperty() {
    return repetitions.getReadOnlyProperty();
  }

  /**
   * Every class's probability for the newest window.
   *
   * @return the property
   */
  public ReadOnlyStringProperty probabilitiesProperty() {
    return probabilities.getReadOnlyProperty();
  }

  /**
   * The sets so far, newest first.
   *
   * @return the list, changed only by {@link #refresh(long)}
   */
  public ObservableList<SetSummary> sets() {
    return sets;
  }

  /**
   * Whether the device streams EMG (a Myo), so the panel plots its eight channels.
   *
   * @return true for a device with an EMG buffer
   */
  public boolean hasEmg() {
    return device.emgSamples().isPresent();
  }

  /**
   * Re-reads the device's name, estimate and set history; cheap when nothing changed.
   *
   * @param nowNanos the frame's time, passed to {@code shown} with a new estimate
   * @param shown told about each estimate put on screen (for latency measurement)
   */
  public void refresh(long nowNanos, EstimateShown shown) {
    String newTitle = titleOf(device);
    if (!newTitle.equals(title.get())) {
      title.set(newTitle);
    }
    Optional<LiveClassification> live = device.classification();
    if (live.isEmpty()) {
      exercise.set("No model loaded");
      return;
    }
    Optional<ExerciseEstimate> estimate = live.get().latest();
    if (estimate.isEmpty()) {
      exercise.set("Listening…");
    } else if (estimate.get() != lastEstimate) {
      ExerciseEstimate e = estimate.get();
      lastEstimate = e;
      exercise.set(labelLine(e));
      repetitions.set(live.get().countsRepetitions() ? "reps " + e.repetitionsInSet() : "");
      probabilities.set(probabilityLine(e));
      shown.shown(device, e.sourceHostNanos(), nowNanos);
    }
    long version = live.get().setHistory().version();
    if (version != setsVersion) {
      setsVersion = version;
      var newestFirst = new java.util.ArrayList<>(live.get().setHistory().sets());
      java.util.Collections.reverse(newestFirst);
      sets.setAll(newestFirst);
    }
  }

  /**
   * Takes the newest IMU samples if any arrived since the last call.
   *
   * @param spanNanos how far back to plot
   * @return the window, or empty when nothing is new
   */
  public Optional<SampleWindow> pullImu(long spanNanos) {
    SampleRingBuffer imu = device.imuSamples();
    long written = imu.written();
    if (written == lastImuWritten) {
      return Optional.empty();
    }
    lastImuWritten = written;
    return Optional.of(imu.latest(spanNanos));
  }

  /**
   * Takes the newest EMG samples if the device has EMG and any arrived since the last call.
   *
   * @param spanNanos how far back to plot
   * @return the window, or empty
   */
  public Optional<SampleWindow> pullEmg(long spanNanos) {
    if (device.emgSamples().isEmpty()) {
      return Optional.empty();
    }
    SampleRingBuffer emg = device.emgSamples().get();
    long written = emg.written();
    if (written == lastEmgWritten) {
      return Optional.empty();
    }
    lastEmgWritten = written;
    return Optional.of(emg.latest(spanNanos));
  }

  /**
   * The label as the coach reads it: the exercise and how sure the smoother is.
   *
   * @param e the estimate
   * @return e.g. {@code Squat  87 %}
   */
  static String labelLine(ExerciseEstimate e) {
    return String.format(Locale.ROOT, "%s  %.0f %%", e.exercise(), 100 * e.confidence());
  }

  /**
   * Every class's probability on one line, in the model's class order.
   *
   * @param e the estimate
   * @return e.g. {@code Burpee 3 %   Squat 87 %   Situp 1 %   Rest 9 %}
   */
  static String probabilityLine(ExerciseEstimate e) {
    float[] p = e.probabilities();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < p.length; i++) {
      text.append(i == 0 ? "" : "   ")
          .append(String.format(Locale.ROOT, "%s %.0f %%", e.classes().get(i), 100 * p[i]));
    }
    return text.toString();
  }

  private static String titleOf(LiveDevice device) {
    String who = device.athlete().isEmpty() ? device.name() : device.athlete() + " — " + device.name();
    org.imucompanion.ble.supervise.SupervisedState link = device.link().state();
    // A coach sees at a glance that a panel is stale because its link is down.
    return link == org.imucompanion.ble.supervise.SupervisedState.RECONNECTING
            || link == org.imucompanion.ble.supervise.SupervisedState.GAVE_UP
        ? who + " · " + device.link().describe(System.nanoTime())
        : who;
  }

  @Override
  public String toString() {
    return "DevicePanelModel[" + device + "]";
  }
}
