package org.imucompanion.models.store;

import java.util.Objects;

/**
 * What a model said about one window while (or after) a session was recorded.
 *
 * @param hostNanos end of the window, on the session's host clock
 * @param label the smoothed label shown to the user
 * @param confidence its probability in [0, 1]
 * @param model identifies the model, e.g. its file's SHA-256
 */
public record PredictedLabel(long hostNanos, String label, double confidence, String model) {
  /** Checks the fields. */
  public PredictedLabel {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(model, "model");
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence outside [0, 1]: " + confidence);
    }
  }
}
