package org.imucompanion.models.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One change made to a set's label after it was recorded (relabel, split, merge, incorrect form).
 * The store keeps every edit with what the set was before, so training data built from edited
 * labels can be told apart from labels given live, and the original label is never lost. Samples
 * are never touched by an edit: a label is only times and words over them.
 *
 * @param id the store's id, increasing in the order the edits were made
 * @param sessionId the session
 * @param segmentId the set that was edited (for a split, each resulting set has an edit)
 * @param editedAt when the edit was made (wall clock)
 * @param action what was done, e.g. {@code relabel}, {@code split}, {@code merge}
 * @param before the set as it was, in words (exercise, bounds, reps, form)
 */
public record LabelEdit(
    long id, long sessionId, long segmentId, Instant editedAt, String action, String before) {
  /** Checks the fields. */
  public LabelEdit {
    Objects.requireNonNull(editedAt, "editedAt");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(before, "before");
  }
}
