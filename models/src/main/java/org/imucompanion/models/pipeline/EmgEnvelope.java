package org.imucompanion.models.pipeline;

/**
 * Muscle activity envelope from raw EMG: band-pass (drops motion artefacts below and noise
 * above the EMG band), full-wave rectification, then a low-pass that gives a smooth envelope a
 * model can sample at a few tens of Hz. All three stages are causal and stateful across calls.
 */
public final class EmgEnvelope {
  private final BiquadCascade bandPass;
  private final BiquadCascade lowPass;

  /**
   * An envelope detector.
   *
   * @param channels number of EMG channels
   * @param sampleRateHz EMG sample rate (Myo: 200 Hz)
   * @param bandLowHz lower edge of the band-pass
   * @param bandHighHz upper edge, below Nyquist
   * @param bandOrder band-pass prototype order
   * @param envelopeHz low-pass cut-off of the envelope
   * @param envelopeOrder low-pass order
   */
  public EmgEnvelope(int channels, double sampleRateHz, double bandLowHz, double bandHighHz,
      int bandOrder, double envelopeHz, int envelopeOrder) {
    bandPass = new BiquadCascade(
        ButterworthDesign.bandPass(bandOrder, bandLowHz, bandHighHz, sampleRateHz), channels);
    lowPass = new BiquadCascade(
        ButterworthDesign.lowPass(envelopeOrder, envelopeHz, sampleRateHz), channels);
  }

  /**
   * Envelope of one sample of one channel.
   *
   * @param channel channel index
   * @param x raw EMG value
   * @return envelope value (same unit as the input)
   */
  public double step(int channel, double x) {
    return lowPass.step(channel, Math.abs(bandPass.step(channel, x)));
  }

  /** Forgets the past. */
  public void reset() {
    bandPass.reset();
    lowPass.reset();
  }
}
