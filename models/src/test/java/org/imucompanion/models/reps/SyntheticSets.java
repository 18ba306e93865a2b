package org.imucompanion.models.reps;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;

/**
 * Generates pipeline-rate sample streams with a known number of repetitions: the limb's gravity
 * direction swings from a home posture about a random axis and back once per repetition, with
 * the tempo, amplitude, noise and pauses a test asks for. Linear acceleration and angular rate
 * are derived roughly (they only need to be plausible, the default profiles count on gravity).
 */
final class SyntheticSets {
  /** The pipeline's default output layout: gravity, linear acceleration, angular rate. */
  static final ChannelLayout LAYOUT = ChannelLayout.of(Channels.DEFAULT_MODEL_INPUTS);
  static final double RATE_HZ = 10.0;

  final List<Double> times = new ArrayList<>();
  final List<double[]> samples = new ArrayList<>();
  final List<String> labels = new ArrayList<>();
  final List<Double> restProbabilities = new ArrayList<>();
  final List<Double> repetitionEnds = new ArrayList<>();
  private final Random random;
  private final double noise;
  private final double[] home;
  private final double[] rotationAxis;
  private double t;
  private double restProbability = Double.NaN;

  SyntheticSets(long seed, double noiseG) {
    random = new Random(seed);
    noise = noiseG;
    home = unit(new double[] {gauss(), gauss(), gauss()});
    double[] a = unit(new double[] {gauss(), gauss(), gauss()});
    // The rotation axis must not be the gravity direction itself, or nothing moves.
    double dot = a[0] * home[0] + a[1] * home[1] + a[2] * home[2];
    for (int k = 0; k < 3; k++) {
      a[k] -= dot * home[k];
    }
    rotationAxis = unit(a);
  }

  /**
   * Sets the classifier's rest probability that goes with the samples added from now on.
   *
   * @param p the probability, or NaN for none
   */
  SyntheticSets classifierRest(double p) {
    restProbability = p;
    return this;
  }

  /** Holds the home posture for some seconds under a label. */
  SyntheticSets rest(double seconds, String label) {
    int n = (int) Math.round(seconds * RATE_HZ);
    for (int i = 0; i < n; i++) {
      add(0, 0, label);
    }
    return this;
  }

  /**
   * One repetition: away from home by {@code amplitudeRad} and back, in {@code periodSeconds}.
   */
  SyntheticSets repetition(double periodSeconds, double amplitudeRad, String label) {
    int n = (int) Math.round(periodSeconds * RATE_HZ);
    for (int i = 1; i <= n; i++) {
      double phase = (double) i / n;
      double angle = amplitudeRad * (1 - Math.cos(2 * Math.PI * phase)) / 2;
      double rate = amplitudeRad * Math.PI / periodSeconds * Math.sin(2 * Math.PI * phase);
      add(angle, rate, label);
    }
    repetitionEnds.add(t - 1 / RATE_HZ);
    return this;
  }

  private void add(double angle, double rate, String label) {
    double[] g = rotate(home, rotationAxis, angle);
    double[] v = new double[LAYOUT.size()];
    for (int k = 0; k < 3; k++) {
      v[k] = g[k] + noise * gauss();
      v[3 + k] = 0.3 * rate * rotationAxis[(k + 1) % 3] + noise * gauss();
      v[6 + k] = rate * rotationAxis[k] + 3 * noise * gauss();
    }
    times.add(t);
    samples.add(v);
    labels.add(label);
    restProbabilities.add(restProbability);
    t += 1 / RATE_HZ;
  }

  double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  double time() {
    return t;
  }

  double[] timeArray() {
    return times.stream().mapToDouble(Double::doubleValue).toArray();
  }

  double[][] sampleArray() {
    return samples.toArray(new double[0][]);
  }

  String[] labelArray() {
    return labels.toArray(new String[0]);
  }

  double[] restArray() {
    return restProbabilities.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Runs a fresh default counter over the whole stream, with the classifier's rest probability. */
  List<RepEvent> count() {
    return count(RepCounter.Settings.defaults());
  }

  /** Runs a fresh counter with these settings over the whole stream. */
  List<RepEvent> count(RepCounter.Settings settings) {
    RepCounter c = new RepCounter(LAYOUT, RATE_HZ, RepProfiles.defaults(), settings);
    List<RepEvent> out = new ArrayList<>();
    c.feed(timeArray(), sampleArray(), labelArray(), restArray(), 0, times.size(), out::add);
    return out;
  }

  private double gauss() {
    return random.nextGaussian();
  }

  private static double[] unit(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return new double[] {v[0] / n, v[1] / n, v[2] / n};
  }

  /** Rodrigues' rotation of v about unit axis k by angle. */
  private static double[] rotate(double[] v, double[] k, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double dot = k[0] * v[0] + k[1] * v[1] + k[2] * v[2];
    double[] cross = {k[1] * v[2] - k[2] * v[1], k[2] * v[0] - k[0] * v[2],
        k[0] * v[1] - k[1] * v[0]};
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = v[i] * c + cross[i] * s + k[i] * dot * (1 - c);
    }
    return r;
  }
}
