package org.imucompanion.models.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

/**
 * Measures what the integrity check costs when a store opens for writing, on a store of a given
 * size (1 GB by default, about 12 million 9-channel samples): the whole {@code PRAGMA
 * quick_check} that {@link SessionStore#open(Path)} runs, the same check limited to every table
 * but the sample blocks, a plain {@code SELECT count(*)} of the blocks for comparison, and the
 * whole {@link SessionStore#open(Path)} (which checks on the first open in a process and not again
 * while the file stays as this process left it) and {@link SessionStore#openForReading(Path)}.
 *
 * <p>Run: {@code mvn -B -q -pl models -am test-compile}, then {@code java -cp <models test
 * classpath> org.imucompanion.models.store.StoreOpenCheckBench [<megabytes> [<dir> [<samples per
 * row>]]]}. The recorder writes one row per stream per 200 ms commit: 40 samples at 200 Hz (the
 * default), 10 at 50 Hz; fewer samples per row means more b-tree cells to check. The figures
 * are with the file in the page cache (it was just written); a cold cache adds the time to read
 * the file once from disk.
 */
public final class StoreOpenCheckBench {
  private static final int CHANNELS = 9;

  private StoreOpenCheckBench() {}

  /**
   * Builds the store (or reuses it) and prints the figures.
   *
   * @param args optional: size in megabytes (default 1024), directory (default a temp directory),
   *     samples per stored row (default 40)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("open-check-bench");
    int block = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    Path file = dir.resolve("big-" + block + ".db");
    if (!Files.exists(file) || Files.size(file) < megabytes * 1_000_000 * 9 / 10) {
      build(file, megabytes * 1_000_000, block);
    }
    System.out.printf(
        "store %s: %.1f MB, %d samples per row, %d processors, %s %s%n",
        file,
        Files.size(file) / 1e6,
        block,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("java.version"));
    for (int round = 0; round < 3; round++) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = c.createStatement()) {
        System.out.printf("round %d%n", round + 1);
        time("  PRAGMA quick_check (whole file)", s, "PRAGMA quick_check");
        for (String table :
            new String[] {"athletes", "sessions", "streams", "segments", "gaps", "predicted_labels"}) {
          time("  PRAGMA quick_check(" + table + ")", s, "PRAGMA quick_check(" + table + ")");
        }
        time("  SELECT count(*) FROM sample_blocks", s, "SELECT count(*) FROM sample_blocks");
      }
      long t0 = System.nanoTime();
      try (SessionStore store = SessionStore.open(file)) {
        System.out.printf(
            "  SessionStore.open (%s): %.0f ms%n",
            round == 0 ? "first in this process: runs the check" : "file as this process left it: not re-checked",
            (System.nanoTime() - t0) / 1e6);
      }
      t0 = System.nanoTime();
      try (SessionStore store = SessionStore.openForReading(file)) {
        System.out.printf("  SessionStore.openForReading (no check): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
      }
    }
  }

  private static void time(String what, Statement s, String sql) throws Exception {
    long t0 = System.nanoTime();
    String first;
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      first = rs.getString(1);
    }
    System.out.printf("%s: %.0f ms (%s)%n", what, (System.nanoTime() - t0) / 1e6, first);
  }

  private static void build(Path file, long bytes, int block) throws Exception {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
    }
    long t0 = System.nanoTime();
    try (SessionStore store = SessionStore.open(file)) {
      long samples = 0;
      int sessions = 0;
      while (Files.size(file) < bytes) {
        Session s =
            store.startSession(
                new NewSession(
                    Optional.empty(), "wristband", "1.0", "wrist", "bench",
                    java.time.Instant.parse("2026-12-01T00:00:00Z"), 0));
        StreamInfo st = StoreFiles.wristStream(store, s.id());
        for (int b = 0; b < 1_000_000 / block; b++) {
          store.appendSamples(st.id(), StoreFiles.samples(CHANNELS, (long) b * block, block));
          samples += block;
        }
        store.finishSession(s.id(), java.time.Instant.parse("2026-12-01T01:00:00Z"));
        sessions++;
      }
      System.out.printf(
          "built %d sessions, %d samples in %.0f s%n", sessions, samples, (System.nanoTime() - t0) / 1e9);
    }
  }
}
