package org.imucompanion.app.workspace;

import java.util.List;

/**
 * The exercise a device's wearer is doing right now, as the smoothed classifier output says.
 *
 * @param exercise the smoothed class name (e.g. {@code Squat}, or the rest class)
 * @param confidence the smoother's confidence in it, 0..1
 * @param classes the model's classes, in output order
 * @param probabilities the newest window's raw probabilities, in class order
 * @param windows windows classified since the stream started
 * @param repetitionsInSet repetitions counted in the current set (0 at rest or without a counter)
 * @param sourceHostNanos the pushed time of the sample that led to this estimate, in nanoseconds:
 *     for a live device the {@link System#nanoTime()} at which its notification reached the host; the UI subtracts it from the time it shows the estimate to
 *     measure notification-to-screen latency
 */
public record ExerciseEstimate(
    String exercise,
    double confidence,
    List<String> classes,
    float[] probabilities,
    long windows,
    int repetitionsInSet,
    long sourceHostNanos) {

  /** Copies the probabilities and freezes the class list. */
  public ExerciseEstimate {
    classes = List.copyOf(classes);
    probabilities = probabilities.clone();
  }

  /**
   * Returns a copy of the probabilities.
   *
   * @return the probabilities, in class order
   */
  @Override
  public float[] probabilities() {
    return probabilities.clone();
  }
}
