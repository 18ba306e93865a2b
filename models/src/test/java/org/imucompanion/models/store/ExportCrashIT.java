package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's promise for real: a child JVM exports a large session over an existing file and is
 * killed with SIGKILL while the new text is being written. The file under the final name must
 * still be the previous export, byte for byte; only a hidden temporary file may be left beside it.
 */
class ExportCrashIT {
  @TempDir Path dir;

  @Test
  void sigkillMidExportLeavesThePreviousFileWhole() throws Exception {
    Path db = dir.resolve("export.db");
    Path out = Files.createDirectories(dir.resolve("out"));
    long sessionId;
    Path target;
    try (SessionStore store = SessionStore.open(db)) {
      Session s = StoreFiles.session(store);
      StreamInfo st = StoreFiles.wristStream(store, s.id());
      double[] v = new double[9];
      for (int block = 0; block < 40; block++) {
        SampleBlock b = new SampleBlock(9, 5000);
        for (int i = 0; i < 5000; i++) {
          long n = block * 5000L + i;
          for (int c = 0; c < 9; c++) {
            v[c] = Math.sin(n * 0.001 * (c + 1)) / 3;
          }
          b.add(1_000_000_000L + n * 5_000_000L, n * 5_000L, v);
        }
        store.appendSamples(st.id(), b);
      }
      store.finishSession(s.id(), s.startedAt().plusSeconds(1000));
      sessionId = s.id();
      target = SessionCsv.exportSession(store, sessionId, out).get(0);
    }
    byte[] previous = Files.readAllBytes(target);
    assertThat(previous.length).isGreaterThan(20_000_000);

    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path err = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(javaBin, "-cp", cp,
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                ExportCrashChild.class.getName(), db.toString(), Long.toString(sessionId), out.toString())
            .redirectError(err.toFile())
            .redirectOutput(dir.resolve("child.out").toFile())
            .start();
    // Kill once the new text is well under way (a megabyte in the temporary file).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (temporaryBytes(out) < 1_000_000) {
      assertThat(child.isAlive()).as("child ended before the kill: %s", Files.readString(err)).isTrue();
      assertThat(System.nanoTime()).as("child too slow").isLessThan(deadline);
      Thread.sleep(5);
    }
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);

    assertThat(Files.readAllBytes(target)).isEqualTo(previous);
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(target.getFileName().toString())))
          .singleElement().satisfies(n -> assertThat(n).startsWith("." + target.getFileName() + ".").endsWith(".tmp"));
    }
    // And the file kept imports whole.
    try (SessionStore store = SessionStore.open(db)) {
      Session back = SessionCsv.importFiles(store, List.of(target), Optional.empty()).get(0);
      assertThat(store.readSamples(store.streams(back.id()).get(0).id()).size()).isEqualTo(200_000);
    }
  }

  private static long temporaryBytes(Path out) throws java.io.IOException {
    try (Stream<Path> files = Files.list(out)) {
      long max = 0;
      for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
        try {
          max = Math.max(max, Files.size(p));
        } catch (java.nio.file.NoSuchFileException e) {
          // renamed into place between the listing and the size
        }
      }
      return max;
    }
  }
}
