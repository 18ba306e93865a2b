package org.imucompanion.ble.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A stream's figures over one span of time: the live window (the last second or so) or everything
 * since the stream started.
 *
 * <p>{@code packets} counts notifications that decoded; {@code malformed} those that did not. Rates
 * are per second of {@code span}; they are {@code NaN} while the span is zero (fewer than two
 * notifications so far). {@code lost} is read from sequence gaps, or inferred from timing against
 * the nominal rate for streams without sequence numbers (see {@link
 * StreamHealthSnapshot#lossInferred()}).
 *
 * @param span the time the figures cover
 * @param packets notifications that decoded
 * @param samples samples those packets carried
 * @param bytes bytes of every notification, malformed ones included
 * @param malformed notifications that did not decode
 * @param lost packets that never arrived
 * @param duplicates packets whose sequence number had already arrived
 * @param outOfOrder packets that arrived after a later sequence number
 * @param packetsPerSecond decoded packets per second
 * @param samplesPerSecond samples per second
 * @param bytesPerSecond bytes per second
 * @param lostPercent lost as a percentage of the packets the device sent ({@code 0} when none)
 * @param interArrival timing of the notifications, if at least one interval was seen
 */
public record HealthWindow(
    Duration span,
    long packets,
    long samples,
    long bytes,
    long malformed,
    long lost,
    long duplicates,
    long outOfOrder,
    double packetsPerSecond,
    double samplesPerSecond,
    double bytesPerSecond,
    double lostPercent,
    Optional<InterArrival> interArrival) {

  /**
   * Validates the parts.
   *
   * @param span see {@link #span()}
   * @param packets see {@link #packets()}
   * @param samples see {@link #samples()}
   * @param bytes see {@link #bytes()}
   * @param malformed see {@link #malformed()}
   * @param lost see {@link #lost()}
   * @param duplicates see {@link #duplicates()}
   * @param outOfOrder see {@link #outOfOrder()}
   * @param packetsPerSecond see {@link #packetsPerSecond()}
   * @param samplesPerSecond see {@link #samplesPerSecond()}
   * @param bytesPerSecond see {@link #bytesPerSecond()}
   * @param lostPercent see {@link #lostPercent()}
   * @param interArrival see {@link #interArrival()}
   */
  public HealthWindow {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(interArrival, "interArrival");
  }

  /**
   * Compares the delivered packet rate with the nominal one.
   *
   * @param nominal what the device should send
   * @return delivered / nominal packets per second (1.0 means on rate), {@code NaN} if unknown
   */
  public double packetRateRatio(NominalRate nominal) {
    return packetsPerSecond / nominal.packetsPerSecond();
  }

  /**
   * Compares the delivered sample rate with the nominal one.
   *
   * @param nominal what the device should send
   * @return delivered / nominal samples per second (1.0 means on rate), {@code NaN} if unknown
   */
  public double sampleRateRatio(NominalRate nominal) {
    return samplesPerSecond / nominal.samplesPerSecond();
  }
}
