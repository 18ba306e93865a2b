package org.imucompanion.models.store;

import java.nio.file.Path;

/**
 * The child JVM of {@link ExportCrashIT}: exports one session over an existing file with
 * replacing allowed, until it is killed.
 */
public final class ExportCrashChild {
  private ExportCrashChild() {}

  /**
   * Runs the export.
   *
   * @param args the store file, the session id and the output directory
   * @throws Exception never expected; the parent kills the process mid-export
   */
  public static void main(String[] args) throws Exception {
    try (SessionStore store = SessionStore.open(Path.of(args[0]))) {
      System.out.println("exporting");
      System.out.flush();
      SessionCsv.exportSession(store, Long.parseLong(args[1]), Path.of(args[2]), true);
      System.out.println("done");
    }
  }
}
