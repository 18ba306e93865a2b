package org.imucompanion.models.classifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.imucompanion.models.classifier.ModelLoadException.Reason;

/**
 * The models shipped inside the models jar, each trained by {@code models/training} on a public
 * dataset; figures and the commands that reproduce them are in {@code
 * models/training/RESULTS.md}. A UI lists these to offer a choice; {@link DefaultModel} is the one
 * used when nobody chooses.
 *
 * <p>Every file's SHA-256 is shipped next to it and checked on every load, so a damaged or
 * swapped resource is refused rather than silently used.
 */
public enum BundledModel {
  /**
   * Exermote (phone on the upper arm): Burpee, Squat, Situp, Rest from gravity, linear
   * acceleration and angular rate at 10 Hz, channels a 6-axis wristband supplies after the
   * orientation filter. The default.
   */
  EXERMOTE("Exermote CNN-LSTM (Burpee, Squat, Situp, Rest)",
      "/org/imucompanion/models/default/exermote-cnn-lstm.onnx"),
  /**
   * MPU9250 wristband: Pushup, Pushup_Incorrect, Squat, Situp, Situp_Incorrect, Jumping, Lunge
   * from raw acceleration, angular rate and magnetic field at about 2.86 Hz, as that wristband
   * streamed them. It needs the magnetometer (without it the same recipe scores markedly lower),
   * so a pipeline that can't produce {@code mag_*} is refused at load.
   */
  MPU9250_WRISTBAND("MPU9250 wristband CNN-LSTM (7 exercises, incl. incorrect form)",
      "/org/imucompanion/models/wristband/mpu9250-cnn-lstm.onnx");

  private final String title;
  private final String resource;

  BundledModel(String title, String resource) {
    this.title = title;
    this.resource = resource;
  }

  /**
   * A short name for people (menus, the Models view).
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Class-path location of the model file.
   *
   * @return the resource path
   */
  public String resource() {
    return resource;
  }

  /**
   * Class-path location of the model file's SHA-256 ({@code sha256sum} format).
   *
   * @return the resource path of the checksum
   */
  public String sha256Resource() {
    return resource + ".sha256";
  }

  /**
   * Opens the model and checks its bytes against the shipped SHA-256.
   *
   * @param options threads and the channels the pipeline can produce for the device at hand
   * @return the classifier; close it when done
   * @throws ModelLoadException {@link Reason#UNREADABLE} if the resource is missing or its bytes
   *     don't match the shipped SHA-256, or as {@link OnnxClassifier#load}
   */
  public OnnxClassifier open(ClassifierOptions options) throws ModelLoadException {
    return openChecked(resource, options);
  }

  /**
   * Opens a model shipped in this jar and checks its bytes against the SHA-256 shipped beside
   * it ({@code <resource>.sha256}).
   *
   * @param resource class-path location of the model file
   * @param options as for {@link OnnxClassifier#load}, the task included
   * @return the model; close it when done
   * @throws ModelLoadException {@link Reason#UNREADABLE} if the resource is missing or its bytes
   *     don't match the shipped SHA-256, or as {@link OnnxClassifier#load}
   */
  static OnnxClassifier openChecked(String resource, ClassifierOptions options)
      throws ModelLoadException {
    byte[] model = read(resource);
    String expected = new String(read(resource + ".sha256"), StandardCharsets.US_ASCII).strip()
        .split("\\s+")[0];
    OnnxClassifier classifier = OnnxClassifier.load(model, "bundled " + resource, options);
    if (!classifier.sha256().equals(expected)) {
      classifier.close();
      throw new ModelLoadException(Reason.UNREADABLE, "bundled model " + resource
          + " is damaged: SHA-256 " + classifier.sha256() + ", shipped as " + expected);
    }
    return classifier;
  }

  private static byte[] read(String resource) throws ModelLoadException {
    try (InputStream in = BundledModel.class.getResourceAsStream(resource)) {
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
