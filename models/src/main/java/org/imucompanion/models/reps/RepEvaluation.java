package org.imucompanion.models.reps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExerciseSet;
import org.imucompanion.models.dataset.ExerciseSets;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.RecordingReplay;

/**
 * Measures the rep counter against the repetitions a recording's labels describe: each session
 * is replayed through the streaming pipeline ({@link RecordingReplay}, the live code path) into a
 * {@link RepCounter} whose live label is the recording's own label (which has no delay, so the
 * counter's retroactive start is off and there is no rest probability), and its events are
 * compared set by set with {@link ExerciseSets}.
 *
 * <p>Counts are read as a coach reads them, by the counter's sets ({@link #score}): a set's count
 * is the final count of the counter set matched to it, repetitions counted during the rest
 * around it included; a counter set matching no true set is a false set. The timing error of
 * an event is its distance to the nearest true repetition end of its set.
 */
public final class RepEvaluation {
  /** How long after a set's last labelled sample an event still belongs to it. */
  public static final double SET_END_MARGIN_SECONDS = 1.5;

  /** Name of the overall row in {@link Report#rows()}. */
  public static final String ALL = "all";

  /**
   * Which channels the replayed "device" sends.
   *
   * @param description for reports
   * @param channels channel names taken from the recording
   */
  public record DeviceChannels(String description, List<String> channels) {
    /** Copies the list. */
    public DeviceChannels {
      Objects.requireNonNull(description, "description");
      channels = List.copyOf(channels);
    }

    /**
     * The phone's own channels (gravity from CoreMotion), as the training export uses.
     *
     * @return the choice
     */
    public static DeviceChannels exermotePhone() {
      return new DeviceChannels("phone (CoreMotion gravity)", ExermoteReader.LAYOUT.names());
    }

    /**
     * Only accelerometer and gyroscope, as a 6-axis wristband sends: gravity comes from the
     * pipeline's orientation filter.
     *
     * @return the choice
     */
    public static DeviceChannels sixAxis() {
      List<String> c = new ArrayList<>(Channels.ACCEL);
      c.addAll(Channels.GYRO);
      return new DeviceChannels("6-axis (Madgwick gravity)", c);
    }
  }

  /**
   * One true set and what the counter made of it.
   *
   * @param subject the recording's subject
   * @param session the recording's session id
   * @param exercise the set's exercise
   * @param startSeconds the set's start
   * @param trueCount repetitions the labels describe
   * @param counted repetitions the counter emitted within the set
   * @param timingErrorsSeconds per emitted repetition, its signed time minus the nearest true
   *     repetition end
   */
  public record SetResult(String subject, String session, String exercise, double startSeconds,
      int trueCount, int counted, List<Double> timingErrorsSeconds) {
    /** Copies the list. */
    public SetResult {
      timingErrorsSeconds = List.copyOf(timingErrorsSeconds);
    }

    /**
     * Counted minus true.
     *
     * @return the signed count error
     */
    public int error() {
      return counted - trueCount;
    }
  }

  /**
   * Aggregate figures for one exercise or for all.
   *
   * @param exercise exercise name, or {@link #ALL}
   * @param sets number of true sets
   * @param exactShare share of sets counted exactly
   * @param withinOneShare share of sets counted within plus or minus one
   * @param meanAbsoluteError mean absolute count error per set
   * @param medianTimingErrorSeconds median absolute distance between emitted and true
   *     repetition ends (NaN without events)
   * @param medianSignedTimingErrorSeconds median signed distance (positive: the counter is late)
   */
  public record Row(String exercise, int sets, double exactShare, double withinOneShare,
      double meanAbsoluteError, double medianTimingErrorSeconds,
      double medianSignedTimingErrorSeconds) {}

  /**
   * Repetitions the counter showed that belong to no true set's count as it should be, summed
   * over recordings by {@link #score}: those of false sets, and those counted into a true set
   * though they completed in the rest before or after it.
   */
  public static final class Extras {
    private int inFalseSets;
    private int outsideTheirSet;

    /**
     * Repetitions of the counter's false sets (sets matching no true set).
     *
     * @return the count
     */
    public int inFalseSets() {
      return inFalseSets;
    }

    /**
     * Repetitions counted into a true set's count though they completed outside it.
     *
     * @return the count
     */
    public int outsideTheirSet() {
      return outsideTheirSet;
    }

    /**
     * Adds another tally to this one.
     *
     * @param other the tally to add
     */
    public void add(Extras other) {
      inFalseSets += other.inFalseSets;
      outsideTheirSet += other.outsideTheirSet;
    }
  }

  /**
   * A whole evaluation.
   *
   * @param description what was evaluated (dataset, device channels, labels)
   * @param sets every true set
   * @param spuriousEvents events of the counter's false sets ({@link Extras#inFalseSets()})
   * @param strayEvents events counted into a true set's count though they completed before it
   *     began or more than {@link #SET_END_MARGIN_SECONDS} after it ended ({@link
   *     Extras#outsideTheirSet()}; already in the sets' errors, shown apart because they are
   *     counting during rest)
   */
  public record Report(String description, List<SetResult> sets, int spuriousEvents,
      int strayEvents) {
    /** Copies the list. */
    public Report {
      sets = List.copyOf(sets);
    }

    /**
     * A report with the extras a scoring summed.
     *
     * @param description see the record
     * @param sets see the record
     * @param extras the extra repetitions
     */
    public Report(String description, List<SetResult> sets, Extras extras) {
      this(description, sets, extras.inFalseSets(), extras.outsideTheirSet());
    }

    /**
     * One row per exercise (alphabetical) and a last row {@link #ALL}.
     *
     * @return the rows
     */
    public List<Row> rows() {
      Map<String, List<SetResult>> by = new TreeMap<>();
      for (SetResult s : sets) {
        by.computeIfAbsent(s.exercise(), k -> new ArrayList<>()).add(s);
      }
      List<Row> rows = new ArrayList<>();
      by.forEach((e, list) -> rows.add(row(e, list)));
      rows.add(row(ALL, sets));
      return rows;
    }

    /**
     * The overall row.
     *
     * @return the {@link #ALL} row
     */
    public Row overall() {
      return row(ALL, sets);
    }

    /**
     * A fixed-width table of {@link #rows()} for logs and the model card.
     *
     * @return the table, with a header line
     */
    public String table() {
      StringBuilder b = new StringBuilder();
      b.append(description).append('\n');
      b.append(String.format(Locale.ROOT, "%-8s %5s %8s %8s %6s %10s %10s%n", "exercise", "sets",
          "exact", "+-1", "MAE", "|dt| med", "dt med"));
      for (Row r : rows()) {
        b.append(String.format(Locale.ROOT, "%-8s %5d %7.1f%% %7.1f%% %6.2f %9.2fs %9.2fs%n",
            r.exercise(), r.sets(), 100 * r.exactShare(), 100 * r.withinOneShare(),
            r.meanAbsoluteError(), r.medianTimingErrorSeconds(),
            r.medianSignedTimingErrorSeconds()));
      }
      b.append("repetitions in false sets: ").append(spuriousEvents)
          .append(", counted into a set outside it (rest before or after): ").append(strayEvents)
          .append('\n');
      return b.toString();
    }

    /**
     * The sets not counted exactly, one line each, for finding out why.
     *
     * @return the lines
     */
    public String miscounts() {
      StringBuilder b = new StringBuilder();
      for (SetResult s : sets) {
        if (s.error() != 0) {
          b.append(String.format(Locale.ROOT, "%-7s subject %s %s at %6.1fs: true %2d counted %2d%n",
              s.exercise(), s.subject(), s.session(), s.startSeconds(), s.trueCount(),
              s.counted()));
        }
      }
      return b.toString();
    }

    private static Row row(String exercise, List<SetResult> list) {
      int n = list.size();
      int exact = 0;
      int within = 0;
      double abs = 0;
      List<Double> dt = new ArrayList<>();
      for (SetResult s : list) {
        exact += s.error() == 0 ? 1 : 0;
        within += Math.abs(s.error()) <= 1 ? 1 : 0;
        abs += Math.abs(s.error());
        dt.addAll(s.timingErrorsSeconds());
      }
      double[] signed = dt.stream().mapToDouble(Double::doubleValue).toArray();
      double[] absolute = dt.stream().mapToDouble(d -> Math.abs(d)).toArray();
      return new Row(exercise, n, n == 0 ? Double.NaN : (double) exact / n,
          n == 0 ? Double.NaN : (double) within / n, n == 0 ? Double.NaN : abs / n,
          median(absolute), median(signed));
    }
  }

  private RepEvaluation() {}

  /**
   * Replays one recording and compares the counter's events with its sets, using the
   * recording's labels as the live label.
   *
   * @param recording a recording with phase labels
   * @param device the channels the replayed device sends
   * @param settings pipeline settings; their channels must include every profile's signal
   * @param profiles the rep profiles
   * @param counterSettings the counter's stream-level settings
   * @param extras receives the extra repetitions, as in {@link #score}
   * @return one result per true set
   */
  public static List<SetResult> evaluate(Recording recording, DeviceChannels device,
      PipelineSettings settings, RepProfiles profiles, RepCounter.Settings counterSettings,
      Extras extras) {
    List<ExerciseSet> truth = ExerciseSets.of(recording);
    // The recording's own label has no delay and names no false sets: nothing to count
    // retroactively, no lone first repetition to wait on.
    RepCounter counter = new RepCounter(org.imucompanion.models.ChannelLayout.of(
        settings.channels()), settings.targetRateHz(), profiles,
        counterSettings.forTrueLabel());
    List<RepEvent> events = new ArrayList<>();
    RecordingReplay.replay(recording, device.channels(),
        settings.withInputRate(ExermoteReader.SAMPLE_RATE_HZ),
        new RecordingReplay.WindowListener() {
          @Override
          public void onWindow(float[] window, double end, String label, RepPhase phase) {}

          @Override
          public void onSample(double t, double[] values, String label, RepPhase phase) {
            counter.step(t, values, label).ifPresent(events::add);
          }
        });
    return score(recording, truth, events, extras);
  }

  /**
   * Compares a counter's events with a recording's true sets, whatever drove the counter's live
   * label (the recording's own label here, a model's smoothed label in {@code
   * org.imucompanion.models.evaluation.StreamingEvaluation}), as a coach reads the counter: by
   * its sets. Each of the counter's sets ({@link RepEvent#setNumber()}) is matched to the true
   * set of its exercise holding most of its events (an event is in a true set between the set's
   * first labelled sample and {@link #SET_END_MARGIN_SECONDS} after its last); the true set's
   * count is the final count of the counter's sets matched to it, including repetitions counted
   * before the set began or after it ended (the coach saw them in that set's count). A counter
   * set with no event in a true set of its exercise is a false set.
   *
   * @param recording the recording (for its subject and session)
   * @param truth its sets ({@link ExerciseSets#of(Recording)})
   * @param events the counter's events, in time order
   * @param extras receives the events of false sets and those counted into a matched set
   *     though they completed outside it
   * @return one result per true set
   */
  public static List<SetResult> score(Recording recording, List<ExerciseSet> truth,
      List<RepEvent> events, Extras extras) {
    Map<Integer, int[]> votes = new HashMap<>();
    for (RepEvent e : events) {
      int owner = owner(truth, e.timeSeconds());
      int[] v = votes.computeIfAbsent(e.setNumber(), k -> new int[truth.size()]);
      // Only a set of the same exercise: "Squat x3" shown during a burpee set is not its count.
      if (owner >= 0 && truth.get(owner).exercise().equals(e.exercise())) {
        v[owner]++;
      }
    }
    Map<Integer, Integer> matched = new HashMap<>();
    votes.forEach((set, v) -> {
      int best = -1;
      for (int i = 0; i < v.length; i++) {
        if (v[i] > 0 && (best < 0 || v[i] > v[best])) {
          best = i;
        }
      }
      matched.put(set, best);
    });
    List<List<Double>> times = new ArrayList<>();
    for (int i = 0; i < truth.size(); i++) {
      times.add(new ArrayList<>());
    }
    for (RepEvent e : events) {
      int m = matched.get(e.setNumber());
      if (m < 0) {
        extras.inFalseSets++;
        continue;
      }
      times.get(m).add(e.timeSeconds());
      if (owner(truth, e.timeSeconds()) != m) {
        extras.outsideTheirSet++;
      }
    }
    List<SetResult> out = new ArrayList<>();
    for (int i = 0; i < truth.size(); i++) {
      ExerciseSet s = truth.get(i);
      List<Double> errors = new ArrayList<>();
      for (double t : times.get(i)) {
        double best = Double.POSITIVE_INFINITY;
        for (double end : s.repetitionEndsSeconds()) {
          if (Math.abs(t - end) < Math.abs(best)) {
            best = t - end;
          }
        }
        errors.add(best);
      }
      out.add(new SetResult(recording.subject(), recording.sessionId(), s.exercise(),
          s.startSeconds(), s.repetitions(), times.get(i).size(), errors));
    }
    return out;
  }

  /** The true set whose span (plus the end margin) holds this time, or -1. */
  private static int owner(List<ExerciseSet> truth, double t) {
    for (int i = 0; i < truth.size(); i++) {
      ExerciseSet s = truth.get(i);
      if (t >= s.startSeconds() && t <= s.endSeconds() + SET_END_MARGIN_SECONDS) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Evaluates every recording of a dataset.
   *
   * @param dataset the dataset (recordings with phase labels)
   * @param device the channels the replayed device sends
   * @param settings pipeline settings
   * @param profiles rep profiles
   * @param counterSettings counter settings
   * @return the report
   */
  public static Report evaluate(Dataset dataset, DeviceChannels device,
      PipelineSettings settings, RepProfiles profiles, RepCounter.Settings counterSettings) {
    List<SetResult> all = new ArrayList<>();
    Extras extras = new Extras();
    for (Recording r : dataset.recordings()) {
      all.addAll(evaluate(r, device, settings, profiles, counterSettings, extras));
    }
    return new Report(dataset.name() + ", " + dataset.recordings().size() + " sessions, device "
        + device.description() + ", live label = true label", all, extras);
  }

  /**
   * One point of the tuning grid of {@link #leaveOneSubjectOut}.
   *
   * @param minExcursionShare the counter's {@link RepCounter.Settings#minExcursionShare()}
   * @param hysteresis every profile's {@link RepProfile#hysteresis()}
   */
  public record Candidate(double minExcursionShare, double hysteresis) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "excursion %.2f, hysteresis %.2f", minExcursionShare,
          hysteresis);
    }
  }

  /**
   * The outcome of a leave-one-subject-out evaluation.
   *
   * @param heldOut every subject's sets, counted with the candidate chosen without that subject
   * @param chosen per held-out subject, the candidate chosen on the others
   */
  public record SubjectWiseResult(Report heldOut, Map<String, Candidate> chosen) {
    /** Copies the map. */
    public SubjectWiseResult {
      chosen = java.util.Collections.unmodifiableMap(new TreeMap<>(chosen));
    }
  }

  /**
   * Leave-one-subject-out: for each subject, picks the grid point that counts the most sets
   * exactly (then within one, then fewest extra repetitions) on the other subjects, and
   * reports that subject's sets counted with it. The pooled held-out figures are what a new
   * person can expect from parameters tuned on these recordings.
   *
   * @param dataset recordings with phase labels and subject ids
   * @param device the channels the replayed device sends
   * @param settings pipeline settings
   * @param profiles the base profiles (each gets the candidate's hysteresis)
   * @param counterSettings the base counter settings (they get the candidate's excursion share)
   * @param grid the candidates
   * @return the held-out report and the choice per subject
   */
  public static SubjectWiseResult leaveOneSubjectOut(Dataset dataset, DeviceChannels device,
      PipelineSettings settings, RepProfiles profiles, RepCounter.Settings counterSettings,
      List<Candidate> grid) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("empty tuning grid");
    }
    // results[candidate] -> subject -> sets, extras[candidate] -> subject -> extra repetitions
    List<Map<String, List<SetResult>>> results = new ArrayList<>();
    List<Map<String, Extras>> extras = new ArrayList<>();
    for (Candidate c : grid) {
      RepProfiles p = RepProfiles.of(profiles.profiles().stream()
          .map(x -> x.withHysteresis(c.hysteresis())).toList());
      RepCounter.Settings s = counterSettings.withMinExcursionShare(c.minExcursionShare());
      Map<String, List<SetResult>> bySubject = new TreeMap<>();
      Map<String, Extras> extrasBySubject = new TreeMap<>();
      for (Recording r : dataset.recordings()) {
        bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).addAll(evaluate(r, device,
            settings, p, s, extrasBySubject.computeIfAbsent(r.subject(), k -> new Extras())));
      }
      results.add(bySubject);
      extras.add(extrasBySubject);
    }
    List<String> subjects = new ArrayList<>(results.get(0).keySet());
    List<SetResult> heldOut = new ArrayList<>();
    Extras heldOutExtras = new Extras();
    Map<String, Candidate> chosen = new TreeMap<>();
    for (String subject : subjects) {
      int best = -1;
      long bestScore = Long.MIN_VALUE;
      for (int c = 0; c < grid.size(); c++) {
        long score = 0;
        for (String other : subjects) {
          if (!other.equals(subject)) {
            score += choiceScore(results.get(c).get(other), extras.get(c).get(other));
          }
        }
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      chosen.put(subject, grid.get(best));
      heldOut.addAll(results.get(best).get(subject));
      heldOutExtras.add(extras.get(best).get(subject));
    }
    return new SubjectWiseResult(new Report(dataset.name() + ", leave-one-subject-out over "
        + subjects + ", device " + device.description() + ", live label = true label", heldOut,
        heldOutExtras), chosen);
  }

  /**
   * How well a setting counted, for choosing among settings: most sets exact, then most within
   * one, then fewest extra repetitions ({@link Extras}). Scores of disjoint subjects add up to
   * the score of their union.
   *
   * @param sets the true sets as counted
   * @param extras the extra repetitions of that counting
   * @return the score, higher is better
   */
  public static long choiceScore(List<SetResult> sets, Extras extras) {
    long exact = 0;
    long within = 0;
    for (SetResult r : sets) {
      exact += r.error() == 0 ? 1 : 0;
      within += Math.abs(r.error()) <= 1 ? 1 : 0;
    }
    return exact * 1_000_000 + within * 1_000 - extras.inFalseSets() - extras.outsideTheirSet();
  }

  /**
   * The grid {@link #main} tunes over: excursion shares 0 to 0.6 and hysteresis 0.2 to 0.35.
   *
   * @return the candidates
   */
  public static List<Candidate> defaultGrid() {
    List<Candidate> g = new ArrayList<>();
    for (double e : new double[] {0.0, 0.2, 0.3, 0.4, 0.5, 0.6}) {
      for (double h : new double[] {0.2, 0.25, 0.3, 0.35}) {
        g.add(new Candidate(e, h));
      }
    }
    return g;
  }

  /**
   * Evaluates the default counter on the Exermote recordings and prints the tables.
   *
   * @param args the directory holding the Exermote CSV files
   * @throws IOException if the directory cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: RepEvaluation <exermote directory>");
      System.exit(2);
    }
    Dataset ds = new ExermoteReader().read(Path.of(args[0]));
    for (DeviceChannels device : List.of(DeviceChannels.exermotePhone(),
        DeviceChannels.sixAxis())) {
      System.out.println(evaluate(ds, device, PipelineSettings.exermoteDefault(),
          RepProfiles.defaults(), RepCounter.Settings.defaults()).table());
      SubjectWiseResult loso = leaveOneSubjectOut(ds, device, PipelineSettings.exermoteDefault(),
          RepProfiles.defaults(), RepCounter.Settings.defaults(), defaultGrid());
      System.out.println(loso.heldOut().table() + "chosen per held-out subject: "
          + loso.chosen() + "\n");
      if (System.getProperty("imu.reps.miscounts") != null) {
        System.out.println(evaluate(ds, device, PipelineSettings.exermoteDefault(),
            RepProfiles.defaults(), RepCounter.Settings.defaults()).miscounts());
      }
    }
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
