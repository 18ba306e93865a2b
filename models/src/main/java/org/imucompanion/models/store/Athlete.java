package org.imucompanion.models.store;

import java.util.Objects;

/**
 * A person whose sessions are recorded.
 *
 * @param id the store's id
 * @param name the name shown to the coach
 * @param notes free notes (may be empty)
 */
public record Athlete(long id, String name, String notes) {
  /** Checks the fields. */
  public Athlete {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notes, "notes");
  }
}
