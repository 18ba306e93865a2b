package org.imucompanion.app.workspace;

import org.imucompanion.models.reps.RepEvent;

/**
 * Hears what a device's live classification shows, as it happens: a recorder stores it with the
 * session so the athlete's own labels can later be compared with what the coach saw. Called on
 * the thread that pushes samples (the connection's delivery thread), so it must only hand off.
 */
public interface ClassificationListener {
  /** Hears nothing. */
  ClassificationListener NONE =
      new ClassificationListener() {
        @Override
        public void onLabel(long hostNanos, String label, double confidence, String model) {}

        @Override
        public void onRepetition(RepEvent rep, String model) {}
      };

  /**
   * The label shown after a window was classified.
   *
   * @param hostNanos end of the window, on the host's {@link System#nanoTime()} scale
   * @param label the smoothed label shown
   * @param confidence its smoothed probability, 0..1
   * @param model the model's version
   */
  void onLabel(long hostNanos, String label, double confidence, String model);

  /**
   * A repetition the rep counter reported.
   *
   * @param rep the event, its time in seconds on the host's {@link System#nanoTime()} scale
   * @param model the model whose label drove the counter
   */
  void onRepetition(RepEvent rep, String model);
}
