package org.imucompanion.models.reps;

import java.util.Objects;

/**
 * One repetition, emitted by {@link RepCounter} at the sample where it completed, or later when
 * it completed before the live label named the exercise (see {@link #late()}).
 *
 * @param timeSeconds stream time of the sample at which the repetition was recognised as
 *     complete
 * @param exercise the exercise label it was counted under
 * @param setNumber which set of the stream it belongs to, from 1
 * @param indexInSet its number within the set, from 1
 * @param confidence 0 to 1: how clearly the movement was one cyclic motion of the expected tempo
 * @param emittedSeconds stream time of the sample at which the counter emitted it: {@code
 *     timeSeconds} for a repetition counted as it completed, later for one counted
 *     retroactively when the label settled on the exercise after it
 */
public record RepEvent(double timeSeconds, String exercise, int setNumber, int indexInSet,
    double confidence, double emittedSeconds) {
  /** Checks the fields. */
  public RepEvent {
    Objects.requireNonNull(exercise, "exercise");
    if (!(emittedSeconds >= timeSeconds)) {
      throw new IllegalArgumentException(
          "emitted at " + emittedSeconds + " s, before it completed at " + timeSeconds + " s");
    }
    if (setNumber < 1 || indexInSet < 1) {
      throw new IllegalArgumentException(
          "set and repetition numbers start at 1: " + setNumber + ", " + indexInSet);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
    }
  }

  /**
   * A repetition emitted as it completed.
   *
   * @param timeSeconds when it completed and was emitted
   * @param exercise the exercise label
   * @param setNumber set number, from 1
   * @param indexInSet number within the set, from 1
   * @param confidence 0 to 1
   */
  public RepEvent(
      double timeSeconds, String exercise, int setNumber, int indexInSet, double confidence) {
    this(timeSeconds, exercise, setNumber, indexInSet, confidence, timeSeconds);
  }

  /**
   * Whether the repetition was emitted after it completed (it was counted when the label settled
   * on its exercise).
   *
   * @return true if {@link #emittedSeconds()} is after {@link #timeSeconds()}
   */
  public boolean late() {
    return emittedSeconds > timeSeconds;
  }
}
