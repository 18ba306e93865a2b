package org.imucompanion.models.reps;

import java.util.List;
import java.util.Objects;
import org.imucompanion.models.Channels;

/**
 * What the rep counter looks for in one exercise.
 *
 * @param exercise the exercise label this profile applies to (as the live label spells it)
 * @param signal the channels whose dominant axis carries the repetition (for example the three
 *     gravity channels: the limb's tilt swings once per repetition); all in one unit
 * @param minPeriodSeconds two repetitions closer than this are one (the fastest plausible tempo)
 * @param maxPeriodSeconds an excursion longer than this is not a repetition (a posture change);
 *     also the span of the window the axis and amplitude are estimated over
 * @param minAmplitude peak-to-peak excursion along the axis below which nothing counts, in the
 *     signal's unit: what separates a repetition from sensor noise and fidgeting
 * @param hysteresis share of the window's peak-to-peak range, in (0, 0.5): how close to the home
 *     end the signal must come back to complete a repetition (and, before home is known, how
 *     close to either end the first excursion must go); leaving home takes half the range
 */
public record RepProfile(
    String exercise,
    List<String> signal,
    double minPeriodSeconds,
    double maxPeriodSeconds,
    double minAmplitude,
    double hysteresis) {

  /** Validates the profile so that a bad table or model file fails when it is loaded. */
  public RepProfile {
    Objects.requireNonNull(exercise, "exercise");
    if (exercise.isBlank()) {
      throw new IllegalArgumentException("blank exercise name");
    }
    signal = List.copyOf(signal);
    if (signal.isEmpty()) {
      throw new IllegalArgumentException(exercise + ": the signal needs at least one channel");
    }
    for (String c : signal) {
      if (!Channels.isCanonical(c)) {
        throw new IllegalArgumentException(exercise + ": unknown signal channel '" + c + "'");
      }
    }
    if (!(minPeriodSeconds > 0 && maxPeriodSeconds > minPeriodSeconds)
        || Double.isInfinite(maxPeriodSeconds)) {
      throw new IllegalArgumentException(exercise + ": tempo range must be 0 < min < max, got "
          + minPeriodSeconds + " .. " + maxPeriodSeconds + " s");
    }
    if (!(minAmplitude > 0) || Double.isInfinite(minAmplitude)) {
      throw new IllegalArgumentException(exercise + ": min amplitude must be > 0: " + minAmplitude);
    }
    if (!(hysteresis > 0 && hysteresis < 0.5)) {
      throw new IllegalArgumentException(exercise + ": hysteresis must be in (0, 0.5): "
          + hysteresis);
    }
  }

  /**
   * A copy for another exercise name (a model may call the same movement differently).
   *
   * @param name the exercise label
   * @return the copy
   */
  public RepProfile named(String name) {
    return new RepProfile(name, signal, minPeriodSeconds, maxPeriodSeconds, minAmplitude,
        hysteresis);
  }

  /**
   * A copy with another hysteresis (for tuning).
   *
   * @param share the new hysteresis share
   * @return the copy
   */
  public RepProfile withHysteresis(double share) {
    return new RepProfile(exercise, signal, minPeriodSeconds, maxPeriodSeconds, minAmplitude,
        share);
  }
}
