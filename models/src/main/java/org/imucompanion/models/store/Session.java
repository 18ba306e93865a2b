package org.imucompanion.models.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored session.
 *
 * @param id the store's id
 * @param athleteId the athlete, if one was chosen
 * @param deviceKind the kind of device
 * @param firmwareVersion the firmware version (may be empty)
 * @param placement where the device was worn
 * @param notes free notes
 * @param startedAt wall-clock start
 * @param endedAt wall-clock end, once known
 * @param hostOriginNanos host monotonic clock at {@code startedAt}
 * @param state recording, complete or interrupted
 */
public record Session(
    long id,
    Optional<Long> athleteId,
    String deviceKind,
    String firmwareVersion,
    String placement,
    String notes,
    Instant startedAt,
    Optional<Instant> endedAt,
    long hostOriginNanos,
    SessionState state) {
  /** Checks the fields. */
  public Session {
    Objects.requireNonNull(athleteId, "athleteId");
    Objects.requireNonNull(deviceKind, "deviceKind");
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(notes, "notes");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(state, "state");
  }

  /**
   * Converts a host monotonic time of this session into a wall-clock instant.
   *
   * @param hostNanos a time on the session's host clock
   * @return the corresponding wall-clock instant
   */
  public Instant wallClock(long hostNanos) {
    return startedAt.plusNanos(hostNanos - hostOriginNanos);
  }
}
