package org.imucompanion.models.evaluation;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imucompanion.models.classifier.ModelContract;

/**
 * Reads which subjects a model was trained on: from its contract's {@code
 * imu.training.subjects}, or for older models from its training-data text, as {@code
 * models/training/train.py} writes it ({@code "...; subjects [1, 2, 3]; ..."}). Used to
 * refuse a leave-one-subject-out fold model asked to score a subject it was trained on, and to
 * warn when a model is scored on its own training subjects.
 */
public final class TrainingSubjects {
  private static final Pattern LIST = Pattern.compile("subjects \\[([^\\]]*)\\]");

  private TrainingSubjects() {}

  /**
   * The subjects a model learnt from: its contract's {@link ModelContract#trainingSubjects()}
   * when it has them, else those named in its training-data text (models exported before the
   * key existed, such as the shipped classifier).
   *
   * @param contract the model's contract
   * @return the subject ids, empty if the contract names none
   */
  public static Set<String> of(ModelContract contract) {
    return contract.trainingSubjects().isEmpty()
        ? of(contract.trainingData())
        : new TreeSet<>(contract.trainingSubjects());
  }

  /**
   * The subjects named in a training-data description (every {@code subjects [...]} list,
   * joined: a model trained on two exports names two lists).
   *
   * @param trainingData the contract's training-data text
   * @return the subject ids, empty if the text names none
   */
  public static Set<String> of(String trainingData) {
    Set<String> out = new TreeSet<>();
    Matcher m = LIST.matcher(trainingData);
    while (m.find()) {
      for (String s : m.group(1).split(",")) {
        String id = s.trim().replace("'", "").replace("\"", "");
        if (!id.isEmpty()) {
          out.add(id);
        }
      }
    }
    return out;
  }
}
