package org.imucompanion.models.athlete;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExerciseSet;
import org.imucompanion.models.dataset.ExerciseSets;
import org.imucompanion.models.dataset.ExermoteReader;

/**
 * Derives {@link AthleteTemplates} from Exermote recordings.
 *
 * <p>Method: every repetition (a {@code firstHalf} run directly followed by a {@code secondHalf}
 * run of the same exercise) is cut out and resampled linearly to a fixed number of points, so
 * repetitions are aligned by their labelled boundaries and by the half-way mark (each half is
 * resampled separately onto its mean share of the points). Per exercise the shapes are averaged
 * per channel. The variation figures are measured on the same cuts: duration, an amplitude scale
 * per repetition (least-squares fit of its zero-mean shape to the template's), the pauses
 * ({@code Break}) between repetitions and their arm pose, repetitions per set, rests ({@code
 * setBreak}) between sets, the spread of subjects' mean gravity direction, and what the scaled
 * template leaves unexplained per channel.
 *
 * <p>The recordings are read only through the directory given; nothing per-sample is kept.
 */
public final class TemplateBuilder {
  /** Default points per time-normalized repetition. */
  public static final int DEFAULT_POINTS = 64;

  private static final double PERIOD_S = 1.0 / ExermoteReader.SAMPLE_RATE_HZ;
  private static final String BREAK = ExerciseSets.EXERMOTE_PAUSE;
  /** A channel's gain is capped: a flat mean with noisy repetitions must not become noise. */
  private static final double MAX_GAIN = 3.0;

  private final int points;

  /**
   * A builder normalizing repetitions to a number of points.
   *
   * @param points points per repetition, at least 8
   */
  public TemplateBuilder(int points) {
    if (points < 8) {
      throw new IllegalArgumentException("at least 8 points: " + points);
    }
    this.points = points;
  }

  /**
   * Builds templates from Exermote recordings, writes them to a file, and prints a summary.
   *
   * @param args the Exermote directory and the output file
   * @throws IOException if reading or writing fails
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: TemplateBuilder <exermote-dir> <out.properties>");
      System.exit(2);
    }
    Dataset dataset = new ExermoteReader().read(Path.of(args[0]));
    AthleteTemplates t = new TemplateBuilder(DEFAULT_POINTS).build(dataset);
    try (Writer w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
      t.write(w, "java -cp <models classes and dependencies> " + TemplateBuilder.class.getName()
          + " <exermote-dir> <out> (see README.md beside this file)");
    }
    for (ExerciseTemplate e : t.exercises()) {
      System.out.printf(Locale.ROOT,
          "%-7s reps %4d  duration %.2f±%.2f s  first half %.2f  amplitude sd %.2f"
              + "  pause %.2f±%.2f s  reps/set %d..%d%n",
          e.exercise(), e.repCount(), e.durationMean(), e.durationSd(), e.firstHalfShare(),
          e.amplitudeSd(), e.pauseMean(), e.pauseSd(), e.minReps(), e.maxReps());
    }
    System.out.printf(Locale.ROOT, "rest %.1f±%.1f s, orientation spread %.1f deg%n",
        t.rest().durationMean(), t.rest().durationSd(),
        Math.toDegrees(t.rest().orientationSpreadRad()));
  }

  /** Per-exercise accumulators. */
  private final class Accumulator {
    final List<double[][]> reps = new ArrayList<>();
    final List<Double> durations = new ArrayList<>();
    final List<Double> shares = new ArrayList<>();
    final List<Double> pauses = new ArrayList<>();
    final double[] pauseGravity = new double[3];
    final Map<String, double[]> subjectGravity = new LinkedHashMap<>();
    int minReps = Integer.MAX_VALUE;
    int maxReps = 0;
  }

  /**
   * Builds the templates.
   *
   * @param dataset Exermote recordings (the reader's layout)
   * @return the templates
   * @throws IllegalArgumentException if the dataset holds no repetition
   */
  public AthleteTemplates build(Dataset dataset) {
    Map<String, Accumulator> acc = new LinkedHashMap<>();
    List<Double> restDurations = new ArrayList<>();
    double[] restGravity = new double[3];
    double[] restSq = new double[ExerciseTemplate.CHANNELS];
    long[] restCount = new long[1];
    for (Recording r : dataset.recordings()) {
      int[] ch = channelIndices(r);
      List<int[]> runs = runs(r);
      for (int k = 0; k < runs.size(); k++) {
        int[] run = runs.get(k);
        String label = r.labelName(run[0]);
        RepPhase phase = r.phase(run[0]);
        if (phase == RepPhase.FIRST_HALF && k + 1 < runs.size()) {
          int[] second = runs.get(k + 1);
          if (r.phase(second[0]) == RepPhase.SECOND_HALF && r.labelName(second[0]).equals(label)
              && second[1] - run[0] >= 3) {
            Accumulator a = acc.computeIfAbsent(label, x -> new Accumulator());
            addRep(a, r, ch, run[0], second[0], second[1]);
            // A pause is a Break run between this repetition and the next one of the same set.
            if (k + 3 < runs.size()) {
              int[] pause = runs.get(k + 2);
              int[] next = runs.get(k + 3);
              if (r.labelName(pause[0]).equals(BREAK) && r.labelName(next[0]).equals(label)
                  && r.phase(next[0]) == RepPhase.FIRST_HALF) {
                a.pauses.add((pause[1] - pause[0]) * PERIOD_S);
                for (int i = pause[0]; i < pause[1]; i++) {
                  for (int d = 0; d < 3; d++) {
                    a.pauseGravity[d] += r.value(ch[d], i);
                  }
                }
              }
            }
          }
        }
        if (label.equals(ExerciseSets.EXERMOTE_SET_BREAK) && k > 0 && k + 1 < runs.size()) {
          // Only rests between two exercise runs: a session's opening and closing idle is not one.
          restDurations.add((run[1] - run[0]) * PERIOD_S);
          double[] mean = new double[ExerciseTemplate.CHANNELS];
          for (int i = run[0]; i < run[1]; i++) {
            for (int c = 0; c < mean.length; c++) {
              mean[c] += r.value(ch[c], i) / (run[1] - run[0]);
            }
          }
          for (int d = 0; d < 3; d++) {
            restGravity[d] += mean[d] * (run[1] - run[0]);
          }
          for (int i = run[0]; i < run[1]; i++) {
            for (int c = 0; c < mean.length; c++) {
              double v = r.value(ch[c], i) - mean[c];
              restSq[c] += v * v;
            }
            restCount[0]++;
          }
        }
      }
      for (ExerciseSet s : ExerciseSets.of(r)) {
        Accumulator a = acc.get(s.exercise());
        if (a != null) {
          a.minReps = Math.min(a.minReps, s.repetitions());
          a.maxReps = Math.max(a.maxReps, s.repetitions());
        }
      }
    }
    if (acc.isEmpty()) {
      throw new IllegalArgumentException("no repetition in " + dataset.name());
    }
    List<ExerciseTemplate> templates = new ArrayList<>();
    double spreadSq = 0;
    int spreadN = 0;
    for (Map.Entry<String, Accumulator> e : acc.entrySet()) {
      Accumulator a = e.getValue();
      templates.add(template(e.getKey(), a));
      double[] all = new double[3];
      for (double[] g : a.subjectGravity.values()) {
        double[] u = unit(g);
        for (int d = 0; d < 3; d++) {
          all[d] += u[d];
        }
      }
      double[] mean = unit(all);
      for (double[] g : a.subjectGravity.values()) {
        double[] u = unit(g);
        double dot = Math.max(-1, Math.min(1, u[0] * mean[0] + u[1] * mean[1] + u[2] * mean[2]));
        double angle = Math.acos(dot);
        spreadSq += angle * angle;
        spreadN++;
      }
    }
    double[] restNoise = new double[ExerciseTemplate.CHANNELS];
    for (int c = 0; c < restNoise.length; c++) {
      restNoise[c] = restCount[0] > 0 ? Math.sqrt(restSq[c] / restCount[0]) : 0.01;
    }
    double[] ms = meanSd(restDurations);
    RestTemplate rest = new RestTemplate(unit(restGravity), restNoise,
        restDurations.isEmpty() ? 10 : ms[0], ms[1],
        spreadN == 0 ? 0 : Math.sqrt(spreadSq / spreadN));
    String source = dataset.name() + ": " + dataset.recordings().size() + " sessions, "
        + dataset.recordings().stream().map(Recording::subject).distinct().count()
        + " subjects";
    return new AthleteTemplates(source, templates, rest);
  }

  private void addRep(Accumulator a, Recording r, int[] ch, int start, int mid, int end) {
    int n = end - start;
    double share = (mid - start) / (double) n;
    double[][] cut = new double[ExerciseTemplate.CHANNELS][n];
    for (int c = 0; c < cut.length; c++) {
      for (int i = 0; i < n; i++) {
        cut[c][i] = r.value(ch[c], start + i);
      }
    }
    a.reps.add(cut);
    a.shares.add(share);
    a.durations.add(n * PERIOD_S);
    double[] g = a.subjectGravity.computeIfAbsent(r.subject(), s -> new double[3]);
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < 3; d++) {
        g[d] += cut[d][i];
      }
    }
  }

  private ExerciseTemplate template(String exercise, Accumulator a) {
    double share = meanSd(a.shares)[0];
    int firstPoints = (int) Math.round(share * (points - 1));
    List<double[][]> normalized = new ArrayList<>();
    for (double[][] cut : a.reps) {
      int n = cut[0].length;
      int mid = (int) Math.round(a.shares.get(normalized.size()) * n);
      double[][] out = new double[cut.length][points];
      for (int c = 0; c < cut.length; c++) {
        for (int p = 0; p < points; p++) {
          // Piecewise-linear time warp: the first half onto the first points, the rest after.
          double x = p <= firstPoints
              ? (firstPoints == 0 ? 0 : p * (double) mid / firstPoints)
              : mid + (p - firstPoints) * (double) (n - 1 - mid) / (points - 1 - firstPoints);
          out[c][p] = interpolate(cut[c], x);
        }
      }
      normalized.add(out);
    }
    double[][] mean = new double[ExerciseTemplate.CHANNELS][points];
    for (double[][] rep : normalized) {
      for (int c = 0; c < mean.length; c++) {
        for (int p = 0; p < points; p++) {
          mean[c][p] += rep[c][p] / normalized.size();
        }
      }
    }
    // The mean of unit gravity vectors is shorter than 1 where people differ: renormalize.
    for (int p = 0; p < points; p++) {
      double[] u = unit(new double[] {mean[0][p], mean[1][p], mean[2][p]});
      for (int d = 0; d < 3; d++) {
        mean[d][p] = u[d];
      }
    }
    double[] meanOffset = new double[mean.length];
    for (int c = 0; c < mean.length; c++) {
      meanOffset[c] = average(mean[c]);
    }
    double[] repVariance = new double[mean.length];
    double[] gain = new double[mean.length];
    for (double[][] rep : normalized) {
      for (int c = 0; c < mean.length; c++) {
        repVariance[c] += variance(rep[c]) / normalized.size();
      }
    }
    for (int c = 0; c < mean.length; c++) {
      double v = variance(mean[c]);
      gain[c] = v > 1e-12 ? Math.min(MAX_GAIN, Math.sqrt(repVariance[c] / v)) : 1;
    }
    List<Double> scales = new ArrayList<>();
    double[] residualSq = new double[mean.length];
    for (double[][] rep : normalized) {
      double num = 0;
      double den = 0;
      double[] off = new double[mean.length];
      for (int c = 0; c < mean.length; c++) {
        off[c] = average(rep[c]);
        for (int p = 0; p < points; p++) {
          double m = mean[c][p] - meanOffset[c];
          double x = rep[c][p] - off[c];
          num += x * x;
          den += m * m;
        }
      }
      // Amplitude scale: the repetition's zero-mean energy against the template's (a
      // least-squares projection would also absorb differences of shape and orientation).
      double s = den > 0 ? Math.sqrt(num / den) : 1;
      scales.add(s);
      for (int c = 0; c < mean.length; c++) {
        for (int p = 0; p < points; p++) {
          double v = rep[c][p] - off[c] - s * (mean[c][p] - meanOffset[c]);
          residualSq[c] += v * v / ((double) points * normalized.size());
        }
      }
    }
    double[] noise = new double[mean.length];
    for (int c = 0; c < noise.length; c++) {
      noise[c] = Math.sqrt(residualSq[c]);
    }
    double[] duration = meanSd(a.durations);
    double[] pause = meanSd(a.pauses);
    double[] pauseGravity = a.pauses.isEmpty()
        ? new double[] {mean[0][0], mean[1][0], mean[2][0]} : unit(a.pauseGravity);
    int minReps = a.maxReps == 0 ? 2 : a.minReps;
    int maxReps = a.maxReps == 0 ? 10 : a.maxReps;
    return new ExerciseTemplate(exercise, mean, share, a.reps.size(), duration[0], duration[1],
        relativeSd(scales), a.pauses.isEmpty() ? 0 : pause[0], pause[1], pauseGravity,
        minReps, maxReps, noise, gain);
  }

  /** Maximal runs of equal label and phase, as {start, endExclusive}. */
  private static List<int[]> runs(Recording r) {
    List<int[]> runs = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= r.size(); i++) {
      if (i == r.size() || r.label(i) != r.label(start) || r.phase(i) != r.phase(start)) {
        runs.add(new int[] {start, i});
        start = i;
      }
    }
    return runs;
  }

  private static int[] channelIndices(Recording r) {
    List<String> names = new ArrayList<>(Channels.GRAVITY);
    names.addAll(Channels.LIN_ACC);
    names.addAll(Channels.GYRO);
    return names.stream().mapToInt(n -> r.layout().require(n)).toArray();
  }

  private static double interpolate(double[] v, double x) {
    int i = Math.max(0, Math.min((int) Math.floor(x), v.length - 2));
    double f = Math.max(0, Math.min(1, x - i));
    return v[i] * (1 - f) + v[i + 1] * f;
  }

  private static double variance(double[] v) {
    double m = average(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / v.length;
  }

  private static double average(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double[] meanSd(List<Double> values) {
    if (values.isEmpty()) {
      return new double[] {0, 0};
    }
    double m = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
    return new double[] {m, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0};
  }

  private static double relativeSd(List<Double> values) {
    double[] ms = meanSd(values);
    return ms[0] > 0 ? ms[1] / ms[0] : 0;
  }

  static double[] unit(double[] v) {
    double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return n > 0 ? new double[] {v[0] / n, v[1] / n, v[2] / n} : new double[] {0, 0, 1};
  }
}
