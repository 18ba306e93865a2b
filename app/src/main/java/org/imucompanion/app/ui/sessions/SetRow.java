package org.imucompanion.app.ui.sessions;

import java.util.OptionalInt;

/**
 * One labeled set of the selected session, as the per-set summary shows it.
 *
 * @param segmentId the set's id in the store
 * @param exercise the exercise label
 * @param reps the true repetition count, when someone entered it
 * @param startSeconds start, in seconds from the session's start
 * @param durationSeconds how long the set lasted; 0 while it is still running
 * @param athlete the session's athlete, or empty
 * @param incorrectForm whether the set is marked as incorrect form
 * @param edited whether its label was edited after recording
 */
public record SetRow(
    long segmentId,
    String exercise,
    OptionalInt reps,
    double startSeconds,
    double durationSeconds,
    String athlete,
    boolean incorrectForm,
    boolean edited) {
  /**
   * The rep count as shown: the number, or a question mark when nobody counted.
   *
   * @return the text of the Reps column
   */
  public String repsText() {
    return reps.isPresent() ? Integer.toString(reps.getAsInt()) : "?";
  }
}
