package org.imucompanion.models.classifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What a coach would have seen in leave-one-subject-out evaluation: replays the per-window
 * probabilities that {@code models/training/train.py loso} wrote (for windows exported by the
 * live streaming pipeline) through {@link LabelSmoother}, session by session, and prints per-step
 * and per-set figures. A main for the model card, not a test.
 *
 * <p>A set is a run of windows labelled with one exercise whose inner rest gaps are shorter than
 * 4 s (Exermote's pause between repetitions lasts up to 3 s; between sets, usually 20 s). Per
 * set: whether the label shown most of the time is the set's exercise; the delay from the set's
 * first exercise window to the first window showing that exercise; and the number of label
 * changes inside the set. There is no look-ahead: labels are causal, the delay includes the
 * smoother's dwell.
 *
 * <pre>
 * java -cp models/target/classes:models/target/test-classes \
 *   org.imucompanion.models.classifier.LosoSetEvaluation PREDICTIONS.csv HOP_SECONDS \
 *   [averaging enter switch rest margin confidence]
 * </pre>
 */
public final class LosoSetEvaluation {
  private static final double SET_GAP_SECONDS = 4.0;

  private LosoSetEvaluation() {}

  /**
   * Runs the evaluation.
   *
   * @param args predictions CSV, seconds between windows, optionally the six smoother settings
   *     in seconds/probabilities (defaults: those of {@link LabelSmoother.Settings#defaults})
   * @throws IOException if the CSV can't be read
   */
  public static void main(String[] args) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    double hop = Double.parseDouble(args[1]);
    double[] s = args.length >= 8
        ? Arrays.stream(args, 2, 8).mapToDouble(Double::parseDouble).toArray()
        : new double[] {0.3, 0.3, 2.0, 3.5, 0.1, 0.5};
    String[] header = lines.get(0).split(",");
    List<String> classes = new ArrayList<>();
    for (int i = 7; i < header.length; i++) {
      classes.add(header[i].substring(2));
    }
    int k = classes.size();
    int rest = classes.indexOf("Rest");
    TreeMap<Integer, String[]> byWindow = new TreeMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      byWindow.put(Integer.parseInt(f[1]), f);
    }
    LabelSmoother smoother = new LabelSmoother(classes,
        rest >= 0 ? OptionalInt.of(rest) : OptionalInt.empty(),
        LabelSmoother.Settings.ofSeconds(hop, s[0], s[1], s[2], s[3], s[4], s[5]));
    int n = byWindow.size();
    int[] shown = new int[n];
    int[] truth = new int[n];
    int[] session = new int[n];
    double[] time = new double[n];
    long[][] rawConfusion = new long[k][k];
    long[][] shownConfusion = new long[k][k];
    int i = 0;
    int previousSession = Integer.MIN_VALUE;
    for (String[] f : byWindow.values()) {
      session[i] = Integer.parseInt(f[3]);
      time[i] = Double.parseDouble(f[4]);
      truth[i] = Integer.parseInt(f[5]);
      if (session[i] != previousSession) {
        smoother.reset();
        previousSession = session[i];
      }
      float[] p = new float[k];
      for (int c = 0; c < k; c++) {
        p[c] = Float.parseFloat(f[7 + c]);
      }
      shown[i] = smoother.step(p).classIndex();
      rawConfusion[truth[i]][Integer.parseInt(f[6])]++;
      shownConfusion[truth[i]][shown[i]]++;
      i++;
    }
    int sets = 0;
    int correct = 0;
    int shownWithin = 0;
    int flickering = 0;
    int maxChanges = 0;
    List<Double> delays = new ArrayList<>();
    for (i = 0; i < n; ) {
      if (truth[i] == rest) {
        i++;
        continue;
      }
      int exercise = truth[i];
      int start = i;
      int end = i;
      for (int j = i + 1; j < n && session[j] == session[start]; j++) {
        if (truth[j] == exercise) {
          end = j;
        } else if (truth[j] != rest || time[j] - time[end] >= SET_GAP_SECONDS) {
          break;
        }
      }
      sets++;
      int[] count = new int[k];
      int changes = 0;
      int first = -1;
      for (int q = start; q <= end; q++) {
        count[shown[q]]++;
        if (q > start && shown[q] != shown[q - 1]) {
          changes++;
        }
        if (first < 0 && shown[q] == exercise) {
          first = q;
        }
      }
      int most = 0;
      for (int c = 1; c < k; c++) {
        most = count[c] > count[most] ? c : most;
      }
      correct += most == exercise ? 1 : 0;
      double delay = first < 0 ? Double.POSITIVE_INFINITY : time[first] - time[start];
      delays.add(delay);
      shownWithin += delay <= 1.5 ? 1 : 0;
      flickering += changes > 1 ? 1 : 0;
      maxChanges = Math.max(maxChanges, changes);
      i = end + 1;
    }
    delays.sort(null);
    long neverShown = delays.stream().filter(d -> d.isInfinite()).count();
    System.out.printf(Locale.ROOT, "%s%n  smoother: averaging %.2f s, enter %.2f s, switch %.2f s,"
        + " rest %.2f s, margin %.2f, confidence %.2f (hop %.2f s)%n", args[0], s[0], s[1], s[2],
        s[3], s[4], s[5], hop);
    System.out.printf(Locale.ROOT, "  per step (%d windows): macro-F1 raw arg-max %.4f, shown"
        + " (smoothed) %.4f%n", n, macroF1(rawConfusion), macroF1(shownConfusion));
    System.out.printf(Locale.ROOT, "  per set (%d sets): right exercise shown most %d; shown within"
        + " 1.5 s %d; never shown %d; delay median %.1f s, p90 %.1f s; sets with more than one"
        + " label change %d (max %d changes)%n", sets, correct, shownWithin, neverShown,
        percentile(delays, 50), percentile(delays, 90), flickering, maxChanges);
  }

  private static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, idx)));
  }

  private static double macroF1(long[][] cm) {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < cm.length; c++) {
      long tp = cm[c][c];
      long predicted = 0;
      long actual = 0;
      for (int r = 0; r < cm.length; r++) {
        predicted += cm[r][c];
        actual += cm[c][r];
      }
      if (actual == 0) {
        continue;
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = (double) tp / actual;
      sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      present++;
    }
    return sum / present;
  }
}
