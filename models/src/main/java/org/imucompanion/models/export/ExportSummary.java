package org.imucompanion.models.export;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param directory the output directory
 * @param windows number of windows written
 * @param sessions number of sessions that went through the pipeline
 * @param windowsPerClass windows per class name, in class order
 * @param windowsPerSubject windows per subject (dataset spelling)
 * @param skippedUnmappedWindows windows whose last step had a label outside the class mapping
 * @param gaps input gaps longer than the pipeline's limit (each restarted the windows)
 */
public record ExportSummary(
    Path directory,
    int windows,
    int sessions,
    Map<String, Integer> windowsPerClass,
    Map<String, Integer> windowsPerSubject,
    int skippedUnmappedWindows,
    long gaps) {

  /** Copies the maps. */
  public ExportSummary {
    windowsPerClass = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(windowsPerClass));
    windowsPerSubject = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(windowsPerSubject));
  }

  @Override
  public String toString() {
    return windows + " windows from " + sessions + " sessions into " + directory + "; per class "
        + windowsPerClass + "; per subject " + windowsPerSubject + "; "
        + skippedUnmappedWindows + " skipped (unmapped label); " + gaps + " gaps";
  }
}
