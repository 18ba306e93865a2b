package org.imucompanion.models.classifier;

import org.imucompanion.models.classifier.ModelLoadException.Reason;

/**
 * The model shipped inside the models jar and used when nobody chooses another: a CNN-LSTM trained
 * by {@code models/training} on the Exermote recordings (Burpee, Squat, Situp, Rest from gravity,
 * linear acceleration and angular rate at 10 Hz: channels a 6-axis wristband supplies after the
 * orientation filter). Its figures and the command that reproduces it are in {@code
 * models/training/RESULTS.md}. Every shipped model, this one included, is listed by {@link
 * BundledModel}.
 *
 * <p>The file's SHA-256 is shipped next to it and checked on every load, so a damaged or swapped
 * resource is refused rather than silently used.
 */
public final class DefaultModel {
  /** Class-path location of the model file. */
  public static final String RESOURCE = "/org/imucompanion/models/default/exermote-cnn-lstm.onnx";
  /** Class-path location of its SHA-256 ({@code sha256sum} format). */
  public static final String SHA256_RESOURCE = RESOURCE + ".sha256";
  /**
   * Class-path location of the repetition-phase model trained with the same recipe and pipeline
   * as the default model (Exermote's repetition halves, and the virtual athlete's), with its
   * SHA-256 beside it as {@code <file>.sha256}.
   */
  public static final String PHASE_RESOURCE =
      "/org/imucompanion/models/default/exermote-phase.onnx";

  private DefaultModel() {}

  /**
   * Opens the shipped default model ({@link BundledModel#EXERMOTE}).
   *
   * @param options threads and the channels the pipeline can produce for the device at hand
   * @return the classifier; close it when done
   * @throws ModelLoadException {@link Reason#UNREADABLE} if the resource is missing or its bytes
   *     don't match the shipped SHA-256, or as {@link OnnxClassifier#load}
   */
  public static OnnxClassifier open(ClassifierOptions options) throws ModelLoadException {
    return BundledModel.EXERMOTE.open(options);
  }

  /**
   * Opens the shipped repetition-phase model ({@link #PHASE_RESOURCE}), which counts repetitions
   * beside {@link BundledModel#EXERMOTE} (see {@code org.imucompanion.models.reps.PhaseRepCounter}).
   *
   * @param options threads and the channels the pipeline can produce for the device at hand (the
   *     task is set here)
   * @return the phase model; close it when done
   * @throws ModelLoadException as {@link #open(ClassifierOptions)}
   */
  public static OnnxClassifier phase(ClassifierOptions options) throws ModelLoadException {
    return BundledModel.openChecked(PHASE_RESOURCE,
        options.withTask(ModelContract.Task.REPETITION_PHASE));
  }

  /**
   * Opens the shipped second model, for the MPU9250 wristband's seven exercises ({@link
   * BundledModel#MPU9250_WRISTBAND}).
   *
   * @param options threads and the channels the pipeline can produce for the device at hand
   * @return the classifier; close it when done
   * @throws ModelLoadException as {@link #open(ClassifierOptions)}
   */
  public static OnnxClassifier wristband(ClassifierOptions options) throws ModelLoadException {
    return BundledModel.MPU9250_WRISTBAND.open(options);
  }
}
