package org.imucompanion.models.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.imucompanion.models.reps.RepEvaluation;

/**
 * Every figure of one evaluation (one subject, or pooled).
 *
 * @param description what was evaluated
 * @param steps per step, the classifier's arg-max against the truth
 * @param shownSteps per step, the smoothed label a coach reads against the truth
 * @param skippedWindows windows whose true label has no class in the model
 * @param sets the per-set coach view
 * @param repsByModelLabel rep counting driven by the smoothed label, if the model's channels
 *     carry the counter's signal
 * @param repsByTrueLabel rep counting driven by the true label, if requested
 * @param repsByPhaseModel rep counting by a repetition-phase model under the smoothed label, if
 *     one was given
 * @param repsByPhaseModelTrueLabel the same under the true label, if both were requested
 */
public record EvaluationReport(String description, ClassificationReport steps,
    ClassificationReport shownSteps, long skippedWindows, SetReport sets,
    Optional<RepEvaluation.Report> repsByModelLabel,
    Optional<RepEvaluation.Report> repsByTrueLabel,
    Optional<RepEvaluation.Report> repsByPhaseModel,
    Optional<RepEvaluation.Report> repsByPhaseModelTrueLabel) {
  /** Checks for nulls. */
  public EvaluationReport {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(shownSteps, "shownSteps");
    Objects.requireNonNull(sets, "sets");
    Objects.requireNonNull(repsByModelLabel, "repsByModelLabel");
    Objects.requireNonNull(repsByTrueLabel, "repsByTrueLabel");
    Objects.requireNonNull(repsByPhaseModel, "repsByPhaseModel");
    Objects.requireNonNull(repsByPhaseModelTrueLabel, "repsByPhaseModelTrueLabel");
  }

  /**
   * All tables as text.
   *
   * @return the text
   */
  public String text() {
    StringBuilder b = new StringBuilder("== ").append(description).append(" ==\n");
    b.append(steps.table("per step, classifier arg-max (no smoothing, no look-ahead):"));
    b.append(String.format(Locale.ROOT,
        "per step, smoothed label shown to the coach: macro-F1 %.3f  accuracy %.3f%n",
        shownSteps.macroF1(), shownSteps.accuracy()));
    if (skippedWindows > 0) {
      b.append(skippedWindows).append(" windows skipped: their label has no class in this model\n");
    }
    if (sets.sets().isEmpty()) {
      b.append("per set: the recordings have no repetition-labelled sets\n");
    } else {
      b.append(sets.table("per set (causal labels; delay from set start to first right label):"));
      SetReport.Summary all = sets.overall();
      b.append(String.format(Locale.ROOT, "sets right %d/%d, delay median %.1f s, p90 %.1f s,"
          + " shown within 1.5 s %.1f %%, sets with > 1 change %d%n", all.right(), all.sets(),
          all.medianDelaySeconds(), all.p90DelaySeconds(), 100 * all.withinTargetShare(),
          all.flickering()));
    }
    repsByModelLabel.ifPresentOrElse(r -> b.append(r.table()),
        () -> b.append("repetitions not counted: the model's channels lack the counter's signal\n"));
    repsByTrueLabel.ifPresent(r -> b.append(r.table()));
    repsByPhaseModel.ifPresent(r -> b.append(r.table()));
    repsByPhaseModelTrueLabel.ifPresent(r -> b.append(r.table()));
    return b.toString();
  }

  /**
   * The report as a JSON object (figures only, no per-set rows).
   *
   * @return JSON text
   */
  public String toJson() {
    StringBuilder b = new StringBuilder("{");
    b.append("\"description\":").append(quote(description));
    b.append(",\"steps\":").append(json(steps));
    b.append(",\"shown_steps\":").append(json(shownSteps));
    b.append(",\"skipped_windows\":").append(skippedWindows);
    b.append(",\"sets\":[");
    List<String> items = new ArrayList<>();
    for (SetReport.Summary s : sets.summaries()) {
      items.add("{\"exercise\":" + quote(s.exercise()) + ",\"sets\":" + s.sets() + ",\"right\":"
          + s.right() + ",\"never_shown\":" + s.neverShown() + ",\"delay_median_s\":"
          + number(s.medianDelaySeconds()) + ",\"delay_p90_s\":" + number(s.p90DelaySeconds())
          + ",\"within_1_5_s_share\":" + number(s.withinTargetShare())
          + ",\"more_than_one_change\":" + s.flickering() + ",\"max_changes\":"
          + s.maxChanges() + "}");
    }
    b.append(String.join(",", items)).append(']');
    b.append(",\"reps_by_model_label\":")
        .append(repsByModelLabel.map(EvaluationReport::json).orElse("null"));
    b.append(",\"reps_by_true_label\":")
        .append(repsByTrueLabel.map(EvaluationReport::json).orElse("null"));
    b.append(",\"reps_by_phase_model\":")
        .append(repsByPhaseModel.map(EvaluationReport::json).orElse("null"));
    b.append(",\"reps_by_phase_model_true_label\":")
        .append(repsByPhaseModelTrueLabel.map(EvaluationReport::json).orElse("null"));
    return b.append('}').toString();
  }

  private static String json(ClassificationReport r) {
    List<String> perClass = new ArrayList<>();
    for (int c = 0; c < r.classes().size(); c++) {
      perClass.add("{\"class\":" + quote(r.classes().get(c)) + ",\"precision\":"
          + number(r.precision(c)) + ",\"recall\":" + number(r.recall(c)) + ",\"f1\":"
          + number(r.f1(c)) + ",\"support\":" + r.support(c) + "}");
    }
    List<String> rows = new ArrayList<>();
    for (long[] row : r.confusion()) {
      List<String> cells = new ArrayList<>();
      for (long v : row) {
        cells.add(Long.toString(v));
      }
      rows.add("[" + String.join(",", cells) + "]");
    }
    return "{\"macro_f1\":" + number(r.macroF1()) + ",\"accuracy\":" + number(r.accuracy())
        + ",\"steps\":" + r.total() + ",\"per_class\":[" + String.join(",", perClass)
        + "],\"confusion\":[" + String.join(",", rows) + "]}";
  }

  private static String json(RepEvaluation.Report r) {
    List<String> rows = new ArrayList<>();
    for (RepEvaluation.Row row : r.rows()) {
      rows.add("{\"exercise\":" + quote(row.exercise()) + ",\"sets\":" + row.sets()
          + ",\"exact_share\":" + number(row.exactShare()) + ",\"within_one_share\":"
          + number(row.withinOneShare()) + ",\"mae\":" + number(row.meanAbsoluteError())
          + ",\"median_timing_error_s\":" + number(row.medianTimingErrorSeconds()) + "}");
    }
    return "{\"rows\":[" + String.join(",", rows) + "],\"false_set_reps\":" + r.spuriousEvents()
        + ",\"stray_reps\":" + r.strayEvents() + "}";
  }

  private static String number(double v) {
    // JSON has no NaN or infinity.
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
