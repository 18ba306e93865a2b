package org.imucompanion.protocol.wristband;

import java.util.List;

/**
 * One notification of the data characteristic (PROTOCOL.md §2.4): a batch of consecutive samples
 * with the packet's sequence number and the device time of its first sample.
 *
 * <p>Sequence number and device time are the raw wrapping counters; {@link
 * org.imucompanion.protocol.stream.SequenceTracker} and {@link
 * org.imucompanion.protocol.stream.DeviceClock} turn them into gap counts and a monotonic clock.
 *
 * @param sequence packet counter, 0..65535, +1 per packet, wraps to 0
 * @param deviceTimeMicros device time of the first sample, 0..2³²-1 µs, wraps
 * @param magnetometer whether the samples are 9-axis
 * @param crc whether the packet ends with a CRC-16 (checked when decoding)
 * @param samples 1..31 samples, oldest first
 */
public record WristbandDataPacket(
    int sequence, long deviceTimeMicros, boolean magnetometer, boolean crc, List<WristbandSample> samples) {

  /**
   * Validates the fields and freezes the sample list.
   *
   * @param sequence 0..65535
   * @param deviceTimeMicros 0..2³²-1
   * @param magnetometer whether every sample has a magnetic field
   * @param crc whether the packet carries a CRC-16
   * @param samples 1..31 samples
   */
  public WristbandDataPacket {
    if (sequence < 0 || sequence > 0xFFFF) {
      throw new IllegalArgumentException("sequence must be 0..65535: " + sequence);
    }
    if (deviceTimeMicros < 0 || deviceTimeMicros > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("deviceTimeMicros must be 0..2^32-1: " + deviceTimeMicros);
    }
    samples = List.copyOf(samples);
    if (samples.isEmpty() || samples.size() > WristbandCodec.MAX_SAMPLES) {
      throw new IllegalArgumentException("1..31 samples, got " + samples.size());
    }
    for (WristbandSample s : samples) {
      if (s.magMicroTesla().isPresent() != magnetometer) {
        throw new IllegalArgumentException("every sample must " + (magnetometer ? "" : "not ") + "have a magnetic field");
      }
    }
  }

  /**
   * Returns the device time of sample {@code index}: the first sample's time plus {@code index}
   * sample periods, rounded down to whole microseconds, wrapping like the device's counter.
   *
   * @param index 0-based sample index in this packet
   * @param outputDataRateHz the configured rate
   * @return 0..2³²-1 µs
   */
  public long sampleTimeMicros(int index, int outputDataRateHz) {
    return (deviceTimeMicros + (long) index * 1_000_000L / outputDataRateHz) & 0xFFFF_FFFFL;
  }
}
