package org.imucompanion.models.classifier;

import java.util.Objects;

/**
 * A model file could not be used. Checked, because the user can act on it: pick another file,
 * re-export the model, or use a device that supplies the channels it needs. The message says
 * exactly what is wrong (for example "model expects 9 channels, contract lists 6").
 */
public final class ModelLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a model was refused. */
  public enum Reason {
    /** The file could not be read. */
    UNREADABLE,
    /** ONNX Runtime could not parse or initialize the model. */
    INVALID_MODEL,
    /** The model carries no contract metadata at all. */
    MISSING_CONTRACT,
    /** The contract metadata is incomplete, malformed or inconsistent in itself. */
    INVALID_CONTRACT,
    /** The contract disagrees with the graph's input or output shapes or types. */
    SHAPE_MISMATCH,
    /** The model needs channels the streaming pipeline cannot produce. */
    UNSUPPORTED_CHANNELS,
    /**
     * The model labels a moment before its window's end (a look-ahead), which this build would
     * show and score as if it were the window's end.
     */
    UNSUPPORTED_LABEL_DELAY,
    /**
     * The model is for another task than the one it is opened for (a repetition-phase model
     * where an exercise classifier is needed, or the other way round).
     */
    WRONG_TASK,
    /**
     * The model keeps tensor data in other files ({@code data_location = EXTERNAL}): refused
     * before any of them is opened.
     */
    EXTERNAL_DATA,
    /** The model returns NaN or infinity for a window of its own training means. */
    NON_FINITE_OUTPUT
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the model was refused
   * @param message what differs or what is missing, for a person to read
   */
  public ModelLoadException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates the exception with its underlying cause.
   *
   * @param reason why the model was refused
   * @param message what went wrong, for a person to read
   * @param cause the underlying failure
   */
  public ModelLoadException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Why the model was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
