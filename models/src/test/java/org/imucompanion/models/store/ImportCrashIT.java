package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import's promise for real: a child JVM is killed with SIGKILL after a quarter of a
 * dataset's recordings were written; the store, reopened, holds none of them (the import is one
 * transaction) and keeps what it had before.
 */
class ImportCrashIT {
  @TempDir Path dir;

  @Test
  void sigkillMidImportLeavesTheStoreAsItWas() throws Exception {
    Path db = dir.resolve("import.db");
    try (SessionStore store = SessionStore.open(db)) {
      store.addAthlete("Ann", "before the import");
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path err = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(javaBin, "-cp", cp,
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                ImportCrashChild.class.getName(), db.toString())
            .redirectError(err.toFile())
            .start();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      // Blocks until the child has written ten recordings inside its transaction.
      assertThat(out.readLine()).as(() -> readQuietly(err)).isEqualTo("imported 10");
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    try (SessionStore store = SessionStore.open(db)) {
      assertThat(store.sessions()).isEmpty();
      assertThat(store.athletes()).extracting(Athlete::name).containsExactly("Ann");
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
