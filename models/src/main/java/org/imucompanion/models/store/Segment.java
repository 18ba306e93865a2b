package org.imucompanion.models.store;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A labeled set: an exercise between two host times, with what the athlete or coach knows about
 * it. Times are on the session's host clock, so a segment can be moved without touching samples.
 *
 * @param id the store's id
 * @param sessionId the session
 * @param exercise the exercise label, e.g. {@code Squat}
 * @param startHostNanos start of the set
 * @param endHostNanos end of the set; empty while the set is still running live
 * @param repCount the true repetition count, once someone entered it
 * @param incorrectForm whether the set was done with incorrect form (a training class of its own)
 * @param notes free notes
 */
public record Segment(
    long id,
    long sessionId,
    String exercise,
    long startHostNanos,
    OptionalLong endHostNanos,
    OptionalInt repCount,
    boolean incorrectForm,
    String notes) {
  /** Checks the fields. */
  public Segment {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(endHostNanos, "endHostNanos");
    Objects.requireNonNull(repCount, "repCount");
    Objects.requireNonNull(notes, "notes");
    if (exercise.isBlank()) {
      throw new IllegalArgumentException("exercise must not be blank");
    }
    if (endHostNanos.isPresent() && endHostNanos.getAsLong() < startHostNanos) {
      throw new IllegalArgumentException("segment ends before it starts");
    }
    if (repCount.isPresent() && repCount.getAsInt() < 0) {
      throw new IllegalArgumentException("negative rep count");
    }
  }

  /**
   * Returns a copy with new boundaries.
   *
   * @param start new start
   * @param end new end
   * @return the edited segment
   */
  public Segment withBounds(long start, long end) {
    return new Segment(
        id, sessionId, exercise, start, OptionalLong.of(end), repCount, incorrectForm, notes);
  }

  /**
   * Returns a copy with another exercise.
   *
   * @param newExercise the exercise label
   * @return the edited segment
   */
  public Segment withExercise(String newExercise) {
    return new Segment(
        id, sessionId, newExercise, startHostNanos, endHostNanos, repCount, incorrectForm, notes);
  }

  /**
   * Returns a copy with the true repetition count.
   *
   * @param reps repetitions counted by a person
   * @return the edited segment
   */
  public Segment withRepCount(int reps) {
    return new Segment(
        id,
        sessionId,
        exercise,
        startHostNanos,
        endHostNanos,
        OptionalInt.of(reps),
        incorrectForm,
        notes);
  }

  /**
   * Returns a copy with the incorrect-form flag set or cleared.
   *
   * @param incorrect whether the form was incorrect
   * @return the edited segment
   */
  public Segment withIncorrectForm(boolean incorrect) {
    return new Segment(
        id, sessionId, exercise, startHostNanos, endHostNanos, repCount, incorrect, notes);
  }

  /**
   * Returns a copy with other notes.
   *
   * @param newNotes free notes
   * @return the edited segment
   */
  public Segment withNotes(String newNotes) {
    return new Segment(
        id, sessionId, exercise, startHostNanos, endHostNanos, repCount, incorrectForm, newNotes);
  }

  /**
   * Whether a host time falls inside this segment (an open segment extends forever).
   *
   * @param hostNanos a time on the session's host clock
   * @return true if {@code start <= t <= end}
   */
  public boolean contains(long hostNanos) {
    return hostNanos >= startHostNanos
        && (endHostNanos.isEmpty() || hostNanos <= endHostNanos.getAsLong());
  }
}
