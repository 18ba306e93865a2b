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
}
