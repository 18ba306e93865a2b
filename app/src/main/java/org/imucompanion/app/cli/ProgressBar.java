package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.util.function.IntConsumer;

/**
 * A one-line progress bar on stderr for commands that work through many recordings: stdout keeps
 * only the results, so a script reading it is not disturbed. Redraws in place with a carriage
 * return and ends its line when done.
 */
final class ProgressBar implements IntConsumer {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final String task;
  private final String unit;
  private final int total;
  private int done;

  /**
   * Starts a bar with nothing done (nothing is drawn until the first step).
   *
   * @param err where to draw
   * @param task what is done, e.g. the command's name
   * @param total how many units make the whole job
   * @param unit what is counted, plural, e.g. "recordings"
   */
  ProgressBar(PrintWriter err, String task, int total, String unit) {
    this.err = err;
    this.task = task;
    this.total = total;
    this.unit = unit;
  }

  /** One more unit done. */
  void step() {
    accept(done + 1);
  }

  /**
   * Shows how many units are done.
   *
   * @param doneSoFar units done
   */
  @Override
  public void accept(int doneSoFar) {
    done = doneSoFar;
    int filled = total <= 0 ? WIDTH : Math.min(WIDTH, done * WIDTH / total);
    err.print("\r" + task + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done
        + "/" + total + " " + unit);
    err.flush();
  }

  /** Ends the bar's line, if one was drawn. */
  void done() {
    if (done > 0) {
      err.println();
      err.flush();
    }
  }
}
