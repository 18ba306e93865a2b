package org.imucompanion.models;

import java.util.List;

/**
 * Anything that turns one window of pipeline output into class probabilities: the ONNX
 * classifier, a baseline, a test double. Windows are time-major {@code float[T * C]} in the
 * order of {@link #channels()}, unnormalized (a classifier applies its own model's statistics).
 */
public interface WindowClassifier {
  /**
   * Class names, in the order of the probabilities.
   *
   * @return the classes
   */
  List<String> classes();

  /**
   * Channel names a window's rows hold, in order.
   *
   * @return the channels
   */
  List<String> channels();

  /**
   * Steps per window.
   *
   * @return T
   */
  int windowLength();

  /**
   * Classifies one window into a caller-owned array.
   *
   * @param window {@code windowLength() * channels().size()} values, time-major
   * @param probabilities receives one probability per class
   */
  void classify(float[] window, float[] probabilities);
}
