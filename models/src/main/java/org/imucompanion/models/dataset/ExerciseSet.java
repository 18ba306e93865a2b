package org.imucompanion.models.dataset;

import java.util.List;
import java.util.Objects;

/**
 * One set of repetitions of one exercise as a recording's labels describe it: the ground truth
 * for rep counting and for per-set evaluation ("was the set's exercise shown, how soon, how
 * often did the label change inside it").
 *
 * @param exercise the exercise label (dataset spelling, e.g. {@code Squat})
 * @param startSeconds time of the set's first labelled repetition sample
 * @param endSeconds time of its last repetition sample
 * @param repetitionEndsSeconds time of the last sample of each complete repetition, in order
 */
public record ExerciseSet(
    String exercise, double startSeconds, double endSeconds, List<Double> repetitionEndsSeconds) {

  /** Copies the list. */
  public ExerciseSet {
    Objects.requireNonNull(exercise, "exercise");
    repetitionEndsSeconds = List.copyOf(repetitionEndsSeconds);
    if (!(endSeconds >= startSeconds)) {
      throw new IllegalArgumentException("set ends before it starts");
    }
  }

  /**
   * Number of complete repetitions.
   *
   * @return the count
   */
  public int repetitions() {
    return repetitionEndsSeconds.size();
  }
}
