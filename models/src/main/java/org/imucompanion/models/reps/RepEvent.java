package org.imucompanion.models.reps;

import java.util.Objects;

/**
 * One repetition, emitted by {@link RepCounter} at the sample where it completed.
 *
 * @param timeSeconds stream time of the sample at which the repetition was recognised as
 *     complete
 * @param exercise the exercise label it was counted under
 * @param setNumber which set of the stream it belongs to, from 1
 * @param indexInSet its number within the set, from 1
 * @param confidence 0 to 1: how clearly the movement was one cyclic motion of the expected tempo
 */
public record RepEvent(
    double timeSeconds, String exercise, int setNumber, int indexInSet, double confidence) {
  /** Checks the fields. */
  public RepEvent {
    Objects.requireNonNull(exercise, "exercise");
    if (setNumber < 1 || indexInSet < 1) {
      throw new IllegalArgumentException(
          "set and repetition numbers start at 1: " + setNumber + ", " + indexInSet);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
  }
}
