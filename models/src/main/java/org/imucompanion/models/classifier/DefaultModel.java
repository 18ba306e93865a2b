package org.imucompanion.models.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.imucompanion.models.classifier.ModelLoadException.Reason;

/**
 * The model shipped inside the models jar: a CNN-LSTM trained by {@code models/training} on the
 * Exermote recordings (Burpee, Squat, Situp, Rest from gravity, linear acceleration and angular
 * rate at 10 Hz: channels a 6-axis wristband supplies after the orientation filter). Its figures
 * and the command that reproduces it are in {@code models/training/RESULTS.md}.
 *
 * <p>The file's SHA-256 is shipped next to it and checked on every load, so a damaged or swapped
 * resource is refused rather than silently used.
 */
public final class DefaultModel {
  /** Class-path location of the model file. */
  public static final String RESOURCE = "/org/imucompanion/models/default/exermote-cnn-lstm.onnx";
  /** Class-path location of its SHA-256 ({@code sha256sum} format). */
  public static final String SHA256_RESOURCE = RESOURCE + ".sha256";

  private DefaultModel() {}

  /**
   * Opens the shipped model.
   *
   * @param options threads and the channels the pipeline can produce for the device at hand
   * @return the classifier; close it when done
   * @throws ModelLoadException {@link Reason#UNREADABLE} if the resource is missing or its bytes
   *     don't match the shipped SHA-256, or as {@link OnnxClassifier#load}
   */
  public static OnnxClassifier open(ClassifierOptions options) throws ModelLoadException {
    byte[] model = read(RESOURCE);
    String expected = new String(read(SHA256_RESOURCE), StandardCharsets.US_ASCII).strip()
        .split("\\s+")[0];
    OnnxClassifier classifier = OnnxClassifier.load(model, "bundled " + RESOURCE, options);
    if (!classifier.sha256().equals(expected)) {
      classifier.close();
      throw new ModelLoadException(Reason.UNREADABLE, "bundled model " + RESOURCE
          + " is damaged: SHA-256 " + classifier.sha256() + ", shipped as " + expected);
    }
    return classifier;
  }

  private static byte[] read(String resource) throws ModelLoadException {
    try (InputStream in = DefaultModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ModelLoadException(Reason.UNREADABLE, "bundled resource " + resource
            + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException(
          Reason.UNREADABLE, "cannot read bundled resource " + resource + ": " + e.getMessage(), e);
    }
  }
}
