package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearResamplerTest {
  record Point(double t, double v0, double v1) {}

  @Test
  void interpolatesAJitteryRampExactlyOntoTheGrid() {
    LinearResampler r = new LinearResampler(2, 10.0, 0.5);
    List<Point> out = new ArrayList<>();
    Random random = new Random(1);
    double t = 5.0;
    for (int i = 0; i < 200; i++) {
      r.step(t, new double[] {2 * t + 1, -t}, (tt, v) -> out.add(new Point(tt, v[0], v[1])));
      t += 0.02 + 0.06 * random.nextDouble();
    }
    assertThat(out).hasSizeGreaterThan(50);
    for (int k = 0; k < out.size(); k++) {
      Point p = out.get(k);
      assertThat(p.t()).isCloseTo(5.0 + k * 0.1, within(1e-9));
      assertThat(p.v0()).isCloseTo(2 * p.t() + 1, within(1e-9));
      assertThat(p.v1()).isCloseTo(-p.t(), within(1e-9));
    }
  }

  @Test
  void gapRestartsTheGridAndOutOfOrderIsCounted() {
    LinearResampler r = new LinearResampler(1, 10.0, 0.5);
    List<Double> times = new ArrayList<>();
    LinearResampler.Sink sink = (t, v) -> times.add(t);
    assertThat(r.step(0.0, new double[] {0}, sink)).isFalse();
    r.step(0.1, new double[] {1}, sink);
    r.step(0.05, new double[] {1}, sink);
    assertThat(r.step(2.03, new double[] {1}, sink)).isTrue();
    r.step(2.13, new double[] {1}, sink);
    assertThat(times).containsExactly(0.0, 0.1, 2.03, 2.13);
    assertThat(r.gaps()).isEqualTo(1);
    assertThat(r.outOfOrderSamples()).isEqualTo(1);
  }

  @Test
  void upsamplesAndDownsamples() {
    LinearResampler up = new LinearResampler(1, 50.0, 1.0);
    List<Double> values = new ArrayList<>();
    up.step(0, new double[] {0}, (t, v) -> values.add(v[0]));
    up.step(0.1, new double[] {10}, (t, v) -> values.add(v[0]));
    assertThat(values).hasSize(6);
    assertThat(values.get(3)).isCloseTo(6.0, within(1e-9));
    LinearResampler down = new LinearResampler(1, 10.0, 1.0);
    int[] n = new int[1];
    for (int i = 0; i <= 100; i++) {
      down.step(i * 0.02, new double[] {i}, (t, v) -> n[0]++);
    }
    assertThat(n[0]).isEqualTo(21);
  }
}
