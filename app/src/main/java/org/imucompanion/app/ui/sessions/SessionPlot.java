package org.imucompanion.app.ui.sessions;

import java.util.List;
import java.util.Objects;

/**
 * What the Sessions view plots for a session: one stream's channels over time, decimated to at
 * most {@link #MAX_POINTS} points (the software renderer's paint is the cost, and a screen has
 * fewer pixels than a session has samples), and the labeled sets as bands.
 *
 * @param stream which stream is plotted (the session's first)
 * @param channels channel names, in the order of {@code values}
 * @param seconds time of each plotted point, seconds from the session's start
 * @param values per channel, the value at each plotted point
 * @param bands the labeled sets
 */
public record SessionPlot(
    String stream, List<String> channels, double[] seconds, double[][] values, List<Band> bands) {
  /** Points per channel at most. */
  public static final int MAX_POINTS = 2_000;

  /** Checks the shapes and freezes the lists. */
  public SessionPlot {
    Objects.requireNonNull(stream, "stream");
    channels = List.copyOf(channels);
    bands = List.copyOf(bands);
    if (values.length != channels.size()) {
      throw new IllegalArgumentException(values.length + " value rows for " + channels.size() + " channels");
    }
    for (double[] row : values) {
      if (row.length != seconds.length) {
        throw new IllegalArgumentException("every channel needs a value at each of the " + seconds.length + " times");
      }
    }
  }

  /** Nothing to plot (no session selected, or it has no samples). */
  public static final SessionPlot EMPTY = new SessionPlot("", List.of(), new double[0], new double[0][], List.of());

  /**
   * One labeled set drawn over the plot.
   *
   * @param startSeconds start, seconds from the session's start
   * @param endSeconds end, seconds from the session's start
   * @param label the exercise, with a mark when the form was incorrect or the label was edited
   */
  public record Band(double startSeconds, double endSeconds, String label) {}
}
