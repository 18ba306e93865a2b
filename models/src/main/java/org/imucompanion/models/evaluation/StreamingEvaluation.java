package org.imucompanion.models.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
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
   * @param phaseDoubtGrid if not empty, {@link PhaseRepCounter.Settings#doubtShare() doubt
   *     shares} to choose from: each subject is counted with the one that does best on the
   *     other subjects (most sets exact, then within one, then fewest extra repetitions, then
   *     the first in the list); if empty, {@code phaseCounter}'s share for everyone
   */
  public record Options(RepProfiles profiles, RepCounter.Settings counter,
      boolean repsFromTrueLabel, boolean accelGyroOnly, PhaseRepCounter.Settings phaseCounter,
      List<Double> phaseDoubtGrid) {
    /** Checks the settings, copies the list. */
    public Options {
      Objects.requireNonNull(profiles, "profiles");
      Objects.requireNonNull(counter, "counter");
      Objects.requireNonNull(phaseCounter, "phaseCounter");
      phaseDoubtGrid = List.copyOf(phaseDoubtGrid);
      for (double share : phaseDoubtGrid) {
        phaseCounter.withDoubtShare(share);
      }
    }

    /**
     * The live app's rep counter, driven by the model's label only.
     *
     * @return the options
     */
    public static Options defaults() {
      return new Options(RepProfiles.defaults(), RepCounter.Settings.defaults(), false, false,
          PhaseRepCounter.Settings.defaults(), List.of());
    }

    /**
     * A copy that also counts with the true label.
     *
     * @param on whether to
     * @return the copy
     */
    public Options withRepsFromTrueLabel(boolean on) {
      return new Options(profiles, counter, on, accelGyroOnly, phaseCounter, phaseDoubtGrid);
    }

    /**
     * A copy that replays only accelerometer and gyroscope.
     *
     * @param on whether to
     * @return the copy
     */
    public Options withAccelGyroOnly(boolean on) {
      return new Options(profiles, counter, repsFromTrueLabel, on, phaseCounter,
          phaseDoubtGrid);
    }

    /**
     * A copy with other phase counter settings.
     *
     * @param settings the settings
     * @return the copy
     */
    public Options withPhaseCounter(PhaseRepCounter.Settings settings) {
      return new Options(profiles, counter, repsFromTrueLabel, accelGyroOnly, settings,
          phaseDoubtGrid);
    }

    /**
     * A copy that chooses the phase counter's doubt share per subject on the others.
     *
     * @param grid the shares to choose from (empty: none, the settings' share)
     * @return the copy
     */
    public Options withPhaseDoubtGrid(List<Double> grid) {
      return new Options(profiles, counter, repsFromTrueLabel, accelGyroOnly, phaseCounter,
          grid);
    }

    /** The doubt shares the phase counters run with: the grid, or the settings' one. */
    private List<Double> phaseDoubtShares() {
      return phaseDoubtGrid.isEmpty() ? List.of(phaseCounter.doubtShare()) : phaseDoubtGrid;
    }
  }

  /** What one counter made of a subject's sets. */
  private static final class Counted {
    final List<RepEvaluation.SetResult> sets = new ArrayList<>();
    final RepEvaluation.Extras extras = new RepEvaluation.Extras();

    void addTo(List<RepEvaluation.SetResult> allSets, RepEvaluation.Extras allExtras) {
      allSets.addAll(sets);
      allExtras.add(extras);
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
    /** Per doubt share, the phase counter under the model's label, and under the true label. */
    final List<Counted> phaseModel = new ArrayList<>();
    final List<Counted> phaseTrue = new ArrayList<>();
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
    // One phase counter per doubt share and label; the model runs once per window for all.
    WindowClassifier sharedPhase = phaseModel == null ? null : new OncePerWindow(phaseModel);
    List<PhaseRepCounter> phaseByModel = phaseCounters(contract, sharedPhase, phaseContract);
    List<PhaseRepCounter> phaseByTruth = options.repsFromTrueLabel()
        ? phaseCounters(contract, sharedPhase, phaseContract)
        : List.of();
    LabelSmoother smoother = LabelSmoother.forContract(contract);
    CountingLabel counting = CountingLabel.forContract(contract);
    List<RepEvent> modelEvents = new ArrayList<>();
    List<RepEvent> trueEvents = new ArrayList<>();
    List<List<RepEvent>> phaseModelEvents = eventLists(phaseByModel.size());
    List<List<RepEvent>> phaseTrueEvents = eventLists(phaseByTruth.size());
    List<Consumer<RepEvent>> phaseModelSinks = sinks(phaseModelEvents);
    List<Consumer<RepEvent>> phaseTrueSinks = sinks(phaseTrueEvents);
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
            for (int i = 0; i < phaseByModel.size(); i++) {
              phaseByModel.get(i).step(t, values, counting.label(), phaseModelSinks.get(i));
            }
            for (int i = 0; i < phaseByTruth.size(); i++) {
              phaseByTruth.get(i).step(t, values, label, phaseTrueSinks.get(i));
            }
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
    if (!phaseByModel.isEmpty()) {
      tally.phaseCounted = true;
      score(recording, truth, phaseModelEvents, tally.phaseModel);
      score(recording, truth, phaseTrueEvents, tally.phaseTrue);
    }
  }

  private static List<List<RepEvent>> eventLists(int n) {
    List<List<RepEvent>> lists = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }

  private static List<Consumer<RepEvent>> sinks(List<List<RepEvent>> lists) {
    List<Consumer<RepEvent>> sinks = new ArrayList<>();
    for (List<RepEvent> list : lists) {
      sinks.add(list::add);
    }
    return sinks;
  }

  /** Scores each counter's events into its running totals. */
  private static void score(Recording recording, List<ExerciseSet> truth,
      List<List<RepEvent>> events, List<Counted> into) {
    for (int i = 0; i < events.size(); i++) {
      if (into.size() <= i) {
        into.add(new Counted());
      }
      Counted c = into.get(i);
      c.sets.addAll(RepEvaluation.score(recording, truth, events.get(i), c.extras));
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
   * Phase counters for one recording, one per doubt share, if a phase model is given: they count
   * under the classifier's exercise classes (its classes but rest).
   */
  private List<PhaseRepCounter> phaseCounters(ModelContract contract,
      WindowClassifier phaseModel, ModelContract phaseContract) {
    if (phaseModel == null) {
      return List.of();
    }
    List<PhaseRepCounter> counters = new ArrayList<>();
    for (double share : options.phaseDoubtShares()) {
      counters.add(PhaseRepCounter.beside(phaseModel, phaseContract, contract,
          options.phaseCounter().withDoubtShare(share)));
    }
    return counters;
  }

  /**
   * A model shared by counters fed the same samples in turn: each window is classified once,
   * the counters after the first get a copy of its output.
   */
  private static final class OncePerWindow implements WindowClassifier {
    private final WindowClassifier model;
    private float[] lastWindow;
    private final float[] lastOutput;

    OncePerWindow(WindowClassifier model) {
      this.model = model;
      this.lastOutput = new float[model.classes().size()];
    }

    @Override
    public List<String> classes() {
      return model.classes();
    }

    @Override
    public List<String> channels() {
      return model.channels();
    }

    @Override
    public int windowLength() {
      return model.windowLength();
    }

    @Override
    public void classify(float[] window, float[] probabilities) {
      if (!Arrays.equals(window, lastWindow)) {
        model.classify(window, lastOutput);
        if (lastWindow == null || lastWindow.length != window.length) {
          lastWindow = new float[window.length];
        }
        System.arraycopy(window, 0, lastWindow, 0, window.length);
      }
      System.arraycopy(lastOutput, 0, probabilities, 0, lastOutput.length);
    }
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
    return bySubject.containsKey(subject)
        ? Optional.of(report("subject " + subject, List.of(subject)))
        : Optional.empty();
  }

  /**
   * The report pooled over every subject.
   *
   * @return it
   */
  public EvaluationReport pooled() {
    return report("all subjects " + bySubject.keySet(), List.copyOf(bySubject.keySet()));
  }

  /**
   * The doubt share a subject's phase counting used: with a {@link Options#phaseDoubtGrid()},
   * the one that did best on the other subjects.
   *
   * @param subject an evaluated subject whose repetitions a phase model counted
   * @return the share
   * @throws IllegalArgumentException if no phase model counted the subject's repetitions
   * @throws IllegalStateException if a grid is given and no other subject was counted
   */
  public double phaseDoubtShare(String subject) {
    Tally t = bySubject.get(subject);
    if (t == null || !t.phaseCounted) {
      throw new IllegalArgumentException("no phase counting for subject " + subject);
    }
    return options.phaseDoubtShares().get(phaseChoice(subject));
  }

  /** Index of the doubt share a subject is counted with, chosen on the other subjects. */
  private int phaseChoice(String subject) {
    List<Double> shares = options.phaseDoubtShares();
    if (shares.size() == 1) {
      return 0;
    }
    List<String> others = new ArrayList<>();
    bySubject.forEach((s, t) -> {
      if (!s.equals(subject) && t.phaseCounted) {
        others.add(s);
      }
    });
    if (others.isEmpty()) {
      throw new IllegalStateException("choosing the phase counter's doubt share for subject "
          + subject + " needs another subject counted by a phase model");
    }
    int best = 0;
    long bestScore = Long.MIN_VALUE;
    for (int i = 0; i < shares.size(); i++) {
      long score = 0;
      for (String s : others) {
        Counted c = bySubject.get(s).phaseModel.get(i);
        score += RepEvaluation.choiceScore(c.sets, c.extras);
      }
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    return best;
  }

  private EvaluationReport report(String description, List<String> subjects) {
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
    List<String> shares = new ArrayList<>();
    for (String subject : subjects) {
      Tally t = bySubject.get(subject);
      steps.addAll(t.steps);
      shown.addAll(t.shown);
      skipped += t.skipped;
      sets.addAll(t.sets);
      repsModel.addAll(t.repsModel);
      repsTrue.addAll(t.repsTrue);
      extrasModel.add(t.extrasModel);
      extrasTrue.add(t.extrasTrue);
      if (t.phaseCounted) {
        int choice = phaseChoice(subject);
        t.phaseModel.get(choice).addTo(phaseModel, extrasPhaseModel);
        if (options.repsFromTrueLabel()) {
          t.phaseTrue.get(choice).addTo(phaseTrue, extrasPhaseTrue);
        }
        shares.add(subject + ": " + options.phaseDoubtShares().get(choice));
      }
      counted |= t.counted;
      phaseCounted |= t.phaseCounted;
    }
    String doubt = options.phaseDoubtGrid().isEmpty()
        ? ", doubt share " + options.phaseCounter().doubtShare()
        : ", doubt share chosen on the other subjects from " + options.phaseDoubtGrid() + " ("
            + String.join(", ", shares) + ")";
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
            "repetitions by the phase model, live label = model's smoothed label" + doubt,
            phaseModel, extrasPhaseModel))
        : Optional.empty();
    Optional<RepEvaluation.Report> phaseByTruth = options.repsFromTrueLabel() && phaseCounted
        ? Optional.of(new RepEvaluation.Report(
            "repetitions by the phase model, live label = true label" + doubt, phaseTrue,
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
