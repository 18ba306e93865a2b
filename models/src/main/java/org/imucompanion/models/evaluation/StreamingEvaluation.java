package org.imucompanion.models.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.WindowClassifier;
import org.imucompanion.models.classifier.LabelSmoother;
import org.imucompanion.models.classifier.ModelContract;
import org.imucompanion.models.classifier.SmoothedLabel;
import org.imucompanion.models.dataset.ExerciseSet;
import org.imucompanion.models.dataset.ExerciseSets;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.RecordingReplay;
import org.imucompanion.models.reps.CountingLabel;
import org.imucompanion.models.reps.PhaseRepCounter;
import org.imucompanion.models.reps.RepCounter;
import org.imucompanion.models.reps.RepEvaluation;
import org.imucompanion.models.reps.RepEvent;
import org.imucompanion.models.reps.RepProfiles;

/**
 * Replays recordings through the live code path — {@link RecordingReplay} (the {@code
 * StreamingPipeline}), the classifier, a {@link LabelSmoother} per recording and a {@link
 * RepCounter} fed the smoothed label and the classifier's rest probability — and accumulates,
 * per subject, what {@link EvaluationReport} holds. A recording's smoother and counter start fresh, as they would when a
 * device connects.
 *
 * <p>Per step, each window's truth is the recording's label at the window's last step (mapped to
 * the model's classes; windows whose label has no class are skipped and counted). Per set, the
 * truth is {@link ExerciseSets}; the windows of a set are those ending between its first and last
 * labelled sample. Not thread-safe: one instance per evaluation run.
 */
public final class StreamingEvaluation {
  /**
   * What besides classification to evaluate.
   *
   * @param profiles the rep counter's exercises
   * @param counter the rep counter's stream settings
   * @param repsFromTrueLabel also run a counter fed the recording's own label (the counter's
   *     accuracy on its own, without the classifier's mistakes)
   * @param accelGyroOnly replay only the recording's accelerometer and gyroscope, so gravity
   *     and linear acceleration come from the pipeline's orientation filter, as on a 6-axis
   *     wristband
   * @param phaseCounter settings of the repetition-phase counter, when a phase model is given
   */
  public record Options(RepProfiles profiles, RepCounter.Settings counter,
      boolean repsFromTrueLabel, boolean accelGyroOnly, PhaseRepCounter.Settings phaseCounter) {
    /** Checks for nulls. */
    public Options {
      Objects.requireNonNull(profiles, "profiles");
      Objects.requireNonNull(counter, "counter");
      Objects.requireNonNull(phaseCounter, "phaseCounter");
    }

    /**
     * The live app's rep counter, driven by the model's label only.
     *
     * @return the options
     */
    public static Options defaults() {
      return new Options(RepProfiles.defaults(), RepCounter.Settings.defaults(), false, false,
          PhaseRepCounter.Settings.defaults());
    }

    /**
     * A copy that also counts with the true label.
     *
     * @param on whether to
     * @return the copy
     */
    public Options withRepsFromTrueLabel(boolean on) {
      return new Options(profiles, counter, on, accelGyroOnly, phaseCounter);
    }

    /**
     * A copy that replays only accelerometer and gyroscope.
     *
     * @param on whether to
     * @return the copy
     */
    public Options withAccelGyroOnly(boolean on) {
      return new Options(profiles, counter, repsFromTrueLabel, on, phaseCounter);
    }

    /**
     * A copy with other phase counter settings.
     *
     * @param settings the settings
     * @return the copy
     */
    public Options withPhaseCounter(PhaseRepCounter.Settings settings) {
      return new Options(profiles, counter, repsFromTrueLabel, accelGyroOnly, settings);
    }
  }

  /** Per-subject running totals. */
  private final class Tally {
    final ClassificationReport steps = ClassificationReport.empty(classes);
    final ClassificationReport shown = ClassificationReport.empty(classes);
    long skipped;
    final List<SetOutcome> sets = new ArrayList<>();
    final List<RepEvaluation.SetResult> repsModel = new ArrayList<>();
    final RepEvaluation.Extras extrasModel = new RepEvaluation.Extras();
    final List<RepEvaluation.SetResult> repsTrue = new ArrayList<>();
    final RepEvaluation.Extras extrasTrue = new RepEvaluation.Extras();
    final List<RepEvaluation.SetResult> phaseModel = new ArrayList<>();
    final RepEvaluation.Extras extrasPhaseModel = new RepEvaluation.Extras();
    final List<RepEvaluation.SetResult> phaseTrue = new ArrayList<>();
    final RepEvaluation.Extras extrasPhaseTrue = new RepEvaluation.Extras();
    boolean counted;
    boolean phaseCounted;
  }

  private final List<String> classes;
  private final ClassMapping mapping;
  private final Options options;
  private final Map<String, Tally> bySubject = new TreeMap<>(SUBJECT_ORDER);

  /** Subject ids in reading order: numbers by value (2 before 10), then other ids by text. */
  public static final Comparator<String> SUBJECT_ORDER = (a, b) -> {
    boolean na = a.matches("\\d{1,9}");
    boolean nb = b.matches("\\d{1,9}");
    if (na && nb) {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
    return na ? -1 : nb ? 1 : a.compareTo(b);
  };

  /**
   * An evaluation of models with these classes.
   *
   * @param classes the models' classes, in output order (every model added must have them)
   * @param mapping dataset labels to these classes
   * @param options rep counting options
   */
  public StreamingEvaluation(List<String> classes, ClassMapping mapping, Options options) {
    this.classes = List.copyOf(classes);
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * The recording's channels a replayed device sends: the model's own channels when the
   * recording has them, else accelerometer and gyroscope (the orientation filter derives
   * gravity and linear acceleration), as a wristband would send them.
   *
   * @param recording the recording
   * @param modelChannels the model's input channels
   * @return the device channels
   * @throws IllegalArgumentException if the recording has neither
   */
  public static List<String> deviceChannels(Recording recording, List<String> modelChannels) {
    if (recording.layout().containsAll(modelChannels)) {
      return modelChannels;
    }
    return accelGyro(recording);
  }

  private static List<String> accelGyro(Recording recording) {
    List<String> imu = new ArrayList<>(Channels.ACCEL);
    imu.addAll(Channels.GYRO);
    if (recording.layout().containsAll(imu)) {
      return imu;
    }
    throw new IllegalArgumentException(recording.sessionId()
        + " has neither the model's channels nor accelerometer+gyroscope");
  }

  /**
   * Replays one recording through the pipeline the model's contract describes, the classifier,
   * the smoother and the rep counter, and adds the outcome to the recording's subject.
   *
   * @param recording the recording (at least two samples; shorter ones are ignored)
   * @param classifier the model
   * @param contract its contract
   * @throws IllegalArgumentException if the model's classes differ from this evaluation's or its
   *     pipeline cannot run on the recording
   */
  public void add(Recording recording, WindowClassifier classifier, ModelContract contract) {
    add(recording, classifier, contract, null, null);
  }

  /**
   * Replays one recording as {@link #add(Recording, WindowClassifier, ModelContract)} does, and
   * also counts repetitions with a repetition-phase model ({@link PhaseRepCounter}) under the
   * classifier's counting label (and under the true label, with {@link
   * Options#repsFromTrueLabel()}).
   *
   * @param recording the recording (at least two samples; shorter ones are ignored)
   * @param classifier the exercise model
   * @param contract its contract
   * @param phaseModel the phase model, fed the same pipeline's samples
   * @param phaseContract its contract
   * @throws IllegalArgumentException as the other overload, or if the phase model is not one or
   *     its input differs from the classifier's
   */
  public void add(Recording recording, WindowClassifier classifier, ModelContract contract,
      WindowClassifier phaseModel, ModelContract phaseContract) {
    if (contract.task() != ModelContract.Task.EXERCISE) {
      throw new IllegalArgumentException("model " + contract.modelVersion() + " is a "
          + contract.task().metadataValue() + " model, not an exercise classifier");
    }
    if (!classifier.classes().equals(classes)) {
      throw new IllegalArgumentException("model classes " + classifier.classes()
          + " differ from the evaluation's " + classes);
    }
    if (recording.size() < 2) {
      return;
    }
    Tally tally = bySubject.computeIfAbsent(recording.subject(), s -> new Tally());
    double rate = (recording.size() - 1)
        / (recording.time(recording.size() - 1) - recording.time(0));
    PipelineSettings settings =
        PipelineSettings.fromMetadata(contract.pipelineSettings()).withInputRate(rate);
    if (!settings.channels().equals(classifier.channels())
        || settings.window() != classifier.windowLength()) {
      throw new IllegalArgumentException("the model's pipeline settings make windows of "
          + settings.window() + " x " + settings.channels() + ", its input is "
          + classifier.windowLength() + " x " + classifier.channels());
    }
    ChannelLayout layout = ChannelLayout.of(settings.channels());
    Optional<RepCounter> byModel = counter(layout, settings, options.counter());
    // The recording's own label has no delay and names no false sets: nothing to count
    // retroactively, no lone first repetition to wait on.
    Optional<RepCounter> byTruth = options.repsFromTrueLabel()
        ? counter(layout, settings, options.counter().forTrueLabel())
        : Optional.empty();
    Optional<PhaseRepCounter> phaseByModel = phaseCounter(contract, phaseModel, phaseContract);
    Optional<PhaseRepCounter> phaseByTruth = options.repsFromTrueLabel()
        ? phaseCounter(contract, phaseModel, phaseContract)
        : Optional.empty();
    LabelSmoother smoother = LabelSmoother.forContract(contract);
    CountingLabel counting = CountingLabel.forContract(contract);
    List<RepEvent> modelEvents = new ArrayList<>();
    List<RepEvent> trueEvents = new ArrayList<>();
    List<RepEvent> phaseModelEvents = new ArrayList<>();
    List<RepEvent> phaseTrueEvents = new ArrayList<>();
    List<Double> windowEnds = new ArrayList<>();
    List<Integer> shownIndex = new ArrayList<>();
    float[] p = new float[classes.size()];
    List<String> device = options.accelGyroOnly()
        ? accelGyro(recording)
        : deviceChannels(recording, classifier.channels());
    RecordingReplay.replay(recording, device, settings,
        new RecordingReplay.WindowListener() {
          @Override
          public void onWindow(float[] window, double end, String label, RepPhase phase) {
            classifier.classify(window, p);
            SmoothedLabel shown = smoother.step(p);
            counting.step(p);
            windowEnds.add(end);
            shownIndex.add(shown.classIndex());
            String trueClass = mapping.labelToClass().get(label);
            int truth = trueClass == null ? -1 : classes.indexOf(trueClass);
            if (truth < 0) {
              tally.skipped++;
              return;
            }
            tally.steps.add(truth, argmax(p));
            tally.shown.add(truth, shown.classIndex());
          }

          @Override
          public void onSample(double t, double[] values, String label, RepPhase phase) {
            // Until the first window there is no label: the counter sees rest. As in the live
            // view, the counter's own label and the newest rest probability.
            byModel.ifPresent(c -> c.step(t, values, counting.label(),
                counting.restProbability()).ifPresent(modelEvents::add));
            byTruth.ifPresent(c -> c.step(t, values, label).ifPresent(trueEvents::add));
            phaseByModel.ifPresent(c -> c.step(t, values, counting.label())
                .ifPresent(phaseModelEvents::add));
            phaseByTruth.ifPresent(c -> c.step(t, values, label)
                .ifPresent(phaseTrueEvents::add));
          }
        });
    List<ExerciseSet> truth = ExerciseSets.of(recording);
    tally.sets.addAll(scoreSets(recording, truth, windowEnds, shownIndex));
    if (byModel.isPresent()) {
      tally.counted = true;
      tally.repsModel.addAll(
          RepEvaluation.score(recording, truth, modelEvents, tally.extrasModel));
    }
    if (byTruth.isPresent()) {
      tally.repsTrue.addAll(RepEvaluation.score(recording, truth, trueEvents, tally.extrasTrue));
    }
    if (phaseByModel.isPresent()) {
      tally.phaseCounted = true;
      tally.phaseModel.addAll(
          RepEvaluation.score(recording, truth, phaseModelEvents, tally.extrasPhaseModel));
    }
    if (phaseByTruth.isPresent()) {
      tally.phaseTrue.addAll(
          RepEvaluation.score(recording, truth, phaseTrueEvents, tally.extrasPhaseTrue));
    }
  }

  private Optional<RepCounter> counter(ChannelLayout layout, PipelineSettings settings,
      RepCounter.Settings counterSettings) {
    try {
      return Optional.of(new RepCounter(layout, settings.targetRateHz(), options.profiles(),
          counterSettings));
    } catch (IllegalArgumentException e) {
      // The model's channels lack a signal the rep profiles need: the live view doesn't count
      // either, so neither does the evaluation.
      return Optional.empty();
    }
  }

  /**
   * A phase counter for one recording, if a phase model is given: it counts under the
   * classifier's exercise classes (its classes but rest).
   */
  private Optional<PhaseRepCounter> phaseCounter(ModelContract contract,
      WindowClassifier phaseModel, ModelContract phaseContract) {
    if (phaseModel == null) {
      return Optional.empty();
    }
    phaseContract.requireSameInput(contract);
    Set<String> exercises = new HashSet<>(contract.classNames());
    contract.restClass().ifPresent(exercises::remove);
    return Optional.of(
        new PhaseRepCounter(phaseModel, phaseContract, exercises, options.phaseCounter()));
  }

  /**
   * Scores the shown labels against the true sets of a recording.
   *
   * @param recording the recording (subject, session)
   * @param truth its sets
   * @param windowEnds end time of each window, ascending
   * @param shown the class index shown after each window
   * @return one outcome per set whose exercise is one of the classes
   */
  List<SetOutcome> scoreSets(Recording recording, List<ExerciseSet> truth,
      List<Double> windowEnds, List<Integer> shown) {
    List<SetOutcome> out = new ArrayList<>();
    for (ExerciseSet set : truth) {
      String exercise = mapping.labelToClass().get(set.exercise());
      int c = exercise == null ? -1 : classes.indexOf(exercise);
      if (c < 0) {
        continue;
      }
      out.add(scoreSet(recording.subject(), recording.sessionId(), exercise, c,
          set.startSeconds(), set.endSeconds(), windowEnds, shown, classes.size()));
    }
    return out;
  }

  /**
   * Scores one set from the labels shown after each window.
   *
   * @param subject for the outcome
   * @param session for the outcome
   * @param exercise the set's class name
   * @param exerciseIndex its index
   * @param start set start
   * @param end set end
   * @param windowEnds end time of each window, ascending
   * @param shown class index shown after each window
   * @param classCount number of classes
   * @return the outcome
   */
  static SetOutcome scoreSet(String subject, String session, String exercise, int exerciseIndex,
      double start, double end, List<Double> windowEnds, List<Integer> shown, int classCount) {
    int[] count = new int[classCount];
    int changes = 0;
    double delay = Double.POSITIVE_INFINITY;
    int previous = -1;
    for (int w = 0; w < windowEnds.size(); w++) {
      double t = windowEnds.get(w);
      if (t < start || t > end) {
        continue;
      }
      int s = shown.get(w);
      count[s]++;
      if (previous >= 0 && s != previous) {
        changes++;
      }
      previous = s;
      if (s == exerciseIndex && Double.isInfinite(delay)) {
        delay = t - start;
      }
    }
    int most = 0;
    for (int k = 1; k < classCount; k++) {
      most = count[k] > count[most] ? k : most;
    }
    boolean right = count[exerciseIndex] > 0 && most == exerciseIndex;
    return new SetOutcome(subject, session, exercise, start, right, delay, changes);
  }

  private static int argmax(float[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      best = p[i] > p[best] ? i : best;
    }
    return best;
  }

  /**
   * Subjects evaluated so far.
   *
   * @return their ids, sorted
   */
  public List<String> subjects() {
    return List.copyOf(bySubject.keySet());
  }

  /**
   * One subject's report.
   *
   * @param subject a subject id
   * @return its report, if it was evaluated
   */
  public Optional<EvaluationReport> report(String subject) {
    Tally t = bySubject.get(subject);
    return t == null ? Optional.empty() : Optional.of(report("subject " + subject, List.of(t)));
  }

  /**
   * The report pooled over every subject.
   *
   * @return it
   */
  public EvaluationReport pooled() {
    return report("all subjects " + bySubject.keySet(), new ArrayList<>(bySubject.values()));
  }

  private EvaluationReport report(String description, List<Tally> tallies) {
    ClassificationReport steps = ClassificationReport.empty(classes);
    ClassificationReport shown = ClassificationReport.empty(classes);
    long skipped = 0;
    List<SetOutcome> sets = new ArrayList<>();
    List<RepEvaluation.SetResult> repsModel = new ArrayList<>();
    List<RepEvaluation.SetResult> repsTrue = new ArrayList<>();
    RepEvaluation.Extras extrasModel = new RepEvaluation.Extras();
    RepEvaluation.Extras extrasTrue = new RepEvaluation.Extras();
    List<RepEvaluation.SetResult> phaseModel = new ArrayList<>();
    List<RepEvaluation.SetResult> phaseTrue = new ArrayList<>();
    RepEvaluation.Extras extrasPhaseModel = new RepEvaluation.Extras();
    RepEvaluation.Extras extrasPhaseTrue = new RepEvaluation.Extras();
    boolean counted = false;
    boolean phaseCounted = false;
    for (Tally t : tallies) {
      steps.addAll(t.steps);
      shown.addAll(t.shown);
      skipped += t.skipped;
      sets.addAll(t.sets);
      repsModel.addAll(t.repsModel);
      repsTrue.addAll(t.repsTrue);
      extrasModel.add(t.extrasModel);
      extrasTrue.add(t.extrasTrue);
      phaseModel.addAll(t.phaseModel);
      phaseTrue.addAll(t.phaseTrue);
      extrasPhaseModel.add(t.extrasPhaseModel);
      extrasPhaseTrue.add(t.extrasPhaseTrue);
      counted |= t.counted;
      phaseCounted |= t.phaseCounted;
    }
    Optional<RepEvaluation.Report> byModel = counted
        ? Optional.of(new RepEvaluation.Report("repetitions, live label = model's smoothed label",
            repsModel, extrasModel))
        : Optional.empty();
    Optional<RepEvaluation.Report> byTruth = options.repsFromTrueLabel() && counted
        ? Optional.of(new RepEvaluation.Report("repetitions, live label = true label", repsTrue,
            extrasTrue))
        : Optional.empty();
    Optional<RepEvaluation.Report> phaseByModel = phaseCounted
        ? Optional.of(new RepEvaluation.Report(
            "repetitions by the phase model, live label = model's smoothed label", phaseModel,
            extrasPhaseModel))
        : Optional.empty();
    Optional<RepEvaluation.Report> phaseByTruth = options.repsFromTrueLabel() && phaseCounted
        ? Optional.of(new RepEvaluation.Report(
            "repetitions by the phase model, live label = true label", phaseTrue,
            extrasPhaseTrue))
        : Optional.empty();
    return new EvaluationReport(description, steps, shown, skipped, new SetReport(sets), byModel,
        byTruth, phaseByModel, phaseByTruth);
  }

  /**
   * Per-subject reports, in subject order.
   *
   * @return subject to report
   */
  public Map<String, EvaluationReport> perSubject() {
    Map<String, EvaluationReport> m = new TreeMap<>(SUBJECT_ORDER);
    for (String s : bySubject.keySet()) {
      m.put(s, report(s).orElseThrow());
    }
    return Collections.unmodifiableMap(m);
  }
}
