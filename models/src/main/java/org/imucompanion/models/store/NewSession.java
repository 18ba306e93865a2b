package org.imucompanion.models.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known when a session starts.
 *
 * @param athleteId the athlete recorded, if one was chosen
 * @param deviceKind the kind of device, e.g. {@code wristband}, {@code myo}, {@code legacy}, or
 *     {@code mixed} when several kinds record together
 * @param firmwareVersion the firmware version reported by the device (may be empty)
 * @param placement where the device is worn, e.g. {@code left wrist}
 * @param notes free notes
 * @param startedAt the wall-clock start, used to show the session and to turn host times into dates
 * @param hostOriginNanos the host monotonic clock ({@link System#nanoTime()}) at {@code startedAt};
 *     sample host times are on that clock
 */
public record NewSession(
    Optional<Long> athleteId,
    String deviceKind,
    String firmwareVersion,
    String placement,
    String notes,
    Instant startedAt,
    long hostOriginNanos) {
  /** Checks the fields. */
  public NewSession {
    Objects.requireNonNull(athleteId, "athleteId");
    Objects.requireNonNull(deviceKind, "deviceKind");
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(notes, "notes");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * A session starting now on this host's clocks.
   *
   * @param athleteId the athlete, if chosen
   * @param deviceKind the kind of device
   * @param firmwareVersion the firmware version (may be empty)
   * @param placement where the device is worn
   * @param notes free notes
   * @return the description
   */
  public static NewSession startingNow(
      Optional<Long> athleteId,
      String deviceKind,
      String firmwareVersion,
      String placement,
      String notes) {
    return new NewSession(
        athleteId, deviceKind, firmwareVersion, placement, notes, Instant.now(), System.nanoTime());
  }
}
