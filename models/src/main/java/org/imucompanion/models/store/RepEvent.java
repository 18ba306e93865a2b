package org.imucompanion.models.store;

import java.util.Objects;

/**
 * One repetition counted by the rep counter.
 *
 * @param hostNanos when the repetition completed, on the session's host clock
 * @param exercise the exercise it was counted for
 * @param repNumber its number within the set, from 1
 * @param model identifies the counter/model that produced it
 */
public record RepEvent(long hostNanos, String exercise, int repNumber, String model) {
  /** Checks the fields. */
  public RepEvent {
    Objects.requireNonNull(exercise, "exercise");
    Objects.requireNonNull(model, "model");
    if (repNumber < 1) {
      throw new IllegalArgumentException("rep numbers start at 1: " + repNumber);
    }
  }

  /**
   * The stored form of a repetition the live {@link org.imucompanion.models.reps.RepCounter}
   * reported, so a recorder stores counter events without copying fields by hand. The counter
   * speaks in stream seconds, the store in host nanoseconds: the caller says which host time the
   * stream's second zero was.
   *
   * @param counted the counter's event
   * @param streamStartHostNanos host time, in the session's nanoseconds, of stream time zero
   * @param model what counted it (counter and model name), kept with the event
   * @return the event on the session's host clock, numbered within its set as the counter did
   */
  public static RepEvent fromCounter(
      org.imucompanion.models.reps.RepEvent counted, long streamStartHostNanos, String model) {
    Objects.requireNonNull(counted, "counted");
    long offset = Math.round(counted.timeSeconds() * 1e9);
    return new RepEvent(
        Math.addExact(streamStartHostNanos, offset), counted.exercise(), counted.indexInSet(), model);
  }
}
