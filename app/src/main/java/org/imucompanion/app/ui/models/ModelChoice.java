package org.imucompanion.app.ui.models;

import java.nio.file.Path;
import java.util.Objects;
import org.imucompanion.models.classifier.BundledModel;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;

/**
 * The model the user loaded in the Models view, as something other views can open again (the
 * Models view keeps only a summary: an ONNX session is not held open while nobody classifies).
 *
 * @param name what to call it in buttons and messages
 * @param opener opens a fresh classifier of it
 */
public record ModelChoice(String name, ModelChoice.Opener opener) {

  /** Opens a classifier; blocks (file I/O, ONNX session), so never on the FX thread. */
  @FunctionalInterface
  public interface Opener {
    /**
     * Opens the model.
     *
     * @return the classifier (the caller closes it)
     * @throws ModelLoadException if it cannot be loaded
     */
    OnnxClassifier open() throws ModelLoadException;
  }

  /**
   * Validates.
   *
   * @param name see {@link #name()}
   * @param opener see {@link #opener()}
   */
  public ModelChoice {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(opener, "opener");
  }

  /**
   * The shipped default model.
   *
   * @return the choice
   */
  public static ModelChoice shippedDefault() {
    return new ModelChoice("the default model", () -> DefaultModel.open(ClassifierOptions.DEFAULT));
  }

  /**
   * A model file.
   *
   * @param file the {@code .onnx} file
   * @return the choice
   */
  public static ModelChoice file(Path file) {
    Objects.requireNonNull(file, "file");
    return new ModelChoice(
        String.valueOf(file.getFileName()), () -> OnnxClassifier.open(file, ClassifierOptions.DEFAULT));
  }

  /**
   * A model shipped in the models jar.
   *
   * @param model which one
   * @return the choice
   */
  public static ModelChoice bundled(BundledModel model) {
    Objects.requireNonNull(model, "model");
    return new ModelChoice(model.title(), () -> model.open(ClassifierOptions.DEFAULT));
  }

  /**
   * Opens a fresh classifier of the model.
   *
   * @return the classifier (the caller closes it)
   * @throws ModelLoadException if it cannot be loaded
   */
  public OnnxClassifier open() throws ModelLoadException {
    return opener.open();
  }
}
