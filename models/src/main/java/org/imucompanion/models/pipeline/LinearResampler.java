package org.imucompanion.models.pipeline;

/**
 * Resamples an irregular multi-channel stream onto a fixed-rate grid by linear interpolation
 * between the two input samples around each grid time. Causal: a grid point is emitted as soon
 * as the first input sample at or after it arrives.
 *
 * <p>The grid starts at the first input sample after a reset; grid times are computed as {@code
 * start + k * period} (not by repeated addition) so they don't drift over hours. An input gap
 * longer than the limit is not bridged: the resampler restarts its grid at the sample after the
 * gap and reports the gap, so that downstream windows never span a dropout.
 */
public final class LinearResampler {
  /** Receives resampled points. The array is reused: copy what you keep. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One resampled point.
     *
     * @param timeSeconds grid time
     * @param values one value per channel (reused between calls)
     */
    void accept(double timeSeconds, double[] values);
  }

  private final int channels;
  private final double period;
  private final double gapLimitSeconds;
  private final double[] previous;
  private final double[] out;
  private double previousTime;
  private boolean started;
  private double gridStart;
  private long gridIndex;
  private long gaps;
  private long outOfOrder;

  /**
   * A resampler.
   *
   * @param channels values per sample
   * @param targetRateHz output rate
   * @param gapLimitSeconds a time step longer than this restarts the grid instead of being
   *     interpolated across
   */
  public LinearResampler(int channels, double targetRateHz, double gapLimitSeconds) {
    if (!(targetRateHz > 0) || !(gapLimitSeconds > 0)) {
      throw new IllegalArgumentException("rate and gap limit must be positive");
    }
    this.channels = channels;
    this.period = 1.0 / targetRateHz;
    this.gapLimitSeconds = gapLimitSeconds;
    this.previous = new double[channels];
    this.out = new double[channels];
  }

  /**
   * Feeds one input sample.
   *
   * @param timeSeconds input time; a sample not later than the previous one is ignored and
   *     counted in {@link #outOfOrderSamples()}
   * @param values one value per channel (read, not kept)
   * @param sink receives every grid point up to this sample's time
   * @return true if this sample came after a gap longer than the limit (the grid restarted)
   */
  public boolean step(double timeSeconds, double[] values, Sink sink) {
    boolean gap = false;
    if (started) {
      if (!(timeSeconds > previousTime)) {
        outOfOrder++;
        return false;
      }
      if (timeSeconds - previousTime > gapLimitSeconds) {
        gaps++;
        gap = true;
        started = false;
      }
    }
    if (!started) {
      started = true;
      gridStart = timeSeconds;
      gridIndex = 0;
      previousTime = timeSeconds;
      System.arraycopy(values, 0, previous, 0, channels);
    }
    double span = timeSeconds - previousTime;
    while (true) {
      double t = gridStart + gridIndex * period;
      if (t > timeSeconds) {
        break;
      }
      double f = span > 0 ? (t - previousTime) / span : 1.0;
      for (int c = 0; c < channels; c++) {
        out[c] = previous[c] + f * (values[c] - previous[c]);
      }
      sink.accept(t, out);
      gridIndex++;
    }
    previousTime = timeSeconds;
    System.arraycopy(values, 0, previous, 0, channels);
    return gap;
  }

  /** Forgets the stream; the next sample starts a new grid. */
  public void reset() {
    started = false;
  }

  /**
   * Gaps longer than the limit seen since construction.
   *
   * @return the count
   */
  public long gaps() {
    return gaps;
  }

  /**
   * Input samples ignored because their time did not increase.
   *
   * @return the count
   */
  public long outOfOrderSamples() {
    return outOfOrder;
  }
}
