package org.imucompanion.models.reps;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.imucompanion.models.ChannelLayout;

/**
 * Counts repetitions online, one pipeline sample at a time, under the live exercise label.
 *
 * <p>Method: the exercise's {@link RepProfile#signal()} channels (the limb's gravity direction
 * by default) are kept over the last {@link RepProfile#maxPeriodSeconds()}; their dominant axis
 * (running principal component of that window) is where the repetition moves, so projecting on
 * it turns any exercise and any sensor mounting into one scalar that swings once per repetition.
 * Once the window's range exceeds {@link RepProfile#minAmplitude()}, a hysteresis on that range
 * turns the scalar into "away" and "home" states. A set starts at rest posture, so the first end
 * of the range reached ({@link RepProfile#hysteresis()} of the range from it) is "away" and the
 * other side is home; from then on, passing the middle of the range leaves home and coming
 * within the hysteresis band of the home end returns. Every return home completes a
 * repetition, provided the excursion lasted no longer than the slowest tempo and at least
 * {@link Settings#minExcursionShare()} of the fastest, and the previous repetition is at least
 * the fastest tempo ago.
 *
 * <p>Labels: a label without a profile (rest, the pause between repetitions, anything unknown)
 * is never counted under. A repetition may still complete within {@link Settings#tailSeconds()}
 * after its exercise's label ended, because a true label changes at the end of the motion while
 * the filtered signal lags it. A non-exercise label held longer than {@link
 * Settings#restSeconds()} ends the set; the next exercise label starts a new one, and so does a
 * label naming another exercise, with a fresh detector, so a label change never completes a
 * repetition.
 *
 * <p>One instance per stream; not thread-safe; no allocation per sample (an event is allocated
 * per repetition). {@link #reset()} forgets the stream.
 */
public final class RepCounter {
  /**
   * Stream-level settings.
   *
   * @param tailSeconds how long after its exercise label ended a repetition may still complete
   * @param restSeconds how long a non-exercise label must last to end the set; longer than the
   *     pause between two repetitions (up to 3 s in the Exermote recordings)
   * @param minExcursionShare shortest excursion from home that can be a repetition, as a share
   *     of the profile's fastest period: a repetition at the fastest tempo spends about half its
   *     period past the middle, while a wobble before a set or a jolt at landing passes through
   *     in a fraction of that
   */
  public record Settings(double tailSeconds, double restSeconds, double minExcursionShare) {
    /** Validates. */
    public Settings {
      if (!(tailSeconds >= 0) || !(restSeconds > tailSeconds) || Double.isInfinite(restSeconds)) {
        throw new IllegalArgumentException(
            "need 0 <= tail < rest, got " + tailSeconds + ", " + restSeconds);
      }
      if (!(minExcursionShare >= 0 && minExcursionShare < 1)) {
        throw new IllegalArgumentException(
            "min excursion share must be in [0, 1): " + minExcursionShare);
      }
    }

    /**
     * Defaults: a 1 s tail, 4 s of rest to end a set, excursions of at least 0.4 of the
     * fastest period. The last was chosen on Exermote data; {@link
     * RepEvaluation#leaveOneSubjectOut} re-chooses it without the subject it reports.
     *
     * @return the settings
     */
    public static Settings defaults() {
      return new Settings(1.0, 4.0, 0.4);
    }

    /**
     * A copy with another minimum excursion share.
     *
     * @param share the share of the fastest period
     * @return the copy
     */
    public Settings withMinExcursionShare(double share) {
      return new Settings(tailSeconds, restSeconds, share);
    }
  }

  /**
   * Total variance of the signal window, as a share of the squared amplitude floor, below which
   * the window counts as still (a sinusoid of the floor's peak-to-peak has 1/8 of it).
   */
  static final double STILL_SHARE = 1.0 / 16;

  private static final int UNKNOWN = 0;
  private static final int HIGH = 1;
  private static final int LOW = -1;

  /** A profile resolved against the input layout and rate. */
  private static final class Prepared {
    final RepProfile profile;
    final int[] signal;
    final int window;

    Prepared(RepProfile profile, ChannelLayout layout, double rateHz) {
      this.profile = profile;
      this.signal = profile.signal().stream().mapToInt(layout::require).toArray();
      this.window = Math.max(3, (int) Math.ceil(profile.maxPeriodSeconds() * rateHz));
    }
  }

  private final Settings settings;
  private final Map<String, Prepared> prepared = new HashMap<>();
  private final double[] ring;
  private final double[] mean;
  private final double[] cov;
  private final DominantAxis axis;

  private Prepared current;
  private int dim;
  private int head;
  private int filled;
  private double lastExerciseTime;
  private int state;
  private int away;
  private double awaySince;
  private boolean haveRep;
  private double lastRepTime;
  private double lastPeriod;
  private int repsInSet;
  private int setNumber;
  private int setsWithReps;
  private double lastRange;
  private double lastTrace;

  /**
   * A counter for one stream.
   *
   * @param layout the channels of the values passed to {@link #step} (the pipeline's output
   *     layout)
   * @param sampleRateHz their rate (the pipeline's target rate)
   * @param profiles the exercises to count; every profile's signal must be in the layout
   * @param settings stream-level settings
   * @throws IllegalArgumentException naming a profile whose signal channel the layout lacks
   */
  public RepCounter(ChannelLayout layout, double sampleRateHz, RepProfiles profiles,
      Settings settings) {
    Objects.requireNonNull(layout, "layout");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRateHz);
    }
    int maxDim = 1;
    int maxWindow = 1;
    for (RepProfile p : profiles.profiles()) {
      if (!layout.containsAll(p.signal())) {
        throw new IllegalArgumentException("cannot count " + p.exercise() + ": its signal "
            + p.signal() + " is not in the stream's channels " + layout);
      }
      Prepared q = new Prepared(p, layout, sampleRateHz);
      prepared.put(p.exercise(), q);
      maxDim = Math.max(maxDim, q.signal.length);
      maxWindow = Math.max(maxWindow, q.window);
    }
    ring = new double[maxWindow * maxDim];
    mean = new double[maxDim];
    cov = new double[maxDim * maxDim];
    axis = new DominantAxis(maxDim);
  }

  /**
   * Feeds one sample.
   *
   * @param timeSeconds its time, increasing
   * @param values one value per layout channel (read, not kept)
   * @param label the live label (an exercise in the profile table, or anything else for rest)
   * @return the repetition this sample completed, if any
   */
  public Optional<RepEvent> step(double timeSeconds, double[] values, String label) {
    Prepared p = label == null ? null : prepared.get(label);
    if (p != null) {
      if (p != current) {
        startSet(p);
      }
      lastExerciseTime = timeSeconds;
    } else if (current != null && timeSeconds - lastExerciseTime > settings.restSeconds()) {
      current = null;
    }
    if (current == null) {
      return Optional.empty();
    }
    int next = track(values);
    if (next == UNKNOWN || next == state) {
      return Optional.empty();
    }
    int previous = state;
    state = next;
    if (previous == UNKNOWN) {
      away = next;
      awaySince = timeSeconds;
      return Optional.empty();
    }
    if (next == away) {
      awaySince = timeSeconds;
      return Optional.empty();
    }
    return completeRepetition(timeSeconds, p == current);
  }

  /**
   * Feeds a block of samples (as a chunk of a live stream arrives); identical to calling {@link
   * #step} for each.
   *
   * @param timesSeconds sample times
   * @param samples one value array per sample
   * @param labels one live label per sample
   * @param from first index
   * @param to index after the last
   * @param sink receives each repetition as it completes
   */
  public void feed(double[] timesSeconds, double[][] samples, String[] labels, int from, int to,
      Consumer<RepEvent> sink) {
    for (int i = from; i < to; i++) {
      step(timesSeconds[i], samples[i], labels[i]).ifPresent(sink);
    }
  }

  private void startSet(Prepared p) {
    current = p;
    dim = p.signal.length;
    head = 0;
    filled = 0;
    state = UNKNOWN;
    haveRep = false;
    lastPeriod = 0;
    repsInSet = 0;
    axis.reset(dim);
  }

  /** Adds the sample to the window and returns the hysteresis level it is at, or UNKNOWN. */
  private int track(double[] values) {
    Prepared p = current;
    int d = dim;
    int base = head * d;
    for (int k = 0; k < d; k++) {
      ring[base + k] = values[p.signal[k]];
    }
    head = (head + 1) % p.window;
    if (filled < p.window) {
      filled++;
    }
    if (filled < 3) {
      return UNKNOWN;
    }
    for (int k = 0; k < d; k++) {
      mean[k] = 0;
    }
    for (int i = 0; i < filled; i++) {
      for (int k = 0; k < d; k++) {
        mean[k] += ring[i * d + k];
      }
    }
    for (int k = 0; k < d; k++) {
      mean[k] /= filled;
    }
    for (int a = 0; a < d * d; a++) {
      cov[a] = 0;
    }
    for (int i = 0; i < filled; i++) {
      for (int a = 0; a < d; a++) {
        double da = ring[i * d + a] - mean[a];
        for (int b = a; b < d; b++) {
          cov[a * d + b] += da * (ring[i * d + b] - mean[b]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a * d + b] /= filled;
        cov[b * d + a] = cov[a * d + b];
      }
    }
    double trace = 0;
    for (int k = 0; k < d; k++) {
      trace += cov[k * d + k];
    }
    // In a still window the principal axis is the noise's, pointing anywhere: re-estimating it
    // there would lose the sign that tells home from away. Keep the axis until things move.
    double stillVariance = STILL_SHARE * p.profile.minAmplitude() * p.profile.minAmplitude();
    if (trace >= stillVariance || !axis.known()) {
      if (!axis.update(cov)) {
        return UNKNOWN;
      }
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < filled; i++) {
      double s = project(i);
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    double range = max - min;
    lastRange = range;
    lastTrace = trace;
    if (!(range >= p.profile.minAmplitude())) {
      return state;
    }
    double s = project((head - 1 + p.window) % p.window);
    double band = p.profile.hysteresis() * range;
    if (state == UNKNOWN) {
      // Which side is home is not known yet: wait for either end.
      return s >= max - band ? HIGH : s <= min + band ? LOW : UNKNOWN;
    }
    // Home is the side opposite the first excursion. Leaving home needs half the window's
    // range, coming back needs the home band: a repetition shallower than the deepest one
    // still in the window counts as long as it gets past the middle.
    double mid = min + range / 2;
    if (away == HIGH) {
      return s >= mid ? HIGH : s <= min + band ? LOW : state;
    }
    return s <= mid ? LOW : s >= max - band ? HIGH : state;
  }

  private double project(int slot) {
    double s = 0;
    for (int k = 0; k < dim; k++) {
      s += (ring[slot * dim + k] - mean[k]) * axis.component(k);
    }
    return s;
  }

  private Optional<RepEvent> completeRepetition(double t, boolean exerciseLabelNow) {
    RepProfile profile = current.profile;
    boolean countable = exerciseLabelNow || t - lastExerciseTime <= settings.tailSeconds();
    double excursion = t - awaySince;
    boolean plausibleExcursion = excursion <= profile.maxPeriodSeconds()
        && excursion >= settings.minExcursionShare() * profile.minPeriodSeconds();
    boolean notTooSoon = !haveRep || t - lastRepTime >= profile.minPeriodSeconds();
    if (!(countable && plausibleExcursion && notTooSoon)) {
      return Optional.empty();
    }
    double period = haveRep ? t - lastRepTime : 0;
    double confidence = confidence(profile, period);
    if (repsInSet == 0) {
      setNumber = ++setsWithReps;
    }
    repsInSet++;
    haveRep = true;
    lastRepTime = t;
    lastPeriod = period;
    return Optional.of(new RepEvent(t, profile.exercise(), setNumber, repsInSet, confidence));
  }

  /**
   * How clearly this was one repetition: the share of the window's variance on the axis (one
   * direction of motion, not a tumble), the range relative to the amplitude floor, and how
   * well the period matches the previous one.
   */
  private double confidence(RepProfile profile, double period) {
    double axisShare = lastTrace > 0 ? Math.min(1, axis.eigenvalue() / lastTrace) : 0;
    double amplitude = Math.min(1, lastRange / (2 * profile.minAmplitude()));
    double tempo = 1;
    if (period > 0 && lastPeriod > 0) {
      tempo = Math.min(period, lastPeriod) / Math.max(period, lastPeriod);
    }
    double c = (axisShare + amplitude + tempo) / 3;
    return Math.max(0, Math.min(1, c));
  }

  /** Forgets the stream: the current set, the signal window and the set numbering. */
  public void reset() {
    current = null;
    setsWithReps = 0;
    setNumber = 0;
    repsInSet = 0;
    haveRep = false;
    state = UNKNOWN;
  }

  /**
   * The exercise of the set in progress.
   *
   * @return its name, or empty at rest
   */
  public Optional<String> currentExercise() {
    return current == null ? Optional.empty() : Optional.of(current.profile.exercise());
  }

  /**
   * Repetitions counted in the set in progress (or the last one, at rest).
   *
   * @return the count
   */
  public int repetitionsInSet() {
    return repsInSet;
  }
}
