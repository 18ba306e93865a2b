package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.imucompanion.models.Recording;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.ModelContract;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.evaluation.ConfusionMatrixImage;
import org.imucompanion.models.evaluation.EvaluationReport;
import org.imucompanion.models.evaluation.SetReport;
import org.imucompanion.models.evaluation.StreamingEvaluation;
import org.imucompanion.models.evaluation.TrainingSubjects;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.reps.PhaseRepCounter;
import org.imucompanion.models.reps.RepEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures a model and the rep counter against labeled recordings through the live code path.
 * Only parses options and prints: the figures come from {@link StreamingEvaluation}.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Replay every recording of a labeled dataset through the streaming pipeline, a model, the"
          + " label smoother and the rep counter (the same code as live) and report per-class"
          + " precision/recall/F1, macro-F1, accuracy and the confusion matrix per step; per set"
          + " whether the right exercise was shown, how soon and how often the label changed;"
          + " and repetition counts with the model's label driving the counter.",
      "With --loso, each subject is scored by its own fold model (<dir>/fold-<subject>.onnx)"
          + " that was not trained on it: subject-wise figures. Without it, one model scores"
          + " every subject, which flatters subjects it was trained on (a warning says so)."
    })
final class EvaluateCommand implements Callable<Integer> {

  @Mixin DatasetOptions data = new DatasetOptions();

  @Option(
      names = {"-m", "--model"},
      paramLabel = "<file.onnx>",
      description = "The model to evaluate (default: the shipped model).")
  Path model;

  @Option(
      names = "--loso",
      paramLabel = "<dir>",
      description =
          "Leave-one-subject-out: score each subject with <dir>/fold-<subject>.onnx, refused if"
              + " that model's training subjects include the subject.")
  Path loso;

  @Option(
      names = "--phase-loso",
      paramLabel = "<dir>",
      description =
          "With --loso: also count repetitions with a repetition-phase model, <dir>/fold-"
              + "<subject>.onnx per subject (train.py --target phase --fold-models), refused as"
              + " --loso's are.")
  Path phaseLoso;

  @Option(
      names = "--phase-doubt-shares",
      split = ",",
      paramLabel = "<share>",
      description =
          "With --phase-loso: the phase counter's doubt shares (a repetition weaker than this"
              + " share of its set's median waits for the next one) to choose from; each subject"
              + " is counted with the share that counts the other subjects best. One value: that"
              + " share for every subject. Default: ${DEFAULT-VALUE}.")
  List<Double> phaseDoubtShares = PhaseRepCounter.DOUBT_SHARE_GRID;

  @Option(
      names = "--subjects",
      split = ",",
      paramLabel = "<id>",
      description = "Only these subjects, e.g. 1,2 (default: all).")
  List<String> subjects;

  @Option(
      names = "--png",
      paramLabel = "<file.png>",
      description = "Also write the pooled per-step confusion matrix as a PNG image.")
  Path png;

  @Option(
      names = "--json",
      paramLabel = "<file.json>",
      description = "Also write every figure as JSON, pooled and per subject.")
  Path json;

  @Option(
      names = "--reps-true-label",
      description =
          "Also count repetitions with the recording's true label driving the counter (the"
              + " counter's own accuracy, without the classifier's mistakes).")
  boolean repsTrueLabel;

  @Option(
      names = "--accel-gyro-only",
      description =
          "Replay only the recordings' accelerometer and gyroscope, so gravity and linear"
              + " acceleration come from the pipeline's orientation filter, as on a 6-axis"
              + " wristband (default: the model's channels when the recordings have them).")
  boolean accelGyroOnly;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (loso != null && model != null) {
      throw new CommandFailedException("--loso and --model exclude each other");
    }
    if (phaseLoso != null && loso == null) {
      throw new CommandFailedException("--phase-loso needs --loso");
    }
    for (double share : phaseDoubtShares) {
      if (!(share >= 0 && share < 1)) {
        throw new CommandFailedException("--phase-doubt-shares: " + share
            + " is not a share in [0, 1)");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    // The model before the dataset: a refused model is said at once, not blamed on the data.
    try (OnnxClassifier one = loso == null ? ModelArguments.open(model) : null) {
      return evaluate(one, out);
    }
  }

  /** Scores {@code one}, or the --loso folds when it is null. */
  private int evaluate(OnnxClassifier one, PrintWriter out) {
    Dataset read = data.read();
    ClassMapping mapping = data.format().defaultMapping(read);
    Map<String, List<Recording>> bySubject = selectSubjects(read);
    StreamingEvaluation.Options options =
        StreamingEvaluation.Options.defaults()
            .withRepsFromTrueLabel(repsTrueLabel)
            .withAccelGyroOnly(accelGyroOnly);
    if (phaseDoubtShares.size() == 1) {
      options = options.withPhaseCounter(
          options.phaseCounter().withDoubtShare(phaseDoubtShares.get(0)));
    } else if (phaseLoso != null && bySubject.size() < 2) {
      throw new CommandFailedException("choosing the phase counter's doubt share on the other"
          + " subjects needs two subjects or more; give one share with --phase-doubt-shares");
    } else {
      options = options.withPhaseDoubtGrid(phaseDoubtShares);
    }
    ProgressBar progress =
        new ProgressBar(
            spec.commandLine().getErr(),
            "evaluate",
            bySubject.values().stream().mapToInt(List::size).sum(),
            "recordings");
    StreamingEvaluation evaluation;
    try {
      evaluation = loso != null
          ? leaveOneSubjectOut(bySubject, mapping, options, progress, out)
          : oneModel(one, bySubject, mapping, options, progress, out);
    } catch (ModelLoadException e) {
      throw new CommandFailedException("model refused: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new CommandFailedException(
          "the model's pipeline cannot run on " + data.dataset + ": " + e.getMessage(), e);
    }
    progress.done();
    if (evaluation.subjects().isEmpty()) {
      throw new CommandFailedException("no recording of " + data.dataset + " could be evaluated");
    }
    EvaluationReport pooled = evaluation.pooled();
    if (pooled.steps().total() == 0) {
      throw new CommandFailedException(
          "no window of " + data.dataset + " had a label the model knows");
    }
    printPerSubject(out, evaluation);
    out.print(pooled.text());
    out.flush();
    writeFiles(evaluation, pooled, out);
    return ExitStatus.OK;
  }

  private Map<String, List<Recording>> selectSubjects(Dataset read) {
    Map<String, List<Recording>> by = new TreeMap<>(StreamingEvaluation.SUBJECT_ORDER);
    for (Recording r : read.recordings()) {
      if (subjects == null || subjects.contains(r.subject())) {
        by.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r);
      }
    }
    if (subjects != null) {
      Set<String> missing = new TreeSet<>(subjects);
      missing.removeAll(by.keySet());
      if (!missing.isEmpty()) {
        throw new CommandFailedException("no recordings of subjects " + missing + " in "
            + data.dataset);
      }
    }
    return by;
  }

  private StreamingEvaluation oneModel(OnnxClassifier classifier,
      Map<String, List<Recording>> bySubject, ClassMapping mapping,
      StreamingEvaluation.Options options, ProgressBar progress, PrintWriter out) {
    describe(out, classifier);
    Set<String> trainedOn = TrainingSubjects.of(classifier.contract());
    Set<String> overlap = new TreeSet<>(bySubject.keySet());
    overlap.retainAll(trainedOn);
    if (trainedOn.isEmpty()) {
      out.println("warning: the model does not say which subjects it was trained on; if they"
          + " are among these, the figures are optimistic");
    } else if (!overlap.isEmpty()) {
      out.println("warning: the model was trained on subjects " + overlap
          + " scored here: their figures are optimistic (use --loso for subject-wise figures)");
    }
    StreamingEvaluation evaluation =
        new StreamingEvaluation(classifier.classes(), mapping, options);
    for (List<Recording> recordings : bySubject.values()) {
      for (Recording r : recordings) {
        evaluation.add(r, classifier, classifier.contract());
        progress.step();
      }
    }
    return evaluation;
  }

  private StreamingEvaluation leaveOneSubjectOut(Map<String, List<Recording>> bySubject,
      ClassMapping mapping, StreamingEvaluation.Options options, ProgressBar progress,
      PrintWriter out) throws ModelLoadException {
    // Check every fold before the long replay, so a wrong fold fails at once.
    Map<String, Path> folds = folds(loso, bySubject.keySet());
    Map<String, Path> phaseFolds =
        phaseLoso == null ? Map.of() : folds(phaseLoso, bySubject.keySet());
    StreamingEvaluation evaluation = null;
    for (Map.Entry<String, Path> e : folds.entrySet()) {
      String subject = e.getKey();
      try (OnnxClassifier classifier = heldOut(e.getValue(), subject, ClassifierOptions.DEFAULT,
              out);
          OnnxClassifier phase = phaseFolds.isEmpty() ? null : heldOut(phaseFolds.get(subject),
              subject, ClassifierOptions.DEFAULT.withTask(ModelContract.Task.REPETITION_PHASE),
              out)) {
        if (evaluation == null) {
          evaluation = new StreamingEvaluation(classifier.classes(), mapping, options);
        }
        for (Recording r : bySubject.get(subject)) {
          if (phase == null) {
            evaluation.add(r, classifier, classifier.contract());
          } else {
            evaluation.add(r, classifier, classifier.contract(), phase, phase.contract());
          }
          progress.step();
        }
      }
    }
    if (evaluation == null) {
      throw new CommandFailedException("no subject to evaluate");
    }
    return evaluation;
  }

  /** Each subject's fold model in a directory, checked to exist. */
  private static Map<String, Path> folds(Path dir, Collection<String> subjects) {
    if (!Files.isDirectory(dir)) {
      throw new CommandFailedException("no such directory: " + dir);
    }
    Map<String, Path> folds = new LinkedHashMap<>();
    for (String subject : subjects) {
      Path fold = dir.resolve("fold-" + subject + ".onnx");
      if (!Files.isRegularFile(fold)) {
        throw new CommandFailedException("no fold model for subject " + subject + ": expected "
            + fold);
      }
      folds.put(subject, fold);
    }
    return folds;
  }

  /** Opens a fold model, refused unless its contract says it was not trained on the subject. */
  private static OnnxClassifier heldOut(Path fold, String subject, ClassifierOptions options,
      PrintWriter out) throws ModelLoadException {
    OnnxClassifier model = OnnxClassifier.open(fold, options);
    Set<String> trainedOn = TrainingSubjects.of(model.contract());
    String refusal = trainedOn.isEmpty()
        ? "its contract does not say which subjects it was trained on, so it cannot be trusted"
            + " to hold out subject " + subject
        : trainedOn.contains(subject)
            ? "it was trained on subjects " + trainedOn + ", which include subject " + subject
                + " it is asked to score; that would not be leave-one-subject-out"
            : null;
    if (refusal != null) {
      model.close();
      throw new CommandFailedException("refusing " + fold + ": " + refusal);
    }
    out.print("subject " + subject + ": ");
    describe(out, model);
    return model;
  }

  private static void describe(PrintWriter out, OnnxClassifier classifier) {
    out.printf("model %s (sha256 %s), trained on: %s%n", classifier.source(),
        classifier.sha256(), classifier.contract().trainingData());
  }

  private static void printPerSubject(PrintWriter out, StreamingEvaluation evaluation) {
    Map<String, EvaluationReport> reports = evaluation.perSubject();
    out.println("per subject (windows, arg-max accuracy and macro-F1, smoothed macro-F1, sets"
        + " right, median delay, sets with > 1 change, reps exact / within 1, by the phase model"
        + " if given):");
    for (Map.Entry<String, EvaluationReport> e : reports.entrySet()) {
      EvaluationReport r = e.getValue();
      SetReport.Summary sets = r.sets().overall();
      String reps = r.repsByModelLabel()
          .map(RepEvaluation.Report::overall)
          .map(row -> String.format(Locale.ROOT, "reps %5.1f %% / %5.1f %%",
              100 * row.exactShare(), 100 * row.withinOneShare()))
          .orElse("reps not counted")
          + r.repsByPhaseModel()
              .map(RepEvaluation.Report::overall)
              .map(row -> String.format(Locale.ROOT,
                  "  phase model %5.1f %% / %5.1f %% (doubt share %s)",
                  100 * row.exactShare(), 100 * row.withinOneShare(),
                  evaluation.phaseDoubtShare(e.getKey())))
              .orElse("");
      String setFigures = sets.sets() == 0
          ? "no sets"
          : String.format(Locale.ROOT, "sets %d/%d  delay %.1f s  flicker %d", sets.right(),
              sets.sets(), sets.medianDelaySeconds(), sets.flickering());
      out.printf(Locale.ROOT,
          "subject %-6s %7d windows  accuracy %5.1f %%  macro-F1 %.3f  smoothed %.3f  %s  %s%n",
          e.getKey(), r.steps().total(), 100 * r.steps().accuracy(), r.steps().macroF1(),
          r.shownSteps().macroF1(), setFigures, reps);
    }
  }

  private void writeFiles(StreamingEvaluation evaluation, EvaluationReport pooled,
      PrintWriter out) {
    if (png != null) {
      // The CLI never shows a window: AWT must not look for a display.
      System.setProperty("java.awt.headless", "true");
      try {
        ConfusionMatrixImage.write(pooled.steps(), "per-step confusion, " + pooled.description(),
            png);
      } catch (IOException e) {
        throw new CommandFailedException("cannot write " + png + ": " + e.getMessage(), e);
      }
      out.println("confusion matrix image: " + png);
    }
    if (json != null) {
      StringBuilder b = new StringBuilder("{\"pooled\":").append(pooled.toJson())
          .append(",\"subjects\":{");
      List<String> items = new ArrayList<>();
      evaluation.perSubject().forEach((s, r) -> items.add("\"" + s.replace("\"", "") + "\":"
          + r.toJson()));
      b.append(String.join(",", items)).append("}}\n");
      try {
        Files.writeString(json, b);
      } catch (IOException e) {
        throw new CommandFailedException("cannot write " + json + ": " + e.getMessage(), e);
      }
      out.println("figures as JSON: " + json);
    }
    out.flush();
  }
}
