package org.imucompanion.app.cli;

import java.nio.file.Path;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;

/** Opens the model named by {@code --model}, or the shipped one, refusing a bad file plainly. */
final class ModelArguments {
  private ModelArguments() {}

  /**
   * Opens a model.
   *
   * @param model the {@code --model} value, or null for the shipped model
   * @return the open classifier (the caller closes it)
   * @throws CommandFailedException {@code model refused: FILE: what and why}
   */
  static OnnxClassifier open(Path model) {
    try {
      return model == null
          ? DefaultModel.open(ClassifierOptions.DEFAULT)
          : OnnxClassifier.open(model, ClassifierOptions.DEFAULT);
    } catch (ModelLoadException e) {
      throw new CommandFailedException("model refused: " + e.getMessage(), e);
    }
  }
}
