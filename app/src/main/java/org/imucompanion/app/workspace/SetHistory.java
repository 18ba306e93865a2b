package org.imucompanion.app.workspace;

import java.util.ArrayList;
import java.util.List;
import org.imucompanion.models.reps.RepEvent;

/**
 * The sets of one device's stream, built from the rep counter's events: a new set number starts
 * a new entry; each repetition updates its count and duration. Written by the thread that runs
 * the rep counter, read by the UI once per frame (it compares {@link #version()} before copying).
 */
public final class SetHistory {
  private final List<SetSummary> sets = new ArrayList<>();
  private double firstRepTime;
  private double lastRepTime;
  private long version;

  /** Creates an empty history. */
  public SetHistory() {}

  /**
   * Takes one repetition into account.
   *
   * @param event a repetition, in the order the counter emitted them
   */
  public synchronized void accept(RepEvent event) {
    SetSummary last = sets.isEmpty() ? null : sets.get(sets.size() - 1);
    if (last == null || last.setNumber() != event.setNumber()) {
      firstRepTime = event.timeSeconds();
      lastRepTime = event.timeSeconds();
      sets.add(new SetSummary(event.setNumber(), event.exercise(), 1, 0));
    } else {
      lastRepTime = event.timeSeconds();
      int reps = last.repetitions() + 1;
      // n repetitions complete over n-1 periods; the first one began one period before it ended.
      double period = (lastRepTime - firstRepTime) / (reps - 1);
      sets.set(
          sets.size() - 1,
          new SetSummary(last.setNumber(), last.exercise(), reps, lastRepTime - firstRepTime + period));
    }
    version++;
  }

  /**
   * Counts changes, so a reader can tell whether to copy again.
   *
   * @return incremented by every event
   */
  public synchronized long version() {
    return version;
  }

  /**
   * Returns the sets so far, oldest first.
   *
   * @return a copy
   */
  public synchronized List<SetSummary> sets() {
    return List.copyOf(sets);
  }
}
