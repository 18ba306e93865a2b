package org.imucompanion.models.classifier;

/**
 * ONNX Runtime failed while classifying a window of a model that loaded fine. Unchecked: it sits in
 * the per-window hot path, and a caller can do nothing there but log it and skip the window (the
 * same choice Tribuo makes when it wraps {@code OrtException} from prediction calls).
 */
public final class ClassificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being done
   * @param cause the ONNX Runtime failure
   */
  public ClassificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
