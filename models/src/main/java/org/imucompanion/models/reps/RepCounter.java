package org.imucompanion.models.reps;

import java.util.ArrayDeque;
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
 * {@link Settings#minExcursionShare()} of the fastest, reached {@link Settings#minDepthShare()}
 * of the range toward its far end, and the previous repetition is at least the fastest tempo
 * ago.
 *
 * <p>Labels: a label without a profile (rest, the pause between repetitions, anything unknown)
 * is never counted under. A repetition may still complete within {@link Settings#tailSeconds()}
 * after its exercise's label ended, because a true label changes at the end of the motion while
 * the filtered signal lags it. A non-exercise label held longer than {@link
 * Settings#restSeconds()} ends the set; the next exercise label starts a new one, and so does a
 * label naming another exercise, with a fresh detector, so a label change never completes a
 * repetition. A repetition that completes later under a non-exercise label, while the set is
 * still open, is held: it counts (late, with its own time) if the label comes back to the set's
 * exercise before the set ends, and is dropped if the set ends. A label that calls the pause
 * between two repetitions rest (the classifier's, or a recording's own {@code Break}) then
 * loses no repetition that completes in the pause; moving about after a set, under a label that
 * stays rest, still counts nothing. At most one repetition is held per pause: a second under the
 * same rest label would be a repetition without a pause, which the label would not call rest.
 *
 * <p>A classifier's smoothed label lags the movement both ways: it settles about a second after
 * a set starts, and it holds the exercise for seconds after the set ends (so that a pause
 * between repetitions does not flicker to rest). Two rules make up for it:
 *
 * <ul>
 *   <li><b>Rest posterior.</b> Given the classifier's momentary probability of rest ({@link
 *       #step(double, double[], String, double)}), a repetition counts only if that probability
 *       falls to {@link Settings#maxRestProbability()} or lower at least once during the
 *       repetition's excursion from home: moving about after a set, under a label still held, is
 *       what the classifier itself calls rest throughout, while a repetition after a long pause
 *       starts with the pause still in the classifier's window (its mean would call it rest).
 *   <li><b>Retroactive start.</b> The last samples are kept (a bounded ring). When the label
 *       settles on an exercise after rest, they are replayed from the start of the current
 *       movement bout (the newest second in which the signal stayed within half the amplitude
 *       floor) into the fresh detector, and repetitions that completed at most {@link
 *       Settings#retroactiveSeconds()} before the label settled are emitted then, with their true
 *       completion times and {@link RepEvent#late()} set.
 *   <li><b>First-repetition confirmation.</b> A set has at least two repetitions, but a label
 *       that starts during rest or outlasts a set shows an exercise while someone stirs. With
 *       {@link Settings#confirmFirst()} (and a rest probability given), a set's first repetition
 *       is held until a second completes within the exercise's slowest repetition plus {@link
 *       Settings#confirmPauseSeconds()}, then both are emitted (the first late, with its own
 *       time); a lone one is dropped. A repetition the replay found too old to count confirms
 *       the next one as well. A lone one is still emitted, when the wait ends, if the classifier
 *       called the set's movement exercise for at least {@link Settings#releaseSeconds()}: a
 *       two-repetition set whose second the detector missed counts one, not nothing.
 * </ul>
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
   *     pause between two repetitions (up to 3 s in the Exermote recordings), plus what a
   *     classifier's label may call rest inside a set (a repetition it mistakes for rest)
   * @param minExcursionShare shortest excursion from home that can be a repetition, as a share
   *     of the profile's fastest period: a repetition at the fastest tempo spends about half its
   *     period past the middle, while a wobble before a set or a jolt at landing passes through
   *     in a fraction of that
   * @param minDepthShare how far toward the far end of the signal window's range an excursion
   *     must reach to be a repetition, as a share of that range (0: the middle is enough): the
   *     repetitions of a set are alike, so each reaches near the far end, while settling back to
   *     a resting posture after a set, under a label still held, passes the middle of the set's
   *     range but stops short of its end
   * @param maxRestProbability a repetition counts only if the classifier's rest probability fell
   *     to this or lower at least once during its excursion (1: the rest probability is
   *     ignored); applies only when the caller passes one
   * @param retroactiveSeconds how long before the label settled on an exercise a repetition may
   *     have completed and still be counted, late (0: none); about the label's own delay, so 0
   *     for a label without delay such as the recording's own
   * @param confirmFirst whether a set's first repetition is held until a second one of the same
   *     exercise completes, and dropped if none does (sets have at least two repetitions; a
   *     lone movement under an exercise label is someone stirring at rest); a confirmed first
   *     repetition is emitted late, with its own completion time, together with the second;
   *     applies only when the caller passes the classifier's rest probability (without it the
   *     label alone decides, as for a recording's own label); a repetition replayed by the
   *     retroactive start, too old to count, confirms the next one too
   * @param confirmPauseSeconds how much longer than the exercise's slowest repetition ({@link
   *     RepProfile#maxPeriodSeconds()}) the second may complete after the first: the pause
   *     between two repetitions
   * @param releaseSeconds a held first repetition that no second confirmed is still emitted
   *     (late, when the wait ends) if, by then, the classifier had called the set's movement
   *     exercise (rest less likely than not) under its label for at least this long; infinite:
   *     a lone one is always dropped. A two-repetition set whose second the detector missed then
   *     counts one, within one, where someone stirring under a label the classifier itself
   *     doubts counts nothing
   */
  public record Settings(double tailSeconds, double restSeconds, double minExcursionShare,
      double minDepthShare, double maxRestProbability, double retroactiveSeconds,
      boolean confirmFirst, double confirmPauseSeconds, double releaseSeconds) {
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
      if (!(minDepthShare >= 0 && minDepthShare <= 1)) {
        throw new IllegalArgumentException("min depth share must be in [0, 1]: " + minDepthShare);
      }
      if (!(maxRestProbability > 0 && maxRestProbability <= 1)) {
        throw new IllegalArgumentException(
            "max rest probability must be in (0, 1]: " + maxRestProbability);
      }
      if (!(retroactiveSeconds >= 0) || Double.isInfinite(retroactiveSeconds)) {
        throw new IllegalArgumentException(
            "retroactive seconds must be >= 0: " + retroactiveSeconds);
      }
      if (!(confirmPauseSeconds >= 0) || Double.isInfinite(confirmPauseSeconds)) {
        throw new IllegalArgumentException(
            "confirm pause seconds must be >= 0: " + confirmPauseSeconds);
      }
      if (!(releaseSeconds >= 0)) {
        throw new IllegalArgumentException("release seconds must be >= 0: " + releaseSeconds);
      }
    }

    /**
     * Defaults: a 1 s tail, {@value #DEFAULT_REST_SECONDS} s of rest to end a set, excursions of
     * at least 0.4 of the fastest period reaching {@value #DEFAULT_MIN_DEPTH_SHARE} of the range,
     * repetitions whose excursion the classifier never rates at most {@value
     * #DEFAULT_MAX_REST_PROBABILITY} rest not counted, repetitions completed up to {@value
     * #DEFAULT_RETROACTIVE_SECONDS} s before the label settled counted late, and a set's first
     * repetition confirmed by a second within the slowest repetition plus {@value
     * #DEFAULT_CONFIRM_PAUSE_SECONDS} s, or released unconfirmed after {@value
     * #DEFAULT_RELEASE_SECONDS} s of the classifier calling the set exercise. The excursion share
     * was chosen on Exermote data ({@link RepEvaluation#leaveOneSubjectOut} re-chooses it without
     * the subject it reports); the model card says how the others were chosen.
     *
     * @return the settings
     */
    public static Settings defaults() {
      return new Settings(1.0, DEFAULT_REST_SECONDS, 0.4, DEFAULT_MIN_DEPTH_SHARE,
          DEFAULT_MAX_REST_PROBABILITY, DEFAULT_RETROACTIVE_SECONDS, true,
          DEFAULT_CONFIRM_PAUSE_SECONDS, DEFAULT_RELEASE_SECONDS);
    }

    /**
     * A copy for a label without delay or false sets, such as a recording's own: no retroactive
     * start and no first-repetition confirmation, both of which make up for a classifier's label.
     *
     * @return the copy
     */
    public Settings forTrueLabel() {
      return withRetroactiveSeconds(0).withConfirmFirst(false, confirmPauseSeconds);
    }

    /**
     * A copy with another minimum excursion share.
     *
     * @param share the share of the fastest period
     * @return the copy
     */
    public Settings withMinExcursionShare(double share) {
      return new Settings(tailSeconds, restSeconds, share, minDepthShare, maxRestProbability,
          retroactiveSeconds, confirmFirst, confirmPauseSeconds, releaseSeconds);
    }

    /**
     * A copy with another minimum depth.
     *
     * @param share how far toward the far end of the range an excursion must reach (0 to 1)
     * @return the copy
     */
    public Settings withMinDepthShare(double share) {
      return new Settings(tailSeconds, restSeconds, minExcursionShare, share, maxRestProbability,
          retroactiveSeconds, confirmFirst, confirmPauseSeconds, releaseSeconds);
    }

    /**
     * A copy with another rest-probability limit.
     *
     * @param probability the rest probability a repetition's excursion must fall to at least once
     *     (1: ignore)
     * @return the copy
     */
    public Settings withMaxRestProbability(double probability) {
      return new Settings(tailSeconds, restSeconds, minExcursionShare, minDepthShare, probability,
          retroactiveSeconds, confirmFirst, confirmPauseSeconds, releaseSeconds);
    }

    /**
     * A copy with another retroactive start.
     *
     * @param seconds how long before the label settled a repetition may have completed (0: off)
     * @return the copy
     */
    public Settings withRetroactiveSeconds(double seconds) {
      return new Settings(tailSeconds, restSeconds, minExcursionShare, minDepthShare,
          maxRestProbability, seconds, confirmFirst, confirmPauseSeconds, releaseSeconds);
    }

    /**
     * A copy with first-repetition confirmation switched on or off.
     *
     * @param on whether a set's first repetition waits for its second
     * @param pauseSeconds how much longer than the exercise's slowest repetition the second may
     *     take to complete after the first (the pause between repetitions)
     * @return the copy
     */
    public Settings withConfirmFirst(boolean on, double pauseSeconds) {
      return new Settings(tailSeconds, restSeconds, minExcursionShare, minDepthShare,
          maxRestProbability, retroactiveSeconds, on, pauseSeconds, releaseSeconds);
    }

    /**
     * A copy with another release of unconfirmed first repetitions.
     *
     * @param seconds how long the classifier must have called the set exercise for a held first
     *     repetition to be emitted unconfirmed (infinite: never)
     * @return the copy
     */
    public Settings withReleaseSeconds(double seconds) {
      return new Settings(tailSeconds, restSeconds, minExcursionShare, minDepthShare,
          maxRestProbability, retroactiveSeconds, confirmFirst, confirmPauseSeconds, seconds);
    }
  }

  /**
   * {@link Settings#defaults()}'s minimum depth. In the Exermote recordings 99 % of the
   * repetitions counted inside sets reach 0.93 of the range or more, while a quarter of those
   * counted in the rest after a set stop below 0.86, and 99 % of consecutive real repetitions are
   * within 15 % of each other in amplitude. 0.8 keeps most of the gain of 0.85 to 0.9 on these
   * recordings and leaves room for a set that tires (see the model card).
   */
  public static final double DEFAULT_MIN_DEPTH_SHARE = 0.8;
  /**
   * {@link Settings#defaults()}'s rest before a set ends. The counter counts under a label that
   * turns to rest after {@value CountingLabel#REST_SECONDS} s ({@link CountingLabel}), so within a
   * set it shows rest in the pauses and, now and then, for a repetition the classifier mistakes
   * for rest: the shipped model does that for the virtual athlete's slow sit-ups, up to 6.4 s of
   * rest label inside a set, and with 4 s the set ended there and lost two repetitions. On the
   * Exermote recordings a shorter wait counts slightly better (model card).
   */
  public static final double DEFAULT_REST_SECONDS = 7.0;
  /** {@link Settings#defaults()}'s rest-probability limit. */
  public static final double DEFAULT_MAX_REST_PROBABILITY = 0.3;
  /** {@link Settings#defaults()}'s retroactive start. */
  public static final double DEFAULT_RETROACTIVE_SECONDS = 1.5;
  /** {@link Settings#defaults()}'s pause allowance for confirming a set's first repetition. */
  public static final double DEFAULT_CONFIRM_PAUSE_SECONDS = 8.0;
  /**
   * {@link Settings#defaults()}'s release of an unconfirmed first repetition: one window of the
   * shipped models (4 s), the classifier calling the movement exercise on a whole window of it.
   */
  public static final double DEFAULT_RELEASE_SECONDS = 4.0;

  /**
   * Total variance of the signal window, as a share of the squared amplitude floor, below which
   * the window counts as still (a sinusoid of the floor's peak-to-peak has 1/8 of it).
   */
  static final double STILL_SHARE = 1.0 / 16;

  /**
   * A movement bout starts after a second in which every signal channel spans less than this
   * share of the amplitude floor: half the smallest repetition, above sensor noise and the
   * sway of someone standing ready. Set with the other two rules' settings (see the model card).
   */
  static final double BOUT_STILL_SHARE = 0.5;
  static final double BOUT_STILL_SECONDS = 1.0;

  /**
   * Rest probability below which the classifier counts as calling the movement exercise, for
   * {@link Settings#releaseSeconds()}: rest less likely than not.
   */
  static final double SURE_REST_PROBABILITY = 0.5;

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
  private final int channels;
  private final int stillSamples;
  private final double[] historyTimes;
  private final double[] historyValues;
  private final double[] historyRest;
  private int historyHead;
  private int historyFilled;
  private final ArrayDeque<RepEvent> pending = new ArrayDeque<>();
  /** Replaying samples too old to count: the detector learns home from them, nothing counts. */
  private boolean replaying;
  private int restCount;
  private double restMin = Double.POSITIVE_INFINITY;
  /** Seconds of the set so far in which the classifier did not call the movement rest. */
  private double sureSeconds;
  private double lastStepTime = Double.NaN;
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
  /** How far toward the far end of the range the current excursion has reached (0 to 1). */
  private double depth;
  private boolean haveRep;
  private double lastRepTime;
  private double lastPeriod;
  private int repsInSet;
  private int setNumber;
  private int setsWithReps;
  private double lastRange;
  private double lastTrace;
  /** A set's first repetition, waiting for the second to confirm it. */
  private boolean holding;
  private double heldTime;
  private double heldConfidence;
  /** When a repetition too old to count completed in the replay (NaN: none this set). */
  private double uncountedTime = Double.NaN;
  /**
   * A repetition that completed while the label called a pause within the set rest (NaN: none),
   * counted if the label returns to the set's exercise before the set ends.
   */
  private double deferredTime = Double.NaN;
  private double deferredConfidence;
  private boolean deferredByClassifier;

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
    channels = layout.size();
    stillSamples = Math.max(2, (int) Math.round(BOUT_STILL_SECONDS * sampleRateHz));
    // The replay needs the slowest repetition plus the still stretch before it.
    int history = maxWindow + stillSamples;
    historyTimes = new double[history];
    historyValues = new double[history * channels];
    historyRest = new double[history];
  }

  /**
   * Feeds one sample without a rest probability (the label alone decides, as when it is the
   * truth).
   *
   * @param timeSeconds its time, increasing
   * @param values one value per layout channel (read, not kept)
   * @param label the live label (an exercise in the profile table, or anything else for rest)
   * @return the repetition this sample completed, if any, or one completed earlier and not yet
   *     returned (see {@link #step(double, double[], String, double)})
   */
  public Optional<RepEvent> step(double timeSeconds, double[] values, String label) {
    return step(timeSeconds, values, label, Double.NaN);
  }

  /**
   * Feeds one sample.
   *
   * <p>Usually at most one repetition completes per sample. When the label settles on an
   * exercise and the retroactive start replays the movement before it, several may complete at
   * once: this returns the first and keeps the others for the next calls ({@link #feed} passes
   * all of them at once).
   *
   * @param timeSeconds its time, increasing
   * @param values one value per layout channel (read, not kept)
   * @param label the live label, smoothed (an exercise in the profile table, or anything else
   *     for rest)
   * @param restProbability the classifier's probability of rest for its newest window, before
   *     smoothing, in [0, 1]; NaN if there is none
   * @return the repetition this sample completed, if any, or one completed earlier and not yet
   *     returned
   */
  public Optional<RepEvent> step(double timeSeconds, double[] values, String label,
      double restProbability) {
    remember(timeSeconds, values, restProbability);
    Prepared p = label == null ? null : prepared.get(label);
    boolean replayed = false;
    double dt = Double.isNaN(lastStepTime) ? 0 : timeSeconds - lastStepTime;
    lastStepTime = timeSeconds;
    if (current != null && p == current && restProbability < SURE_REST_PROBABILITY) {
      sureSeconds += dt;
    }
    if (holding && ((p != null && p != current) || timeSeconds - heldTime
        > current.profile.maxPeriodSeconds() + settings.confirmPauseSeconds())) {
      releaseHeld(timeSeconds);
    }
    if (p != null && p == current && !Double.isNaN(deferredTime)) {
      double t = deferredTime;
      deferredTime = Double.NaN;
      count(t, deferredConfidence, deferredByClassifier, timeSeconds);
    }
    if (p != null) {
      if (p != current) {
        // Before its first repetition a set is the label still settling (it often names
        // another exercise for a second or two): replay then too.
        boolean settling = current == null || repsInSet == 0;
        startSet(p);
        if (settling && settings.retroactiveSeconds() > 0) {
          replayed = replay(timeSeconds);
        }
      }
      lastExerciseTime = timeSeconds;
    } else if (current != null && timeSeconds - lastExerciseTime > settings.restSeconds()) {
      releaseHeld(timeSeconds);
      current = null;
      deferredTime = Double.NaN;
    }
    if (current != null && !replayed) {
      advance(timeSeconds, values, 0, restProbability, p == current, timeSeconds);
    }
    return Optional.ofNullable(pending.poll());
  }

  /**
   * Feeds a block of samples (as a chunk of a live stream arrives): {@link #step} for each,
   * passing every event as soon as it is known (several at once after a retroactive start).
   *
   * @param timesSeconds sample times
   * @param samples one value array per sample
   * @param labels one live label per sample
   * @param from first index
   * @param to index after the last
   * @param sink receives each repetition as soon as it is known
   */
  public void feed(double[] timesSeconds, double[][] samples, String[] labels, int from, int to,
      Consumer<RepEvent> sink) {
    for (int i = from; i < to; i++) {
      step(timesSeconds[i], samples[i], labels[i]).ifPresent(sink);
      drain(sink);
    }
  }

  /**
   * Feeds a block of samples with the classifier's rest probabilities; see {@link
   * #step(double, double[], String, double)}.
   *
   * @param timesSeconds sample times
   * @param samples one value array per sample
   * @param labels one live (smoothed) label per sample
   * @param restProbabilities one momentary rest probability per sample (NaN: none)
   * @param from first index
   * @param to index after the last
   * @param sink receives each repetition as soon as it is known
   */
  public void feed(double[] timesSeconds, double[][] samples, String[] labels,
      double[] restProbabilities, int from, int to, Consumer<RepEvent> sink) {
    for (int i = from; i < to; i++) {
      step(timesSeconds[i], samples[i], labels[i], restProbabilities[i]).ifPresent(sink);
      drain(sink);
    }
  }

  /**
   * A held first repetition that no second confirmed: emitted if the classifier called the set
   * an exercise (not rest) long enough, else dropped.
   */
  private void releaseHeld(double now) {
    if (!holding) {
      return;
    }
    holding = false;
    if (sureSeconds >= settings.releaseSeconds()) {
      setNumber = ++setsWithReps;
      repsInSet = 1;
      pending.add(new RepEvent(heldTime, current.profile.exercise(), setNumber, 1,
          heldConfidence, now));
    }
  }

  private void drain(Consumer<RepEvent> sink) {
    while (!pending.isEmpty()) {
      sink.accept(pending.poll());
    }
  }

  /** Adds the sample to the history the retroactive start replays. */
  private void remember(double t, double[] values, double restProbability) {
    int h = historyTimes.length;
    historyTimes[historyHead] = t;
    historyRest[historyHead] = restProbability;
    System.arraycopy(values, 0, historyValues, historyHead * channels, channels);
    historyHead = (historyHead + 1) % h;
    historyFilled = Math.min(h, historyFilled + 1);
  }

  /**
   * Replays the history from the start of the current movement bout into the fresh detector:
   * from the newest still second of the set's signal, so the replay starts at home. Without one
   * in the history (the movement began before it), nothing is replayed.
   *
   * @return whether the newest sample was replayed (so it must not be tracked again)
   */
  private boolean replay(double now) {
    int h = historyTimes.length;
    int n = historyFilled;
    int start = -1;
    // Age 0 is the newest sample. A still second ending now is no bout: start there instead.
    for (int end = 1; end + stillSamples <= n; end++) {
      if (stillBetween(end, end + stillSamples - 1)) {
        start = end + stillSamples - 1;
        break;
      }
    }
    if (start < 0) {
      return false;
    }
    for (int age = start; age >= 0; age--) {
      int slot = Math.floorMod(historyHead - 1 - age, h);
      double t = historyTimes[slot];
      // Repetitions completed too long before the label settled are not counted; the detector
      // still learns home and the signal's range from them.
      replaying = now - t > settings.retroactiveSeconds();
      advance(t, historyValues, slot * channels, historyRest[slot], true, now);
    }
    replaying = false;
    return true;
  }

  /** Whether the set's signal spans less than the bout threshold over these history ages. */
  private boolean stillBetween(int newestAge, int oldestAge) {
    int h = historyTimes.length;
    int[] signal = current.signal;
    double limit = BOUT_STILL_SHARE * current.profile.minAmplitude();
    for (int k = 0; k < signal.length; k++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int age = newestAge; age <= oldestAge; age++) {
        double v = historyValues[Math.floorMod(historyHead - 1 - age, h) * channels + signal[k]];
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (max - min >= limit) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the detector on one sample of the set's exercise.
   *
   * @param t the sample's time
   * @param src array holding the sample's layout values
   * @param offset where they start in it
   * @param restProbability the classifier's momentary rest probability (NaN: none)
   * @param exerciseLabelNow whether the label names the set's exercise at this sample
   * @param emittedAt when an event completed here is emitted
   */
  private void advance(double t, double[] src, int offset, double restProbability,
      boolean exerciseLabelNow, double emittedAt) {
    int next = track(src, offset);
    if (next != UNKNOWN && next != state) {
      int previous = state;
      state = next;
      if (previous == UNKNOWN || next == away) {
        away = next;
        awaySince = t;
        depth = 0;
        restCount = 0;
        restMin = Double.POSITIVE_INFINITY;
      } else {
        completeRepetition(t, exerciseLabelNow, emittedAt);
      }
    }
    if (!Double.isNaN(restProbability)) {
      restCount++;
      restMin = Math.min(restMin, restProbability);
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
    restCount = 0;
    restMin = Double.POSITIVE_INFINITY;
    sureSeconds = 0;
    holding = false;
    uncountedTime = Double.NaN;
    deferredTime = Double.NaN;
    axis.reset(dim);
  }

  /** Adds the sample to the window and returns the hysteresis level it is at, or UNKNOWN. */
  private int track(double[] src, int offset) {
    Prepared p = current;
    int d = dim;
    int base = head * d;
    for (int k = 0; k < d; k++) {
      ring[base + k] = src[offset + p.signal[k]];
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
      // Nothing has moved by the amplitude floor for a whole slowest repetition, so no
      // repetition is under way (a real one spans the floor within the window): an excursion
      // still open is abandoned, back home without counting. Otherwise noise over the last trace
      // of a repetition sliding out of the window, which can pass its shrunken middle, would
      // stay "away" through a long pause and make the next repetition's excursion too long.
      if (state != UNKNOWN && state == away) {
        state = -away;
      }
      return state;
    }
    // The window moves: this is the set's side of the line, kept through the next still spell.
    axis.holdSide();
    double s = project((head - 1 + p.window) % p.window);
    double band = p.profile.hysteresis() * range;
    if (state == UNKNOWN) {
      // Which side is home is not known yet: wait for either end.
      return s >= max - band ? HIGH : s <= min + band ? LOW : UNKNOWN;
    }
    // Home is the side opposite the first excursion. Leaving home needs half the window's
    // range, coming back needs the home band. How deep the excursion went is kept: a repetition
    // must reach near the far end (Settings.minDepthShare), so a movement much shallower than
    // the set's repetitions still in the window is not one.
    double mid = min + range / 2;
    depth = Math.max(depth, away == HIGH ? (s - min) / range : (max - s) / range);
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

  private void completeRepetition(double t, boolean exerciseLabelNow, double emittedAt) {
    RepProfile profile = current.profile;
    boolean labelled = exerciseLabelNow || t - lastExerciseTime <= settings.tailSeconds();
    // The least rest-like moment, not the mean: the classifier's newest window still holds the
    // pause before a repetition for most of its excursion, so a repetition after a long pause
    // averages as rest; moving about after a set is rest throughout. The first repetition of a
    // set is exempt: it is what made the label settle, and its excursion began while the
    // classifier's window still held the rest before it. The second, which confirms the first,
    // shares the exemption (repsInSet is still 0 while the first is held): a slow repetition (a
    // burpee) is still within the classifier's window of the rest before the set, and without it
    // a two-repetition set that the limit cuts to one would count nothing at all.
    boolean notRest = repsInSet == 0 || restCount == 0
        || restMin <= settings.maxRestProbability();
    double excursion = t - awaySince;
    boolean plausibleExcursion = excursion <= profile.maxPeriodSeconds()
        && excursion >= settings.minExcursionShare() * profile.minPeriodSeconds()
        && depth >= settings.minDepthShare();
    boolean notTooSoon = !haveRep || t - lastRepTime >= profile.minPeriodSeconds();
    if (replaying && plausibleExcursion) {
      // Too old to count, but a repetition all the same: it confirms the next one.
      uncountedTime = t;
    }
    if (replaying || !(notRest && plausibleExcursion && notTooSoon)) {
      return;
    }
    double confidence = confidence(profile, haveRep ? t - lastRepTime : 0);
    // Without the classifier's rest probability the label alone decides (as when it is the
    // truth, which names no false sets): nothing to confirm.
    boolean classifierLabel = restCount > 0;
    if (!labelled) {
      // The label called a pause rest, but the set is still open: the repetition counts if the
      // label comes back to the set's exercise before the set ends (see step).
      if (Double.isNaN(deferredTime)) {
        deferredTime = t;
        deferredConfidence = confidence;
        deferredByClassifier = classifierLabel;
      }
      return;
    }
    count(t, confidence, classifierLabel, emittedAt);
  }

  /** Counts a repetition that completed at {@code t} and passed the detector's checks. */
  private void count(double t, double confidence, boolean classifierLabel, double emittedAt) {
    RepProfile profile = current.profile;
    double confirmWindow = profile.maxPeriodSeconds() + settings.confirmPauseSeconds();
    boolean confirming = settings.confirmFirst() && repsInSet == 0 && holding
        && t - heldTime <= confirmWindow;
    double period = haveRep ? t - lastRepTime : 0;
    if (settings.confirmFirst() && repsInSet == 0) {
      // A set has at least two repetitions: a lone one (someone stirring while the label still
      // or already names an exercise) waits for a second, and is dropped if none comes in time.
      // A repetition replayed from before the label settled, too old to count, confirms it too:
      // the set began with it.
      boolean confirmedByReplay = !Double.isNaN(uncountedTime)
          && t - uncountedTime <= confirmWindow;
      if (classifierLabel && !confirming && !confirmedByReplay) {
        holding = true;
        heldTime = t;
        heldConfidence = confidence;
        haveRep = true;
        lastRepTime = t;
        lastPeriod = 0;
        return;
      }
      if (confirming) {
        holding = false;
        setNumber = ++setsWithReps;
        repsInSet = 1;
        pending.add(new RepEvent(heldTime, profile.exercise(), setNumber, 1, heldConfidence,
            emittedAt));
      }
    }
    if (repsInSet == 0) {
      setNumber = ++setsWithReps;
    }
    repsInSet++;
    haveRep = true;
    lastRepTime = t;
    lastPeriod = period;
    pending.add(new RepEvent(t, profile.exercise(), setNumber, repsInSet, confidence, emittedAt));
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
    deferredTime = Double.NaN;
    pending.clear();
    historyFilled = 0;
    historyHead = 0;
    restCount = 0;
    restMin = Double.POSITIVE_INFINITY;
    sureSeconds = 0;
    lastStepTime = Double.NaN;
    setsWithReps = 0;
    setNumber = 0;
    repsInSet = 0;
    haveRep = false;
    holding = false;
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
