package org.imucompanion.app.ui.models;

import java.util.List;
import org.imucompanion.models.classifier.ModelContract;
import org.imucompanion.models.classifier.OnnxClassifier;

/**
 * What the Models view shows about a loaded model, copied out of the classifier so the session
 * can be closed.
 *
 * @param source where the model came from (file or resource)
 * @param sha256 the SHA-256 of the model file
 * @param modelVersion the model's own version string
 * @param classes class names, in output order
 * @param sampleRateHz the rate windows are sampled at
 * @param windowLength samples per window
 * @param hop samples between windows
 * @param channels input channels, in order
 * @param trainingData what the model was trained on
 */
public record ModelSummary(
    String source,
    String sha256,
    String modelVersion,
    List<String> classes,
    double sampleRateHz,
    int windowLength,
    int hop,
    List<String> channels,
    String trainingData) {

  /** Freezes the lists. */
  public ModelSummary {
    classes = List.copyOf(classes);
    channels = List.copyOf(channels);
  }

  /**
   * Copies what the view shows from a loaded classifier.
   *
   * @param classifier the classifier
   * @return the summary
   */
  public static ModelSummary of(OnnxClassifier classifier) {
    ModelContract c = classifier.contract();
    return new ModelSummary(
        classifier.source(),
        classifier.sha256(),
        c.modelVersion(),
        c.classNames(),
        c.sampleRateHz(),
        c.windowLength(),
        c.hop(),
        c.channels(),
        c.trainingData());
  }
}
