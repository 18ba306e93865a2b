package org.imucompanion.app.workspace;

import java.util.Objects;

/**
 * One set as the coach sees it in the set history.
 *
 * @param setNumber which set of the stream, from 1 (the rep counter's numbering)
 * @param exercise the exercise the repetitions were counted under
 * @param repetitions repetitions counted
 * @param durationSeconds from the start of the first repetition (estimated: its completion less
 *     one mean repetition period) to the completion of the last; 0 with a single repetition whose
 *     period is unknown
 */
public record SetSummary(int setNumber, String exercise, int repetitions, double durationSeconds) {
  /** Checks the fields. */
  public SetSummary {
    Objects.requireNonNull(exercise, "exercise");
    if (setNumber < 1 || repetitions < 1 || !(durationSeconds >= 0)) {
      throw new IllegalArgumentException(
          "bad set: #" + setNumber + ", " + repetitions + " reps, " + durationSeconds + " s");
    }
  }
}
