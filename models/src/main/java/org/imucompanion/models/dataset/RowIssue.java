package org.imucompanion.models.dataset;

import java.util.Objects;

/**
 * One flawed row of a dataset file and what the reader did about it.
 *
 * @param file file name
 * @param line 1-based line number in the file (the header is line 1)
 * @param column the column at fault, or an empty string if the whole row was at fault
 * @param problem what was wrong, e.g. {@code "empty cell"} or {@code "unparsable number 'x'"}
 * @param action whether the row was repaired or dropped
 */
public record RowIssue(String file, int line, String column, String problem, Action action) {
  /** What a reader did with a flawed row. */
  public enum Action {
    /** The row was kept; the flawed cells were replaced (e.g. by the previous row's value). */
    REPAIRED,
    /** The row was left out. */
    DROPPED
  }

  /** Validates the fields. */
  public RowIssue {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(action, "action");
  }

  @Override
  public String toString() {
    return file + ":" + line + (column.isEmpty() ? "" : " [" + column + "]") + " " + problem
        + " -> " + action.name().toLowerCase(java.util.Locale.ROOT);
  }
}
