package org.imucompanion.models.pipeline;

/**
 * Streaming IIR filter for several channels: a cascade of second-order sections in direct form
 * II transposed (the structure of {@code scipy.signal.sosfilt}), with its delay line kept
 * across calls so that a signal fed in chunks gives exactly the one-pass result. No allocation
 * per sample.
 */
public final class BiquadCascade {
  private final int sections;
  private final int channels;
  private final double[] b0;
  private final double[] b1;
  private final double[] b2;
  private final double[] a1;
  private final double[] a2;
  // state[(channel * sections + section) * 2 + k]
  private final double[] state;
  private final boolean[] primed;
  private final boolean startAtSteadyState;

  /**
   * A filter for several channels, starting from rest (zero state), like {@code sosfilt}.
   *
   * @param sos the coefficients
   * @param channels number of independent channels
   */
  public BiquadCascade(SecondOrderSections sos, int channels) {
    this(sos, channels, false);
  }

  /**
   * A filter for several channels.
   *
   * @param sos the coefficients
   * @param channels number of independent channels
   * @param startAtSteadyState if true, each channel's first sample after a reset sets the state
   *     to the steady state for a constant input of that value (as {@code sosfilt_zi * x[0]}),
   *     so that a gravity component of 1 g doesn't ring for seconds after connecting
   */
  public BiquadCascade(SecondOrderSections sos, int channels, boolean startAtSteadyState) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be positive: " + channels);
    }
    this.sections = sos.sectionCount();
    this.channels = channels;
    this.startAtSteadyState = startAtSteadyState;
    b0 = new double[sections];
    b1 = new double[sections];
    b2 = new double[sections];
    a1 = new double[sections];
    a2 = new double[sections];
    for (int s = 0; s < sections; s++) {
      b0[s] = sos.coefficient(s, 0);
      b1[s] = sos.coefficient(s, 1);
      b2[s] = sos.coefficient(s, 2);
      a1[s] = sos.coefficient(s, 4);
      a2[s] = sos.coefficient(s, 5);
    }
    state = new double[channels * sections * 2];
    primed = new boolean[channels];
  }

  /**
   * Number of channels.
   *
   * @return the channel count
   */
  public int channels() {
    return channels;
  }

  /**
   * Filters one sample of one channel.
   *
   * @param channel channel index
   * @param x input sample
   * @return output sample
   */
  public double step(int channel, double x) {
    int base = channel * sections * 2;
    if (!primed[channel]) {
      primed[channel] = true;
      if (startAtSteadyState) {
        setSteadyState(base, x);
      }
    }
    double v = x;
    for (int s = 0; s < sections; s++) {
      int i = base + 2 * s;
      double y = b0[s] * v + state[i];
      state[i] = b1[s] * v - a1[s] * y + state[i + 1];
      state[i + 1] = b2[s] * v - a2[s] * y;
      v = y;
    }
    return v;
  }

  /**
   * Filters one multi-channel sample in place.
   *
   * @param values one value per channel; replaced by the filtered values
   */
  public void step(double[] values) {
    for (int c = 0; c < channels; c++) {
      values[c] = step(c, values[c]);
    }
  }

  /** Forgets the past: the next sample starts from rest (or from its steady state). */
  public void reset() {
    java.util.Arrays.fill(state, 0.0);
    java.util.Arrays.fill(primed, false);
  }

  // For a constant input u every section settles at output g*u, g = sum(b)/sum(a);
  // solving the DF2T update for a fixed point gives its two delays.
  private void setSteadyState(int base, double u) {
    double in = u;
    for (int s = 0; s < sections; s++) {
      double g = (b0[s] + b1[s] + b2[s]) / (1 + a1[s] + a2[s]);
      double out = g * in;
      int i = base + 2 * s;
      state[i + 1] = b2[s] * in - a2[s] * out;
      state[i] = b1[s] * in - a1[s] * out + state[i + 1];
      in = out;
    }
  }
}
