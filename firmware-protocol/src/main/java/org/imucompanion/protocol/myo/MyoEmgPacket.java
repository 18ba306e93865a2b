package org.imucompanion.protocol.myo;

import java.util.Objects;

/**
 * One notification of an EMG characteristic: two consecutive samples (PROTOCOL.md §4.3). With all
 * four EMG characteristics subscribed the armband sends 200 samples per second in total.
 *
 * @param first the older sample
 * @param second the newer sample
 */
public record MyoEmgPacket(EmgSample first, EmgSample second) {
  /**
   * Checks that no sample is null.
   *
   * @param first the older sample
   * @param second the newer sample
   */
  public MyoEmgPacket {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
  }
}
