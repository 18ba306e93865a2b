package org.imucompanion.models.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.complex.Complex;

/**
 * Designs digital Butterworth filters the way {@code scipy.signal.butter} does: the analog
 * prototype's poles on the unit circle, frequency pre-warping, the low-pass to low-pass /
 * high-pass / band-pass transformation, then the bilinear transform, all in zero-pole-gain form
 * (so that high orders stay well conditioned), finally grouped into second-order sections.
 *
 * <p>Section pairing differs from scipy's {@code zpk2sos} (which pairs poles with the nearest
 * zeros); the transfer function is the same, and the tests check both the multiplied-out
 * coefficients and filtered signals against scipy to 1e-9.
 */
public final class ButterworthDesign {
  private static final double REAL_TOLERANCE = 1e-12;

  private ButterworthDesign() {}

  /**
   * A low-pass filter.
   *
   * @param order filter order, 1 to 12
   * @param cutoffHz -3 dB frequency, strictly between 0 and half the sample rate
   * @param sampleRateHz sample rate
   * @return the sections
   */
  public static SecondOrderSections lowPass(int order, double cutoffHz, double sampleRateHz) {
    double w = warp(order, cutoffHz, sampleRateHz);
    Zpk analog = prototype(order);
    List<Complex> p = new ArrayList<>();
    for (Complex pole : analog.poles) {
      p.add(pole.multiply(w));
    }
    double k = analog.gain * Math.pow(w, order);
    return toSections(bilinear(new ArrayList<>(), p, k, order));
  }

  /**
   * A high-pass filter.
   *
   * @param order filter order, 1 to 12
   * @param cutoffHz -3 dB frequency, strictly between 0 and half the sample rate
   * @param sampleRateHz sample rate
   * @return the sections
   */
  public static SecondOrderSections highPass(int order, double cutoffHz, double sampleRateHz) {
    double w = warp(order, cutoffHz, sampleRateHz);
    Zpk analog = prototype(order);
    List<Complex> p = new ArrayList<>();
    Complex prodNegP = Complex.ONE;
    for (Complex pole : analog.poles) {
      p.add(new Complex(w).divide(pole));
      prodNegP = prodNegP.multiply(pole.negate());
    }
    List<Complex> z = new ArrayList<>();
    for (int i = 0; i < order; i++) {
      z.add(Complex.ZERO);
    }
    double k = analog.gain / prodNegP.getReal();
    return toSections(bilinear(z, p, k, 0));
  }

  /**
   * A band-pass filter (order {@code 2*order} overall, like scipy's).
   *
   * @param order prototype order, 1 to 12
   * @param lowHz lower -3 dB frequency
   * @param highHz upper -3 dB frequency, above {@code lowHz} and below half the sample rate
   * @param sampleRateHz sample rate
   * @return the sections
   */
  public static SecondOrderSections bandPass(
      int order, double lowHz, double highHz, double sampleRateHz) {
    if (!(lowHz < highHz)) {
      throw new IllegalArgumentException("band-pass needs low < high: " + lowHz + ", " + highHz);
    }
    double w1 = warp(order, lowHz, sampleRateHz);
    double w2 = warp(order, highHz, sampleRateHz);
    double bw = w2 - w1;
    double wo = Math.sqrt(w1 * w2);
    Zpk analog = prototype(order);
    List<Complex> p = new ArrayList<>();
    for (Complex pole : analog.poles) {
      Complex lp = pole.multiply(bw / 2);
      Complex root = lp.multiply(lp).subtract(wo * wo).sqrt();
      p.add(lp.add(root));
      p.add(lp.subtract(root));
    }
    List<Complex> z = new ArrayList<>();
    for (int i = 0; i < order; i++) {
      z.add(Complex.ZERO);
    }
    double k = analog.gain * Math.pow(bw, order);
    return toSections(bilinear(z, p, k, order));
  }

  private static double warp(int order, double cutoffHz, double sampleRateHz) {
    if (order < 1 || order > 12) {
      throw new IllegalArgumentException("order must be 1..12: " + order);
    }
    if (!(cutoffHz > 0 && cutoffHz < sampleRateHz / 2)) {
      throw new IllegalArgumentException(
          "cut-off " + cutoffHz + " Hz must be between 0 and Nyquist (" + sampleRateHz / 2
              + " Hz)");
    }
    // scipy: normalise to Nyquist, then warped = 2*fs*tan(pi*Wn/fs) with fs = 2.
    double wn = cutoffHz / (sampleRateHz / 2);
    return 4.0 * Math.tan(Math.PI * wn / 2.0);
  }

  /** Analog Butterworth prototype, as scipy's {@code buttap}: no zeros, gain 1. */
  private static Zpk prototype(int order) {
    List<Complex> poles = new ArrayList<>();
    for (int m = -order + 1; m < order; m += 2) {
      double theta = Math.PI * m / (2.0 * order);
      // -exp(1j*theta)
      poles.add(new Complex(-Math.cos(theta), -Math.sin(theta)));
    }
    return new Zpk(new ArrayList<>(), poles, 1.0);
  }

  /**
   * Bilinear transform with fs = 2 (scipy's normalisation): {@code z = (4 + s) / (4 - s)}.
   *
   * @param extraZerosAtMinusOne zeros at z = -1 for the degree difference
   */
  private static Zpk bilinear(
      List<Complex> z, List<Complex> p, double k, int extraZerosAtMinusOne) {
    Complex fs2 = new Complex(4.0);
    List<Complex> zz = new ArrayList<>();
    List<Complex> pz = new ArrayList<>();
    Complex num = Complex.ONE;
    Complex den = Complex.ONE;
    for (Complex zero : z) {
      zz.add(fs2.add(zero).divide(fs2.subtract(zero)));
      num = num.multiply(fs2.subtract(zero));
    }
    for (Complex pole : p) {
      pz.add(fs2.add(pole).divide(fs2.subtract(pole)));
      den = den.multiply(fs2.subtract(pole));
    }
    int degree = p.size() - z.size();
    if (degree != extraZerosAtMinusOne) {
      throw new IllegalStateException("degree " + degree + " != " + extraZerosAtMinusOne);
    }
    for (int i = 0; i < degree; i++) {
      zz.add(new Complex(-1.0));
    }
    double kz = k * num.divide(den).getReal();
    return new Zpk(zz, pz, kz);
  }

  /**
   * Groups conjugate pole pairs (and leftover real poles two by two) into sections, giving each
   * section as many of the (real) zeros as it has poles and the whole gain to the first section.
   */
  private static SecondOrderSections toSections(Zpk d) {
    List<double[]> poleSections = new ArrayList<>(); // {c1, c2, order}: 1 + c1 z^-1 + c2 z^-2
    List<Double> realPoles = new ArrayList<>();
    for (Complex pole : d.poles) {
      if (Math.abs(pole.getImaginary()) <= REAL_TOLERANCE) {
        realPoles.add(pole.getReal());
      } else if (pole.getImaginary() > 0) {
        poleSections.add(new double[] {-2 * pole.getReal(), pole.abs() * pole.abs(), 2});
      }
    }
    realPoles.sort(Double::compare);
    for (int i = 0; i + 1 < realPoles.size(); i += 2) {
      double a = realPoles.get(i);
      double b = realPoles.get(i + 1);
      poleSections.add(new double[] {-(a + b), a * b, 2});
    }
    if (realPoles.size() % 2 == 1) {
      poleSections.add(new double[] {-realPoles.get(realPoles.size() - 1), 0, 1});
    }
    List<Double> zeros = new ArrayList<>();
    for (Complex zero : d.zeros) {
      if (Math.abs(zero.getImaginary()) > REAL_TOLERANCE) {
        throw new IllegalStateException("Butterworth zeros are real; got " + zero);
      }
      zeros.add(zero.getReal());
    }
    // Give each second-order section one zero at +1 and one at -1 where both exist (band-pass),
    // which keeps every section's numerator small and well scaled.
    zeros.sort(Double::compare);
    double[][] sos = new double[poleSections.size()][];
    int lo = 0;
    int hi = zeros.size() - 1;
    for (int s = 0; s < poleSections.size(); s++) {
      double[] ps = poleSections.get(s);
      double b0 = 1;
      double b1 = 0;
      double b2 = 0;
      if (ps[2] == 2) {
        double z1 = zeros.get(lo++);
        double z2 = zeros.get(hi--);
        b1 = -(z1 + z2);
        b2 = z1 * z2;
      } else {
        b1 = -zeros.get(lo++);
      }
      sos[s] = new double[] {b0, b1, b2, 1, ps[0], ps[1]};
    }
    for (int i = 0; i < 3; i++) {
      sos[0][i] *= d.gain;
    }
    return new SecondOrderSections(sos);
  }

  private record Zpk(List<Complex> zeros, List<Complex> poles, double gain) {}
}
