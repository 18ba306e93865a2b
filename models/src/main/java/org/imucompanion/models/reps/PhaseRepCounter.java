package org.imucompanion.models.reps;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.WindowClassifier;
import org.imucompanion.models.classifier.ModelContract;
import org.imucompanion.models.pipeline.SlidingWindow;

/**
 * Counts repetitions online from a repetition-phase model: a network that, for the window ending
 * at every pipeline sample, says whether the moment {@link ModelContract#labelDelaySeconds()}
 * before the window's end lies in the first half of a repetition, its second half, or outside one
 * (rest, or the pause between two repetitions). The Exermote recordings label every repetition
 * as a {@code firstHalf} run then a {@code secondHalf} run, which is what the model learns; {@code
 * train.py --target phase} trains it on the same pipeline's windows.
 *
 * <p>Decoding, per sample: the most probable phase; a change of phase is taken once the new phase
 * has won {@link Settings#confirmSamples()} samples in a row (a one-sample flicker changes
 * nothing). A repetition completes when a second-half run ends after a first-half run since the
 * last repetition; "outside" between the halves does not cancel it (the model sometimes calls the
 * turning point of a slow repetition a pause). Its time is when the second half ended, dated back
 * by the model's look-ahead, so it is emitted {@link RepEvent#late() late} by that look-ahead plus
 * the confirmation.
 *
 * <p>Sets, from the live label of the moment each repetition ended (the label is delayed by the
 * look-ahead and the confirmation, so that it and the model's output are of one time): a
 * repetition counts in the open set if the set's exercise was named up to {@link
 * Settings#endSlackSeconds()} before it ended (a label without delay, such as a recording's own,
 * turns to rest as the set's last repetition ends), else in the set of the exercise the label
 * names then. A label naming another exercise starts a new set, and a set ends once no exercise
 * label has been seen for {@link Settings#restSeconds()}. A repetition that ends under any other
 * label (rest, the pause between repetitions, the label still settling at the start of a set) is
 * held: it counts, late, if an exercise label comes within {@link Settings#holdSeconds()} of it,
 * and is dropped otherwise. Getting up after a set, under a label that goes to rest and stays
 * there, then counts nothing, while a repetition the label calls rest mid-set, or one done before
 * the label settled, still counts.
 *
 * <p>Doubtful repetitions wait: once a set has {@value #DOUBT_REFERENCE_REPETITIONS} repetitions,
 * one whose {@link RepEvent#confidence() confidence} is below {@link Settings#doubtShare()} of
 * the median of the set's counted ones counts only when another repetition follows in the set
 * (then both count, the doubtful one with its own time), and is dropped if the set ends first.
 * The movements people make right after a set (sitting up to stand, stepping back) look like one
 * more repetition to the model, often with a weaker second half, and come while a model's label
 * still names the set's exercise; a weak repetition inside a set is followed by the next one.
 *
 * <p>One instance per stream; not thread-safe; no allocation per sample (an event is allocated
 * per repetition). {@link #reset()} forgets the stream, e.g. after a gap in it.
 */
public final class PhaseRepCounter {
  /**
   * Stream-level settings.
   *
   * @param confirmSamples how many consecutive samples a new phase must win before the decoder
   *     takes it (1: at once)
   * @param restSeconds how long without an exercise label ends a set
   * @param holdSeconds how long a repetition completed under a non-exercise label waits for one
   *     before it is dropped
   * @param endSlackSeconds a repetition counts in the open set if the set's exercise label was
   *     still given this long before the repetition's end (a true label turns to rest at the
   *     end of a set's last repetition, a model's end is known only to about a sample)
   * @param doubtShare a repetition with a confidence below this share of the median of its
   *     set's counted repetitions waits for the next one (0: none waits)
   */
  public record Settings(int confirmSamples, double restSeconds, double holdSeconds,
      double endSlackSeconds, double doubtShare) {
    /** Validates. */
    public Settings {
      if (confirmSamples < 1) {
        throw new IllegalArgumentException("confirm samples must be >= 1: " + confirmSamples);
      }
      if (!(restSeconds > 0) || Double.isInfinite(restSeconds)) {
        throw new IllegalArgumentException("rest seconds must be > 0: " + restSeconds);
      }
      if (!(holdSeconds >= 0) || Double.isInfinite(holdSeconds)) {
        throw new IllegalArgumentException("hold seconds must be >= 0: " + holdSeconds);
      }
      if (!(endSlackSeconds >= 0) || Double.isInfinite(endSlackSeconds)) {
        throw new IllegalArgumentException("end slack seconds must be >= 0: " + endSlackSeconds);
      }
      if (!(doubtShare >= 0 && doubtShare < 1)) {
        throw new IllegalArgumentException("doubt share must be in [0, 1): " + doubtShare);
      }
    }

    /**
     * Defaults: a phase must win {@value #DEFAULT_CONFIRM_SAMPLES} samples in a row, a set ends
     * after {@link RepCounter#DEFAULT_REST_SECONDS} s without an exercise label (as for {@link
     * RepCounter}), and a held repetition waits {@value #DEFAULT_HOLD_SECONDS} s. The model card
     * says how they were chosen.
     *
     * @return the settings
     */
    public static Settings defaults() {
      return new Settings(DEFAULT_CONFIRM_SAMPLES, RepCounter.DEFAULT_REST_SECONDS,
          DEFAULT_HOLD_SECONDS, DEFAULT_END_SLACK_SECONDS, DEFAULT_DOUBT_SHARE);
    }

    /**
     * A copy with another hold time.
     *
     * @param seconds how long a held repetition waits for an exercise label
     * @return the copy
     */
    public Settings withHoldSeconds(double seconds) {
      return new Settings(confirmSamples, restSeconds, seconds, endSlackSeconds, doubtShare);
    }

    /**
     * A copy with another doubt share.
     *
     * @param share see {@link #doubtShare()}
     * @return the copy
     */
    public Settings withDoubtShare(double share) {
      return new Settings(confirmSamples, restSeconds, holdSeconds, endSlackSeconds, share);
    }
  }

  /** Default {@link Settings#confirmSamples()}. */
  public static final int DEFAULT_CONFIRM_SAMPLES = 2;
  /** Default {@link Settings#holdSeconds()}. */
  public static final double DEFAULT_HOLD_SECONDS = 4.0;
  /** Default {@link Settings#endSlackSeconds()}. */
  public static final double DEFAULT_END_SLACK_SECONDS = 0.5;
  /** Default {@link Settings#doubtShare()}. */
  public static final double DEFAULT_DOUBT_SHARE = 0.9;
  /**
   * The doubt shares an evaluation chooses from ({@code evaluate --phase-loso}), the default
   * among them.
   */
  public static final List<Double> DOUBT_SHARE_GRID =
      List.of(0.0, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95);
  /** How many counted repetitions a set needs before one can be doubtful. */
  public static final int DOUBT_REFERENCE_REPETITIONS = 2;
  /** How many of a set's latest confidences the doubt median looks at. */
  private static final int DOUBT_MEMORY = 16;

  private static final int OUTSIDE = 0;
  private static final int FIRST = 1;
  private static final int SECOND = 2;

  private final WindowClassifier model;
  private final double lookAheadSeconds;
  private final Set<String> exercises;
  private final Settings settings;
  private final SlidingWindow window;
  private final float[] windowBuffer;
  private final float[] probabilities;
  private final int[] phaseOfClass;
  private final int secondHalfClass;

  private int state;
  private int candidate;
  private int run;
  private double candidateStart;
  private boolean seenFirst;
  private double secondSum;
  private int secondCount;

  private String setExercise;
  private double lastExerciseTime;
  private int setNumber;
  private int setsWithReps;
  private int indexInSet;
  private final double[] setConfidences = new double[DOUBT_MEMORY];
  private final double[] medianScratch = new double[DOUBT_MEMORY];
  /** A doubtful repetition of the open set, {end, confidence}, or null. */
  private double[] doubtful;
  private final ArrayDeque<double[]> held = new ArrayDeque<>();
  private final String[] labels;
  private final double[] labelTimes;
  private int head;
  private int filled;
  private final ArrayDeque<RepEvent> ready = new ArrayDeque<>();

  /**
   * A counter for one stream.
   *
   * @param model the phase model, fed the pipeline's output samples in its channel order
   * @param contract its contract (task {@link ModelContract.Task#REPETITION_PHASE})
   * @param exercises the labels that name an exercise; any other label is rest
   * @param settings stream settings
   * @throws IllegalArgumentException if the contract is not a phase model's or disagrees with the
   *     model's classes, channels or window length
   */
  public PhaseRepCounter(WindowClassifier model, ModelContract contract, Set<String> exercises,
      Settings settings) {
    this.model = Objects.requireNonNull(model, "model");
    this.exercises = Set.copyOf(exercises);
    this.settings = Objects.requireNonNull(settings, "settings");
    if (contract.task() != ModelContract.Task.REPETITION_PHASE) {
      throw new IllegalArgumentException("model " + contract.modelVersion() + " is an "
          + contract.task().metadataValue() + " model, not a repetition-phase model");
    }
    List<String> classes = model.classes();
    if (!classes.equals(contract.classNames())
        || !model.channels().equals(contract.channels())
        || model.windowLength() != contract.windowLength()) {
      throw new IllegalArgumentException("the phase model's input or classes differ from its"
          + " contract's");
    }
    this.lookAheadSeconds = contract.labelDelaySeconds();
    this.phaseOfClass = new int[classes.size()];
    for (int k = 0; k < classes.size(); k++) {
      String name = classes.get(k);
      phaseOfClass[k] = name.equals(RepPhase.FIRST_HALF.className()) ? FIRST
          : name.equals(RepPhase.SECOND_HALF.className()) ? SECOND : OUTSIDE;
    }
    this.secondHalfClass = classes.indexOf(RepPhase.SECOND_HALF.className());
    this.window = new SlidingWindow(model.windowLength(), 1, model.channels().size());
    this.windowBuffer = new float[model.windowLength() * model.channels().size()];
    this.probabilities = new float[classes.size()];
    // The label of the moment a confirmed phase change began: the confirmation and the
    // look-ahead back.
    int lag = settings.confirmSamples() - 1
        + (int) Math.round(lookAheadSeconds * contract.sampleRateHz());
    this.labels = new String[lag + 1];
    this.labelTimes = new double[lag + 1];
    reset();
  }

  /**
   * A counter beside an exercise classifier, on the same pipeline output: it counts under the
   * classifier's exercise classes (its classes but the rest class).
   *
   * @param model the phase model
   * @param contract the phase model's contract
   * @param classifier the exercise classifier's contract
   * @param settings stream settings
   * @return the counter
   * @throws IllegalArgumentException if the phase model was trained on another pipeline's output
   *     than the classifier ({@link ModelContract#requireSameInput}), or as the constructor
   */
  public static PhaseRepCounter beside(WindowClassifier model, ModelContract contract,
      ModelContract classifier, Settings settings) {
    contract.requireSameInput(classifier);
    Set<String> exercises = new HashSet<>(classifier.classNames());
    classifier.restClass().ifPresent(exercises::remove);
    return new PhaseRepCounter(model, contract, exercises, settings);
  }

  /**
   * Feeds one pipeline sample.
   *
   * @param timeSeconds its time, increasing
   * @param values one value per model channel, in the contract's order (read, not kept)
   * @param label the live label (an exercise, or anything else, null included, for rest)
   * @return a repetition known at this sample, if any; when several are (held ones released by
   *     an exercise label), the others follow on the next calls ({@link #feed} passes all at
   *     once)
   */
  public Optional<RepEvent> step(double timeSeconds, double[] values, String label) {
    // The model's output describes a moment that lies the look-ahead plus the confirmation
    // back: read the label of that moment, so a repetition and its label are of one time.
    labels[head] = label;
    labelTimes[head] = timeSeconds;
    head = (head + 1) % labels.length;
    filled = Math.min(filled + 1, labels.length);
    int oldest = filled < labels.length ? 0 : head;
    String aligned = labels[oldest];
    double alignedTime = labelTimes[oldest];
    boolean exercise = aligned != null && exercises.contains(aligned);
    if (window.push(values)) {
      window.copyTo(windowBuffer, 0);
      model.classify(windowBuffer, probabilities);
      decode(timeSeconds, aligned, exercise);
    }
    if (exercise) {
      openSet(aligned, timeSeconds);
      lastExerciseTime = alignedTime;
    } else if (setExercise != null && alignedTime - lastExerciseTime > settings.restSeconds()) {
      endSet();
    }
    while (!held.isEmpty() && alignedTime - held.peek()[0] > settings.holdSeconds()) {
      held.poll();
    }
    return Optional.ofNullable(ready.poll());
  }

  /**
   * Feeds one sample, passing every repetition known at it (a doubtful one confirmed by this
   * sample's comes with it; held ones released by an exercise label come together).
   *
   * @param timeSeconds its time, increasing
   * @param values one value per model channel, in the contract's order (read, not kept)
   * @param label the live label
   * @param sink receives each repetition
   */
  public void step(double timeSeconds, double[] values, String label, Consumer<RepEvent> sink) {
    step(timeSeconds, values, label).ifPresent(sink);
    while (!ready.isEmpty()) {
      sink.accept(ready.poll());
    }
  }

  /**
   * Feeds a block of samples (as a chunk of a live stream arrives): {@link #step} for each,
   * passing every repetition as soon as it is known.
   *
   * @param timesSeconds sample times
   * @param samples one value array per sample
   * @param labels one live label per sample
   * @param from first index
   * @param to index after the last
   * @param sink receives each repetition
   */
  public void feed(double[] timesSeconds, double[][] samples, String[] labels, int from, int to,
      Consumer<RepEvent> sink) {
    for (int i = from; i < to; i++) {
      step(timesSeconds[i], samples[i], labels[i], sink);
    }
  }

  private void decode(double timeSeconds, String label, boolean exercise) {
    int best = 0;
    for (int k = 1; k < probabilities.length; k++) {
      best = probabilities[k] > probabilities[best] ? k : best;
    }
    int phase = phaseOfClass[best];
    if (phase == candidate) {
      run++;
    } else {
      candidate = phase;
      run = 1;
      candidateStart = timeSeconds;
    }
    if (phase == SECOND) {
      secondSum += probabilities[secondHalfClass];
      secondCount++;
    }
    if (run == settings.confirmSamples() && phase != state) {
      if (state == SECOND && seenFirst) {
        complete(candidateStart - lookAheadSeconds, timeSeconds, label, exercise);
        seenFirst = false;
      }
      if (phase == FIRST) {
        seenFirst = true;
        secondSum = 0;
        secondCount = 0;
      }
      state = phase;
    }
  }

  /** A repetition ended at {@code end}; {@code label} is the live label of that moment. */
  private void complete(double end, double now, String label, boolean exercise) {
    double confidence = secondCount == 0 ? 0 : Math.min(1, secondSum / secondCount);
    if (setExercise != null && lastExerciseTime >= end - settings.endSlackSeconds()) {
      emit(end, confidence, now);
    } else if (exercise) {
      openSet(label, now);
      emit(end, confidence, now);
    } else {
      held.add(new double[] {end, confidence});
    }
  }

  /** The label names an exercise: its set is open, and repetitions held for it count. */
  private void openSet(String exercise, double now) {
    if (setExercise != null && !setExercise.equals(exercise)) {
      endSet();
    }
    setExercise = exercise;
    while (!held.isEmpty()) {
      double[] h = held.poll();
      emit(h[0], h[1], now);
    }
  }

  /** A repetition counts in the open set, unless it is doubtful: then it waits for the next. */
  private void emit(double time, double confidence, double now) {
    if (indexInSet >= DOUBT_REFERENCE_REPETITIONS
        && confidence < settings.doubtShare() * medianSetConfidence()) {
      if (doubtful != null) {
        count(doubtful[0], doubtful[1], now);
      }
      doubtful = new double[] {time, confidence};
      return;
    }
    if (doubtful != null) {
      count(doubtful[0], doubtful[1], now);
      doubtful = null;
    }
    count(time, confidence, now);
  }

  private void count(double time, double confidence, double now) {
    if (indexInSet == 0) {
      setNumber = ++setsWithReps;
    }
    setConfidences[indexInSet % DOUBT_MEMORY] = confidence;
    indexInSet++;
    ready.add(new RepEvent(Math.min(time, now), setExercise, setNumber, indexInSet, confidence,
        now));
  }

  /** The median confidence of the open set's latest counted repetitions. */
  private double medianSetConfidence() {
    int n = Math.min(indexInSet, DOUBT_MEMORY);
    System.arraycopy(setConfidences, 0, medianScratch, 0, n);
    Arrays.sort(medianScratch, 0, n);
    return n % 2 == 1 ? medianScratch[n / 2]
        : (medianScratch[n / 2 - 1] + medianScratch[n / 2]) / 2;
  }

  private void endSet() {
    setExercise = null;
    indexInSet = 0;
    doubtful = null;
    held.clear();
  }

  /** Forgets the stream: the model's window, the decoder, the open set and the set numbering. */
  public void reset() {
    interrupt();
    setNumber = 0;
    setsWithReps = 0;
  }

  /**
   * The stream broke off (a gap in the samples): forgets the model's window, the decoder and the
   * open set, with its held and doubtful repetitions, as {@link #reset()} does; but set numbers go
   * on, so the first set after the gap is a new set for whoever collects the events.
   */
  public void interrupt() {
    window.reset();
    state = OUTSIDE;
    candidate = OUTSIDE;
    run = 0;
    candidateStart = Double.NaN;
    seenFirst = false;
    secondSum = 0;
    secondCount = 0;
    setExercise = null;
    lastExerciseTime = Double.NaN;
    indexInSet = 0;
    doubtful = null;
    held.clear();
    ready.clear();
    Arrays.fill(labels, null);
    head = 0;
    filled = 0;
  }

  /**
   * The open set's exercise.
   *
   * @return it, or empty between sets
   */
  public Optional<String> currentExercise() {
    return Optional.ofNullable(setExercise);
  }

  /**
   * Repetitions counted in the open set so far.
   *
   * @return the count (0 between sets)
   */
  public int repetitionsInSet() {
    return indexInSet;
  }
}
