package org.imucompanion.models.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A stretch of a stream without samples.
 *
 * @param id the store's id
 * @param streamId the stream concerned
 * @param kind why there are no samples
 * @param startHostNanos when it started, on the session's host clock
 * @param endHostNanos when it ended; empty while a device is still disconnected (or if the
 *     recording was interrupted during the gap)
 * @param lostSamples samples (or packets) known to be missing, 0 if unknown
 * @param detail free text, e.g. the disconnect reason
 */
public record Gap(
    long id,
    long streamId,
    GapKind kind,
    long startHostNanos,
    OptionalLong endHostNanos,
    long lostSamples,
    String detail) {
  /** Checks the fields. */
  public Gap {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(endHostNanos, "endHostNanos");
    Objects.requireNonNull(detail, "detail");
  }
}
