package org.imucompanion.models.pipeline;

import java.util.Arrays;

/**
 * Coefficients of a digital IIR filter as a cascade of second-order sections, in the layout of
 * {@code scipy.signal} ({@code sos}): one row {@code [b0, b1, b2, 1, a1, a2]} per section.
 * Immutable; {@link BiquadCascade} holds the per-stream state.
 */
public final class SecondOrderSections {
  private final double[][] sos;

  /**
   * Wraps coefficient rows.
   *
   * @param sos rows of {@code [b0, b1, b2, a0, a1, a2]} with {@code a0 == 1} (copied)
   * @throws IllegalArgumentException if a row is not 6 long or {@code a0 != 1}
   */
  public SecondOrderSections(double[][] sos) {
    if (sos.length == 0) {
      throw new IllegalArgumentException("at least one section");
    }
    this.sos = new double[sos.length][];
    for (int i = 0; i < sos.length; i++) {
      if (sos[i].length != 6 || sos[i][3] != 1.0) {
        throw new IllegalArgumentException("section " + i + " must be [b0,b1,b2,1,a1,a2]");
      }
      this.sos[i] = sos[i].clone();
    }
  }

  /**
   * Number of sections.
   *
   * @return the section count
   */
  public int sectionCount() {
    return sos.length;
  }

  /**
   * One coefficient.
   *
   * @param section section index
   * @param k 0..5 for b0, b1, b2, a0, a1, a2
   * @return the coefficient
   */
  public double coefficient(int section, int k) {
    return sos[section][k];
  }

  /**
   * The whole transfer function's numerator, multiplying out the sections (for comparison with
   * {@code scipy.signal.butter(..., output='ba')}).
   *
   * @return numerator coefficients, highest power of z^-1 last
   */
  public double[] numerator() {
    double[] p = {1.0};
    for (double[] s : sos) {
      p = multiply(p, new double[] {s[0], s[1], s[2]});
    }
    return trim(p);
  }

  /**
   * The whole transfer function's denominator.
   *
   * @return denominator coefficients, leading 1
   */
  public double[] denominator() {
    double[] p = {1.0};
    for (double[] s : sos) {
      p = multiply(p, new double[] {s[3], s[4], s[5]});
    }
    return trim(p);
  }

  /**
   * Gain at DC, {@code H(z=1)}.
   *
   * @return the DC gain
   */
  public double dcGain() {
    double g = 1;
    for (double[] s : sos) {
      g *= (s[0] + s[1] + s[2]) / (s[3] + s[4] + s[5]);
    }
    return g;
  }

  private static double[] multiply(double[] a, double[] b) {
    double[] r = new double[a.length + b.length - 1];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        r[i + j] += a[i] * b[j];
      }
    }
    return r;
  }

  // A first-order section is stored padded with zeros; drop the padding from the product.
  private double[] trim(double[] p) {
    int order = 0;
    for (double[] s : sos) {
      order += (s[2] == 0 && s[5] == 0) ? 1 : 2;
    }
    return Arrays.copyOf(p, order + 1);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(sos);
  }
}
