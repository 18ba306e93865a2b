package org.imucompanion.ble.health;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.imucompanion.protocol.ProtocolException;

/**
 * An immutable picture of one stream's health at one moment, for a UI to show as it is.
 *
 * @param stream which device and characteristic
 * @param nominal what the device should send
 * @param lossInferred true when the stream has no sequence numbers and {@code lost} was inferred
 *     from timing against the nominal rate (say so next to the figure)
 * @param takenAtNanos the host's {@link System#nanoTime()} the snapshot describes
 * @param live figures over the last complete live window
 * @param cumulative figures since the first notification
 * @param sequenceRestarts times the sequence number jumped further than the elapsed time can
 *     explain (the device restarted its counter); such jumps are not counted as loss
 * @param malformedByReason malformed notifications since the start, by reason; only reasons seen
 * @param sinceLastNotification time since the last notification of any kind, if one arrived
 * @param outages link losses the stream came back from
 * @param disconnected time the stream was down over those outages (nothing could arrive)
 */
public record StreamHealthSnapshot(
    StreamKey stream,
    NominalRate nominal,
    boolean lossInferred,
    long takenAtNanos,
    HealthWindow live,
    HealthWindow cumulative,
    long sequenceRestarts,
    Map<ProtocolException.Reason, Long> malformedByReason,
    Optional<Duration> sinceLastNotification,
    int outages,
    Duration disconnected) {

  /**
   * Validates the parts and freezes the map (in the reasons' declaration order).
   *
   * @param stream see {@link #stream()}
   * @param nominal see {@link #nominal()}
   * @param lossInferred see {@link #lossInferred()}
   * @param takenAtNanos see {@link #takenAtNanos()}
   * @param live see {@link #live()}
   * @param cumulative see {@link #cumulative()}
   * @param sequenceRestarts see {@link #sequenceRestarts()}
   * @param malformedByReason see {@link #malformedByReason()}
   * @param sinceLastNotification see {@link #sinceLastNotification()}
   * @param outages see {@link #outages()}
   * @param disconnected see {@link #disconnected()}
   */
  public StreamHealthSnapshot {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(nominal, "nominal");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(cumulative, "cumulative");
    Objects.requireNonNull(sinceLastNotification, "sinceLastNotification");
    malformedByReason =
        malformedByReason.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(malformedByReason));
  }
}
