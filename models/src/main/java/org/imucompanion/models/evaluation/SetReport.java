package org.imucompanion.models.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-set coach view over many sets: how many showed the right exercise most of the time,
 * how long the right label took to appear (median, p90, share within {@link
 * #DELAY_TARGET_SECONDS}), and how many sets flickered (more than one label change: the change
 * from rest into the exercise is expected).
 *
 * @param sets every scored set
 */
public record SetReport(List<SetOutcome> sets) {
  /** The delay the target allows between a set's start and its right label. */
  public static final double DELAY_TARGET_SECONDS = 1.5;

  /** Copies the list. */
  public SetReport {
    sets = List.copyOf(sets);
  }

  /**
   * Aggregate figures for one exercise or all.
   *
   * @param exercise exercise, or {@code all}
   * @param sets number of sets
   * @param right sets whose exercise was shown most of the set
   * @param neverShown sets whose exercise was never shown
   * @param medianDelaySeconds median delay (infinite if at least half were never shown)
   * @param p90DelaySeconds 90th percentile delay (nearest rank)
   * @param withinTargetShare share of sets shown within {@link #DELAY_TARGET_SECONDS}
   * @param flickering sets with more than one label change
   * @param maxChanges the most label changes in one set
   */
  public record Summary(String exercise, int sets, int right, int neverShown,
      double medianDelaySeconds, double p90DelaySeconds, double withinTargetShare,
      int flickering, int maxChanges) {}

  /**
   * One summary per exercise (alphabetical), then one over all sets.
   *
   * @return the summaries
   */
  public List<Summary> summaries() {
    Map<String, List<SetOutcome>> by = new TreeMap<>();
    for (SetOutcome s : sets) {
      by.computeIfAbsent(s.exercise(), k -> new ArrayList<>()).add(s);
    }
    List<Summary> out = new ArrayList<>();
    by.forEach((e, list) -> out.add(summarize(e, list)));
    out.add(overall());
    return out;
  }

  /**
   * The summary over all sets.
   *
   * @return it
   */
  public Summary overall() {
    return summarize("all", sets);
  }

  static Summary summarize(String exercise, List<SetOutcome> list) {
    int right = 0;
    int never = 0;
    int within = 0;
    int flicker = 0;
    int max = 0;
    double[] delays = new double[list.size()];
    for (int i = 0; i < list.size(); i++) {
      SetOutcome s = list.get(i);
      right += s.rightMostOfTheSet() ? 1 : 0;
      never += Double.isInfinite(s.delaySeconds()) ? 1 : 0;
      within += s.delaySeconds() <= DELAY_TARGET_SECONDS ? 1 : 0;
      flicker += s.labelChanges() > 1 ? 1 : 0;
      max = Math.max(max, s.labelChanges());
      delays[i] = s.delaySeconds();
    }
    Arrays.sort(delays);
    int n = list.size();
    return new Summary(exercise, n, right, never, percentile(delays, 50),
        percentile(delays, 90), n == 0 ? Double.NaN : (double) within / n, flicker, max);
  }

  /**
   * Nearest-rank percentile of sorted values.
   *
   * @param sorted ascending values
   * @param p percentile in (0, 100]
   * @return the value, NaN if empty
   */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  /**
   * Fixed-width table of {@link #summaries()}.
   *
   * @param title first line
   * @return the text
   */
  public String table(String title) {
    StringBuilder b = new StringBuilder(title).append('\n');
    b.append(String.format(Locale.ROOT, "%-8s %5s %6s %6s %9s %9s %8s %10s %6s%n", "exercise",
        "sets", "right", "never", "delay med", "delay p90", "<=1.5 s", ">1 change", "max"));
    for (Summary s : summaries()) {
      b.append(String.format(Locale.ROOT, "%-8s %5d %6d %6d %8.1fs %8.1fs %7.1f%% %10d %6d%n",
          s.exercise(), s.sets(), s.right(), s.neverShown(), s.medianDelaySeconds(),
          s.p90DelaySeconds(), 100 * s.withinTargetShare(), s.flickering(), s.maxChanges()));
    }
    return b.toString();
  }
}
