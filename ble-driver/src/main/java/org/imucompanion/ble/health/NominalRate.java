package org.imucompanion.ble.health;

/**
 * What a stream should deliver if nothing were lost: the device's configured rate.
 *
 * <p>A wristband at 100 Hz with 4 samples per packet should send 25 packets/s carrying 100
 * samples/s; the Myo's IMU sends 50 packets/s of one sample each.
 *
 * @param packetsPerSecond notifications per second the device sends
 * @param samplesPerSecond samples per second those notifications carry
 */
public record NominalRate(double packetsPerSecond, double samplesPerSecond) {

  /**
   * Validates that both rates are positive and finite.
   *
   * @param packetsPerSecond see {@link #packetsPerSecond()}
   * @param samplesPerSecond see {@link #samplesPerSecond()}
   */
  public NominalRate {
    if (!(packetsPerSecond > 0) || Double.isInfinite(packetsPerSecond)) {
      throw new IllegalArgumentException("packetsPerSecond must be > 0: " + packetsPerSecond);
    }
    if (!(samplesPerSecond > 0) || Double.isInfinite(samplesPerSecond)) {
      throw new IllegalArgumentException("samplesPerSecond must be > 0: " + samplesPerSecond);
    }
  }

  /**
   * The rate of a device that sends a fixed number of samples per packet.
   *
   * @param samplesPerSecond the sensor's output data rate
   * @param samplesPerPacket samples batched into one notification
   * @return the nominal rate
   */
  public static NominalRate ofSamples(double samplesPerSecond, int samplesPerPacket) {
    if (samplesPerPacket < 1) {
      throw new IllegalArgumentException("samplesPerPacket must be >= 1: " + samplesPerPacket);
    }
    return new NominalRate(samplesPerSecond / samplesPerPacket, samplesPerSecond);
  }

  /**
   * Returns the time between two packets when nothing is lost.
   *
   * @return the nominal packet period in nanoseconds
   */
  public long packetPeriodNanos() {
    return Math.round(1e9 / packetsPerSecond);
  }
}
