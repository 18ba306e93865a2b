package org.imucompanion.ble.profile;

import java.util.Objects;
import org.imucompanion.protocol.myo.EmgSample;

/**
 * One sample of the Myo's merged 200 Hz EMG stream.
 *
 * @param deviceAddress the armband
 * @param hostTimeNanos when the notification that carried it arrived (two samples share one)
 * @param sampleIndex position in the 200 Hz stream since the session started; a jump means samples
 *     were lost (inferred: the Myo has no sequence numbers). A reconnect starts a new session at 0:
 *     the armband has no clock to say how many samples the outage cost, so the supervisor's gap
 *     (with its duration) marks it instead
 * @param sample the eight channels
 */
public record EmgReading(String deviceAddress, long hostTimeNanos, long sampleIndex, EmgSample sample) {

  /** The Myo's total EMG rate over its four characteristics. */
  public static final int RATE_HZ = 200;

  /** Validates. */
  public EmgReading {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(sample, "sample");
  }
}
