package org.imucompanion.models.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.Mpu9250WristbandReader;

/**
 * The child JVM of {@link ImportCrashIT}: imports a dataset of 40 recordings and, after the
 * tenth, says so and waits on its standard input (which the parent never writes) until it is
 * killed, so the kill lands mid-import every time.
 */
public final class ImportCrashChild {
  private ImportCrashChild() {}

  /**
   * Runs the import.
   *
   * @param args the store file
   * @throws Exception never expected; the parent kills the process mid-import
   */
  public static void main(String[] args) throws Exception {
    List<Recording> recordings = new ArrayList<>();
    double[] v = new double[Mpu9250WristbandReader.LAYOUT.size()];
    for (int r = 0; r < 40; r++) {
      Recording.Builder b = Recording.builder(Integer.toString(r % 4 + 1), "run-" + r, "crash.csv",
          Mpu9250WristbandReader.LAYOUT);
      for (int i = 0; i < 80; i++) {
        v[0] = Math.sin(i * 0.1);
        b.add(i * 0.35, v, "Squat", RepPhase.NONE);
      }
      recordings.add(b.build());
    }
    Dataset ds = new Dataset("crash", "generated", 1 / 0.35, recordings, List.of());
    try (SessionStore store = SessionStore.open(Path.of(args[0]))) {
      DatasetImport.importDataset(store, ds, done -> {
        if (done == 10) {
          System.out.println("imported 10");
          System.out.flush();
          try {
            System.in.read();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
      System.out.println("done");
    }
  }
}
