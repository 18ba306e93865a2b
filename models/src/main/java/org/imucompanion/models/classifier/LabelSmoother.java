package org.imucompanion.models.classifier;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Turns a stream of window posteriors into the label a coach reads: stable inside a set, rest
 * during pauses, never flickering on a single odd window.
 *
 * <p>Three mechanisms, each for a failure seen in per-window output of models evaluated
 * leave-one-subject-out on Exermote:
 *
 * <ol>
 *   <li>An exponential moving average of the posteriors damps single-window spikes.
 *   <li>A challenger class must lead the shown class by a probability margin, and be at least
 *       {@code minConfidence}, for a number of consecutive steps (the dwell) before it is shown.
 *   <li>Dwells depend on the transition. From rest to an exercise is quick, so a set shows up
 *       fast. From one exercise straight to another is slower: nobody does that without a pause,
 *       so it is nearly always a confused window. To rest is slowest: the pause between two
 *       repetitions (Exermote's {@code Break}, up to 3 s) looks like rest to a window classifier,
 *       and holding the exercise through it is what keeps the label from flickering between reps,
 *       while a real pause between sets still turns the label to rest.
 * </ol>
 *
 * <p>The smoother starts on the rest class if the model has one (nobody is exercising before the
 * first window), otherwise on the first window's most probable class. It is a per-stream stage:
 * {@link #step} keeps state, {@link #reset} forgets it (for example after a gap in the stream). It
 * allocates nothing per step but the returned record.
 */
public final class LabelSmoother {

  /**
   * Tuning, in steps (windows).
   *
   * @param newestWeight weight of the newest posterior in the moving average, in (0, 1]; 1 turns
   *     averaging off
   * @param enterSteps consecutive steps an exercise must lead before it replaces rest, &gt;= 1
   * @param switchSteps consecutive steps an exercise must lead before it replaces another
   *     exercise (also used between any two classes when the model has no rest class), &gt;= 1
   * @param restSteps consecutive steps the rest class must lead before rest is shown, &gt;= 1
   * @param margin how far (in probability) a challenger must lead the shown class, in [0, 1)
   * @param minConfidence smoothed probability a challenger needs, in [0, 1]
   */
  public record Settings(
      double newestWeight,
      int enterSteps,
      int switchSteps,
      int restSteps,
      double margin,
      double minConfidence) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the out-of-range setting
     */
    public Settings {
      if (!(newestWeight > 0 && newestWeight <= 1)) {
        throw new IllegalArgumentException("newestWeight must be in (0, 1], got " + newestWeight);
      }
      if (enterSteps < 1 || switchSteps < 1 || restSteps < 1) {
        throw new IllegalArgumentException("dwell must be >= 1 step, got enter " + enterSteps
            + ", switch " + switchSteps + ", rest " + restSteps);
      }
      if (!(margin >= 0 && margin < 1)) {
        throw new IllegalArgumentException("margin must be in [0, 1), got " + margin);
      }
      if (!(minConfidence >= 0 && minConfidence <= 1)) {
        throw new IllegalArgumentException("minConfidence must be in [0, 1], got " + minConfidence);
      }
    }

    /**
     * Settings expressed in seconds, converted to steps of {@code stepSeconds} each.
     *
     * @param stepSeconds time between windows (a contract's {@link ModelContract#hopSeconds()})
     * @param averagingSeconds time constant of the moving average (0 = none)
     * @param enterSeconds dwell before an exercise replaces rest
     * @param switchSeconds dwell before an exercise replaces another exercise
     * @param restSeconds dwell before rest is shown; longer than a pause between repetitions
     * @param margin probability lead a challenger needs
     * @param minConfidence probability a challenger needs
     * @return the settings
     */
    public static Settings ofSeconds(
        double stepSeconds,
        double averagingSeconds,
        double enterSeconds,
        double switchSeconds,
        double restSeconds,
        double margin,
        double minConfidence) {
      if (!(stepSeconds > 0)) {
        throw new IllegalArgumentException("stepSeconds must be > 0, got " + stepSeconds);
      }
      double weight = averagingSeconds <= 0 ? 1.0 : 1.0 - Math.exp(-stepSeconds / averagingSeconds);
      return new Settings(
          weight,
          steps(enterSeconds, stepSeconds),
          steps(switchSeconds, stepSeconds),
          steps(restSeconds, stepSeconds),
          margin,
          minConfidence);
    }

    /**
     * A copy with another dwell before rest is shown.
     *
     * @param restSeconds the dwell
     * @param stepSeconds time between windows
     * @return the copy
     */
    public Settings withRestSeconds(double restSeconds, double stepSeconds) {
      if (!(stepSeconds > 0)) {
        throw new IllegalArgumentException("stepSeconds must be > 0, got " + stepSeconds);
      }
      return new Settings(newestWeight, enterSteps, switchSteps, steps(restSeconds, stepSeconds),
          margin, minConfidence);
    }

    private static int steps(double seconds, double stepSeconds) {
      return Math.max(1, (int) Math.round(seconds / stepSeconds));
    }

    /**
     * Defaults for live coaching: 0.3 s averaging; 0.3 s from rest to an exercise; 2 s from one
     * exercise to another; 3.5 s of sustained rest before showing rest (pauses between
     * repetitions in the Exermote recordings last up to 3 s); margin 0.1; confidence 0.5. Each
     * is at least one window.
     *
     * @param contract the model's contract, for the time between windows
     * @return the settings
     */
    public static Settings defaults(ModelContract contract) {
      return ofSeconds(contract.hopSeconds(), 0.3, 0.3, 2.0, 3.5, 0.1, 0.5);
    }
  }

  private final List<String> classNames;
  private final int restIndex;
  private final Settings settings;
  private final double[] averaged;
  private boolean started;
  private int shown;
  private int challenger;
  private int challengerSteps;

  /**
   * Creates a smoother.
   *
   * @param classNames class names in the model's output order
   * @param restIndex index of the rest class, or empty if the model has none
   * @param settings tuning
   * @throws IllegalArgumentException if the rest index is out of range or fewer than 2 classes
   */
  public LabelSmoother(List<String> classNames, OptionalInt restIndex, Settings settings) {
    this.classNames = List.copyOf(classNames);
    if (this.classNames.size() < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + this.classNames);
    }
    this.restIndex = Objects.requireNonNull(restIndex, "restIndex").orElse(-1);
    if (restIndex.isPresent() && (this.restIndex < 0 || this.restIndex >= this.classNames.size())) {
      throw new IllegalArgumentException("rest index " + this.restIndex + " out of range");
    }
    this.settings = Objects.requireNonNull(settings, "settings");
    this.averaged = new double[this.classNames.size()];
    reset();
  }

  /**
   * A smoother for a model, with {@link Settings#defaults(ModelContract)}.
   *
   * @param contract the model's contract
   * @return the smoother
   */
  public static LabelSmoother forContract(ModelContract contract) {
    return new LabelSmoother(
        contract.classNames(), contract.restClassIndex(), Settings.defaults(contract));
  }

  /**
   * The tuning in use.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * Takes the next window's posteriors and returns the label to show.
   *
   * @param probabilities one probability per class, in the model's order
   * @return the label to show after this window
   * @throws IllegalArgumentException if the array has the wrong length
   */
  public SmoothedLabel step(float[] probabilities) {
    if (probabilities.length != averaged.length) {
      throw new IllegalArgumentException("got " + probabilities.length
          + " probabilities, smoother has " + averaged.length + " classes");
    }
    if (!started) {
      for (int i = 0; i < averaged.length; i++) {
        averaged[i] = probabilities[i];
      }
    } else {
      double w = settings.newestWeight();
      for (int i = 0; i < averaged.length; i++) {
        averaged[i] = w * probabilities[i] + (1 - w) * averaged[i];
      }
    }
    int top = argmax(averaged);
    if (!started) {
      started = true;
      if (restIndex < 0) {
        shown = top;
        return label(false);
      }
    }
    boolean changed = false;
    if (top == shown
        || averaged[top] - averaged[shown] < settings.margin()
        || averaged[top] < settings.minConfidence()) {
      challenger = -1;
      challengerSteps = 0;
    } else {
      if (top == challenger) {
        challengerSteps++;
      } else {
        challenger = top;
        challengerSteps = 1;
      }
      int dwell = top == restIndex
          ? settings.restSteps()
          : shown == restIndex ? settings.enterSteps() : settings.switchSteps();
      if (challengerSteps >= dwell) {
        shown = top;
        challenger = -1;
        challengerSteps = 0;
        changed = true;
      }
    }
    return label(changed);
  }

  private SmoothedLabel label(boolean changed) {
    return new SmoothedLabel(shown, classNames.get(shown), averaged[shown], changed);
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Forgets everything: the next step starts as the first one did. */
  public void reset() {
    started = false;
    shown = restIndex >= 0 ? restIndex : 0;
    challenger = -1;
    challengerSteps = 0;
    Arrays.fill(averaged, 0);
  }
}
