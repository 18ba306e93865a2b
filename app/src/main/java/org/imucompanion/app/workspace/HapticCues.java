package org.imucompanion.app.workspace;

import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Decides when a worn device should vibrate: a medium buzz when the rep counter closes a set, and
 * optionally a short one every N repetitions, so an athlete feels the count without looking. Fed
 * with each published estimate's repetitions-in-set on the classification thread; it only calls
 * the buzzer, which must not block (a Myo's is a queued GATT write).
 */
public final class HapticCues {
  /** The Myo's short vibration. */
  public static final int SHORT = 1;

  /** The Myo's medium vibration. */
  public static final int MEDIUM = 2;

  /**
   * What to signal.
   *
   * @param atSetEnd buzz when a set ends
   * @param everyReps buzz every this many repetitions in a set; 0 for never
   */
  public record Settings(boolean atSetEnd, int everyReps) {
    /** No vibration at all. */
    public static final Settings OFF = new Settings(false, 0);

    /** Validates. */
    public Settings {
      if (everyReps < 0) {
        throw new IllegalArgumentException("everyReps must be >= 0: " + everyReps);
      }
    }
  }

  private volatile Settings settings = Settings.OFF;
  private int lastInSet;

  /**
   * Changes what to signal from the next estimate on; callable from any thread.
   *
   * @param next the settings
   */
  public void configure(Settings next) {
    settings = Objects.requireNonNull(next, "next");
  }

  /**
   * Returns what is signalled.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * Takes the repetitions the counter has in the current set, and buzzes when that calls for it.
   *
   * @param repetitionsInSet repetitions in the open set; 0 when no set is open
   * @param buzzer makes the device vibrate with a type ({@link #SHORT}, {@link #MEDIUM})
   */
  public synchronized void onRepetitionsInSet(int repetitionsInSet, IntConsumer buzzer) {
    Settings s = settings;
    if (repetitionsInSet == 0 && lastInSet > 0) {
      if (s.atSetEnd()) {
        buzzer.accept(MEDIUM);
      }
    } else if (repetitionsInSet > lastInSet
        && s.everyReps() > 0
        && repetitionsInSet % s.everyReps() == 0) {
      buzzer.accept(SHORT);
    }
    lastInSet = repetitionsInSet;
  }
}
