package org.imucompanion.models.athlete;

import java.util.Objects;

/**
 * The averaged shape of one exercise's repetition and how people vary around it.
 *
 * <p>The shape holds {@link #CHANNELS} channels (gravity x, y, z in g, pointing up in the device
 * frame; linear acceleration x, y, z in g; angular rate x, y, z in rad/s), each time-normalized
 * to {@link #points()} points from the start of the repetition's first half to the end of its
 * second half.
 *
 * @param exercise the class name (e.g. {@code Squat})
 * @param shape {@code shape[channel][point]}, {@link #CHANNELS} channels
 * @param firstHalfShare mean share of the repetition taken by its first half
 * @param repCount how many repetitions were averaged
 * @param durationMean mean repetition duration, s
 * @param durationSd standard deviation of the duration, s
 * @param amplitudeSd standard deviation of the per-repetition amplitude scale (1 = template)
 * @param pauseMean mean pause between repetitions of a set, s
 * @param pauseSd standard deviation of that pause, s
 * @param pauseGravity mean gravity direction during those pauses (unit vector, device frame)
 * @param minReps fewest repetitions seen in a set
 * @param maxReps most repetitions seen in a set
 * @param noiseSd per-channel standard deviation of what the scaled template leaves unexplained
 * @param energyGain per channel, a typical repetition's standard deviation over the template's:
 *     averaging repetitions that are not perfectly aligned flattens the mean shape, and this
 *     restores a single repetition's strength
 */
public record ExerciseTemplate(
    String exercise,
    double[][] shape,
    double firstHalfShare,
    int repCount,
    double durationMean,
    double durationSd,
    double amplitudeSd,
    double pauseMean,
    double pauseSd,
    double[] pauseGravity,
    int minReps,
    int maxReps,
    double[] noiseSd,
    double[] energyGain) {

  /** Channels of a shape: gravity xyz, linear acceleration xyz, angular rate xyz. */
  public static final int CHANNELS = 9;

  /**
   * Validates the template.
   *
   * @param exercise see {@link #exercise()}
   * @param shape see {@link #shape()}
   * @param firstHalfShare see {@link #firstHalfShare()}
   * @param repCount see {@link #repCount()}
   * @param durationMean see {@link #durationMean()}
   * @param durationSd see {@link #durationSd()}
   * @param amplitudeSd see {@link #amplitudeSd()}
   * @param pauseMean see {@link #pauseMean()}
   * @param pauseSd see {@link #pauseSd()}
   * @param pauseGravity see {@link #pauseGravity()}
   * @param minReps see {@link #minReps()}
   * @param maxReps see {@link #maxReps()}
   * @param noiseSd see {@link #noiseSd()}
   * @param energyGain see {@link #energyGain()}
   */
  public ExerciseTemplate {
    Objects.requireNonNull(exercise, "exercise");
    if (shape.length != CHANNELS || shape[0].length < 4) {
      throw new IllegalArgumentException("shape must be " + CHANNELS + " channels of >= 4 points");
    }
    for (double[] c : shape) {
      if (c.length != shape[0].length) {
        throw new IllegalArgumentException("every channel needs the same number of points");
      }
    }
    if (pauseGravity.length != 3 || noiseSd.length != CHANNELS
        || energyGain.length != CHANNELS) {
      throw new IllegalArgumentException(
          "pauseGravity needs 3 values, noiseSd and energyGain " + CHANNELS);
    }
    if (!(durationMean > 0) || !(firstHalfShare > 0 && firstHalfShare < 1)) {
      throw new IllegalArgumentException("duration must be positive, first half within (0, 1)");
    }
    if (minReps < 1 || maxReps < minReps) {
      throw new IllegalArgumentException("reps per set " + minReps + ".." + maxReps);
    }
  }

  /**
   * Number of points per channel.
   *
   * @return the time-normalized length
   */
  public int points() {
    return shape[0].length;
  }

  /**
   * The template's value at a phase, interpolated linearly between points.
   *
   * @param channel 0..8
   * @param phase 0 (start of the repetition) to 1 (its end), clamped
   * @return the value
   */
  public double at(int channel, double phase) {
    double[] c = shape[channel];
    double x = Math.max(0, Math.min(1, phase)) * (c.length - 1);
    int i = Math.min((int) x, c.length - 2);
    double f = x - i;
    return c[i] * (1 - f) + c[i + 1] * f;
  }
}
