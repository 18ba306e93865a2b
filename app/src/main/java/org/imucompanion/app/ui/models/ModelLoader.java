package org.imucompanion.app.ui.models;

import java.nio.file.Path;
import java.util.Optional;
import org.imucompanion.models.classifier.BundledModel;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;

/** Loads a model and summarises it; blocks (file I/O, ONNX session), so never on the FX thread. */
@FunctionalInterface
public interface ModelLoader {
  /**
   * Loads a model.
   *
   * @param file the {@code .onnx} file, or empty for the shipped default model
   * @return its summary
   * @throws ModelLoadException with the reason when the file is unreadable or its contract does
   *     not fit the pipeline
   */
  ModelSummary load(Optional<Path> file) throws ModelLoadException;

  /**
   * The real loader: opens an ONNX session through models, summarises it and closes it.
   *
   * @return the loader
   */
  static ModelLoader onnx() {
    return file -> {
      try (OnnxClassifier classifier =
          file.isPresent()
              ? OnnxClassifier.open(file.get(), ClassifierOptions.DEFAULT)
              : DefaultModel.open(ClassifierOptions.DEFAULT)) {
        return ModelSummary.of(classifier);
      }
    };
  }

  /**
   * Loads a model shipped in the models jar; its bytes are checked against the shipped SHA-256.
   *
   * @param model which bundled model
   * @return its summary
   * @throws ModelLoadException when the resource is damaged or its contract does not fit the
   *     pipeline
   */
  default ModelSummary loadBundled(BundledModel model) throws ModelLoadException {
    try (OnnxClassifier classifier = model.open(ClassifierOptions.DEFAULT)) {
      return ModelSummary.of(classifier);
    }
  }
}
