package org.imucompanion.models.pipeline;

/**
 * Per-channel standardisation {@code (x - mean) / std} with statistics computed on the training
 * data and stored in the model, applied to a window in place just before inference. The exported
 * training windows are left unnormalized so that statistics can be computed on training folds
 * only.
 */
public final class ChannelNormalizer {
  private final float[] mean;
  private final float[] inverseStd;

  /**
   * A normalizer.
   *
   * @param mean per-channel mean, in the model's channel order
   * @param std per-channel standard deviation, each positive
   */
  public ChannelNormalizer(double[] mean, double[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean has " + mean.length + " channels, std "
          + std.length);
    }
    this.mean = new float[mean.length];
    this.inverseStd = new float[mean.length];
    for (int c = 0; c < mean.length; c++) {
      if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
        throw new IllegalArgumentException("channel " + c + ": std must be positive and finite, "
            + "mean finite (got " + mean[c] + ", " + std[c] + ")");
      }
      this.mean[c] = (float) mean[c];
      this.inverseStd[c] = (float) (1.0 / std[c]);
    }
  }

  /**
   * Number of channels.
   *
   * @return C
   */
  public int channels() {
    return mean.length;
  }

  /**
   * Normalizes a window in place.
   *
   * @param window {@code [T][C]}
   */
  public void apply(float[][] window) {
    for (float[] row : window) {
      for (int c = 0; c < mean.length; c++) {
        row[c] = (row[c] - mean[c]) * inverseStd[c];
      }
    }
  }

  /**
   * Normalizes a flat row-major window in place.
   *
   * @param window {@code T*C} floats
   * @param offset start of the window
   * @param length T
   */
  public void apply(float[] window, int offset, int length) {
    int c = 0;
    for (int i = offset; i < offset + length * mean.length; i++) {
      window[i] = (window[i] - mean[c]) * inverseStd[c];
      if (++c == mean.length) {
        c = 0;
      }
    }
  }
}
