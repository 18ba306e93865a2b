package org.imucompanion.models.dataset;

import java.util.List;
import java.util.Objects;
import org.imucompanion.models.Recording;

/**
 * Everything a reader got out of a dataset directory: its sessions and an account of the rows it
 * had to repair or drop.
 *
 * @param name short dataset name, e.g. {@code exermote}
 * @param description what the data is (device, placement, rate, labels), for export metadata
 * @param sampleRateHz the recordings' nominal sample rate (filters are designed for it)
 * @param recordings one recording per session, in a stable order (sorted by file, then time)
 * @param issues every repaired or dropped row
 */
public record Dataset(
    String name,
    String description,
    double sampleRateHz,
    List<Recording> recordings,
    List<RowIssue> issues) {
  /** Copies the lists. */
  public Dataset {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (!(sampleRateHz > 0) || Double.isInfinite(sampleRateHz)) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRateHz);
    }
    recordings = List.copyOf(recordings);
    issues = List.copyOf(issues);
  }

  /**
   * Number of rows left out.
   *
   * @return the count of {@link RowIssue.Action#DROPPED} issues
   */
  public long droppedRows() {
    return issues.stream().filter(i -> i.action() == RowIssue.Action.DROPPED).count();
  }

  /**
   * Number of rows kept after replacing flawed cells.
   *
   * @return the count of {@link RowIssue.Action#REPAIRED} issues
   */
  public long repairedRows() {
    return issues.stream().filter(i -> i.action() == RowIssue.Action.REPAIRED).count();
  }

  /**
   * Total number of samples over all recordings.
   *
   * @return the sample count
   */
  public long sampleCount() {
    return recordings.stream().mapToLong(Recording::size).sum();
  }

  /**
   * A one-line summary for logs and the CLI.
   *
   * @return e.g. {@code "exermote: 30 sessions, 89990 samples, 2 rows repaired, 10 dropped"}
   */
  public String summary() {
    return name + ": " + recordings.size() + " sessions, " + sampleCount() + " samples, "
        + repairedRows() + " rows repaired, " + droppedRows() + " dropped";
  }
}
