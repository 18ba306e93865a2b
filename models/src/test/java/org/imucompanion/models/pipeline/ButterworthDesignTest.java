package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ButterworthDesignTest {
  static final double TOLERANCE = 1e-9;

  static List<ButterworthReference> cases() throws IOException {
    List<ButterworthReference> c = ButterworthReference.load();
    assertThat(c).hasSizeGreaterThanOrEqualTo(10);
    return c;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void coefficientsMatchScipyButter(ButterworthReference ref) {
    SecondOrderSections sos = ref.design();
    assertClose(sos.numerator(), ref.b());
    assertClose(sos.denominator(), ref.a());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outputMatchesScipyLfilterFromRest(ButterworthReference ref) {
    BiquadCascade f = new BiquadCascade(ref.design(), 1);
    for (int i = 0; i < ref.x().length; i++) {
      assertThat(f.step(0, ref.x()[i])).as("sample %d", i).isCloseTo(ref.y()[i], within(TOLERANCE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void steadyStateStartMatchesScipyLfilterZi(ButterworthReference ref) {
    BiquadCascade f = new BiquadCascade(ref.design(), 1, true);
    for (int i = 0; i < ref.x().length; i++) {
      assertThat(f.step(0, ref.x()[i])).as("sample %d", i)
          .isCloseTo(ref.yzi()[i], within(TOLERANCE));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chunkedInterleavedChannelsGiveExactlyTheOnePassResult(ButterworthReference ref) {
    double[] x = ref.x();
    BiquadCascade onePass = new BiquadCascade(ref.design(), 1, true);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = onePass.step(0, x[i]);
    }
    // Three channels carrying the same signal, fed in random chunks, alternating channels,
    // with a reset of a fourth, unrelated channel in between: each must equal the one pass.
    BiquadCascade chunked = new BiquadCascade(ref.design(), 3, true);
    double[][] got = new double[3][x.length];
    Random random = new Random(42);
    int[] pos = new int[3];
    while (pos[0] < x.length || pos[1] < x.length || pos[2] < x.length) {
      int c = random.nextInt(3);
      int chunk = 1 + random.nextInt(37);
      for (int k = 0; k < chunk && pos[c] < x.length; k++, pos[c]++) {
        got[c][pos[c]] = chunked.step(c, x[pos[c]]);
      }
    }
    for (int c = 0; c < 3; c++) {
      assertThat(got[c]).containsExactly(expected);
    }
    chunked.reset();
    assertThat(chunked.step(1, x[0])).isEqualTo(expected[0]);
  }

  @Test
  void lowPassHasUnitDcGainAndHalfPowerAtCutoff() {
    SecondOrderSections sos = ButterworthDesign.lowPass(4, 3.0, 10.0);
    assertThat(sos.dcGain()).isCloseTo(1.0, within(1e-12));
    assertThat(powerGain(sos, 3.0, 10.0)).isCloseTo(0.5, within(1e-12));
    assertThat(powerGain(ButterworthDesign.bandPass(2, 20, 90, 200), 20, 200))
        .isCloseTo(0.5, within(1e-12));
    assertThat(powerGain(ButterworthDesign.highPass(3, 20, 200), 20, 200))
        .isCloseTo(0.5, within(1e-12));
    assertThat(sos.sectionCount()).isEqualTo(2);
    assertThat(ButterworthDesign.lowPass(5, 3.0, 10.0).sectionCount()).isEqualTo(3);
  }

  @Test
  void refusesCutoffAboveNyquist() {
    assertThatThrownBy(() -> ButterworthDesign.lowPass(4, 5.0, 10.0))
        .hasMessageContaining("Nyquist (5.0 Hz)");
    assertThatThrownBy(() -> ButterworthDesign.bandPass(2, 30, 20, 200))
        .hasMessageContaining("low < high");
  }

  /** |H(e^{jw})|^2 at a frequency. */
  private static double powerGain(SecondOrderSections sos, double hz, double fs) {
    org.apache.commons.math3.complex.Complex zInv =
        new org.apache.commons.math3.complex.Complex(0, -2 * Math.PI * hz / fs).exp();
    org.apache.commons.math3.complex.Complex h = org.apache.commons.math3.complex.Complex.ONE;
    for (int s = 0; s < sos.sectionCount(); s++) {
      org.apache.commons.math3.complex.Complex num = zInv.multiply(zInv)
          .multiply(sos.coefficient(s, 2)).add(zInv.multiply(sos.coefficient(s, 1)))
          .add(sos.coefficient(s, 0));
      org.apache.commons.math3.complex.Complex den = zInv.multiply(zInv)
          .multiply(sos.coefficient(s, 5)).add(zInv.multiply(sos.coefficient(s, 4)))
          .add(sos.coefficient(s, 3));
      h = h.multiply(num.divide(den));
    }
    return h.abs() * h.abs();
  }

  private static void assertClose(double[] actual, double[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("coefficient %d", i)
          .isCloseTo(expected[i], within(TOLERANCE * Math.max(scale, 1e-300)));
    }
  }
}
