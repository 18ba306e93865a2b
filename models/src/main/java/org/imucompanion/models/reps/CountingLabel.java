package org.imucompanion.models.reps;

import java.util.Objects;
import org.imucompanion.models.classifier.LabelSmoother;
import org.imucompanion.models.classifier.ModelContract;

/**
 * The label a {@link RepCounter} counts under when a classifier drives it, and the rest
 * probability that goes with it, from the classifier's window posteriors.
 *
 * <p>It is the coach's label ({@link LabelSmoother} with the contract's settings) except that it
 * turns to rest after {@value #REST_SECONDS} s of rest leading instead of the display's 3.5 s. The
 * display holds the exercise through the pauses between repetitions so that it does not flicker;
 * the counter does not need that (a set ends only after {@link RepCounter.Settings#restSeconds()}
 * of rest, and a repetition completing in a pause the label calls rest counts when the label
 * comes back), and holding the exercise after a set is where it counted movements that were not
 * repetitions (measured in the model card). Feed it every window, as the display's smoother.
 */
public final class CountingLabel {
  /**
   * Dwell before rest replaces an exercise. On the Exermote recordings (leave-one-subject-out
   * fold models, model card) 1.5 s leaves the recorded channels' figures as the display's 3.5 s
   * had them and counts more sets exactly from accelerometer and gyroscope alone, with fewer
   * repetitions in false sets on both; 1 s counts more sets exactly on recorded channels but,
   * with the set end the virtual athlete needs ({@link RepCounter#DEFAULT_REST_SECONDS}), drops
   * the accelerometer-and-gyroscope path below 95 % of sets within one.
   */
  public static final double REST_SECONDS = 1.5;

  private final LabelSmoother smoother;
  private final int restIndex;
  private String label;
  private double restProbability = Double.NaN;

  /**
   * A counting label for a model.
   *
   * @param contract the model's contract (classes, rest class, hop)
   * @return the label
   */
  public static CountingLabel forContract(ModelContract contract) {
    Objects.requireNonNull(contract, "contract");
    return new CountingLabel(new LabelSmoother(contract.classNames(), contract.restClassIndex(),
        LabelSmoother.Settings.defaults(contract)
            .withRestSeconds(REST_SECONDS, contract.hopSeconds())),
        contract.restClassIndex().orElse(-1));
  }

  private CountingLabel(LabelSmoother smoother, int restIndex) {
    this.smoother = smoother;
    this.restIndex = restIndex;
  }

  /**
   * Takes one window's posteriors.
   *
   * @param probabilities one per class, in the contract's order (read, not kept)
   */
  public void step(float[] probabilities) {
    label = smoother.step(probabilities).className();
    restProbability = restIndex < 0 ? Double.NaN : probabilities[restIndex];
  }

  /**
   * The label to count under.
   *
   * @return the class name, or null before the first window
   */
  public String label() {
    return label;
  }

  /**
   * The newest window's rest probability, unsmoothed ({@link RepCounter#step(double, double[],
   * String, double)}).
   *
   * @return the probability, or NaN without a rest class or before the first window
   */
  public double restProbability() {
    return restProbability;
  }

  /** Forgets the smoothing (after a gap), as the display's smoother does; the label stays. */
  public void reset() {
    smoother.reset();
  }
}
