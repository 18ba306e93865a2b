package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session store under faults, through the real commands: a damaged file is never written
 * into, and commands that only read never create or change anything.
 */
class StoreFaultsIT {
  private static final List<String> CHANNELS =
      List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Cli.execute(
        args, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  // ------------------------------------------------------------------ a damaged store

  @Test
  void importAndRecordRefuseADamagedStoreAndLeaveItAsItWas() throws Exception {
    Path file = dir.resolve("sessions.db");
    long intact;
    try (SessionStore store = SessionStore.open(file)) {
      intact = sessionWithSamples(store, 100, 1).id(); // its rows sit in the first leaf pages
      sessionWithSamples(store, 30, 3000); // enough rows for a b-tree three levels deep
    }
    // Opened once more, this process has checked it and knows it undamaged: the damage done
    // afterwards must still be found (the file no longer looks as it did when checked).
    SessionStore.open(file).close();
    damageAnInteriorPageOfSampleBlocks(file);
    byte[] damaged = Files.readAllBytes(file);
    String problems = quickCheck(file);
    String refusal =
        "cannot open the session store "
            + file.toAbsolutePath()
            + ": is damaged, so nothing will be written to it (SQLite's check found: "
            + problems
            + "). To recover, export what is readable: imu-companion export --store "
            + file.toAbsolutePath()
            + " -o <dir> (with --session <id> for one session at a time if a damaged one stops"
            + " it), then move the file away; the next recording creates a new store."
            + System.lineSeparator();

    assertThat(run("import", mpu9250Dataset().toString(), "--format", "mpu9250-wristband", "--store", file.toString()))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("import: " + refusal);
    assertThat(Files.readAllBytes(file)).isEqualTo(damaged);

    assertThat(run("record", "virtual:wristband", "--athlete", "Ann", "--exercise", "Squat", "--store", file.toString(), "-d", "1"))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("record: " + refusal);
    assertThat(Files.readAllBytes(file)).isEqualTo(damaged);

    // The way out the message gives: what is readable exports, from the file as it is.
    Path csv = dir.resolve("rescued");
    assertThat(run("export", "--store", file.toString(), "--session", Long.toString(intact), "-o", csv.toString()))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    try (Stream<Path> files = Files.list(csv)) {
      Path written = files.findFirst().orElseThrow();
      assertThat(Files.readAllLines(written).stream().filter(l -> !l.startsWith("#")).count())
          .isEqualTo(1 + 100); // header + every sample
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
  }

  // ------------------------------------------------------------------ reading commands only read

  @Test
  void exportOfAMistypedPathCreatesNothing() {
    Path missing = dir.resolve("no-such-dir").resolve("sesions.db");

    assertThat(run("export", "--store", missing.toString(), "-o", dir.resolve("csv").toString()))
        .isEqualTo(ExitStatus.FAILURE);

    assertThat(err.toString())
        .isEqualTo(
            "export: cannot open the session store "
                + missing.toAbsolutePath()
                + ": there is no session store here; nothing was created. Check the path"
                + " (record or import create a store)."
                + System.lineSeparator());
    assertThat(dir.resolve("no-such-dir")).doesNotExist();
    assertThat(dir.resolve("csv")).doesNotExist();
  }

  @Test
  void exportOfAnEmptyFileLeavesItEmpty() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.db"));

    assertThat(run("export", "--store", empty.toString(), "-o", dir.resolve("csv").toString()))
        .isEqualTo(ExitStatus.FAILURE);

    assertThat(err.toString())
        .isEqualTo(
            "export: cannot open the session store "
                + empty.toAbsolutePath()
                + ": is an empty file, not a session store; it was not modified."
                + System.lineSeparator());
    assertThat(empty).isEmptyFile();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("empty.db");
    }
  }

  @Test
  void exportReadsAStoreInADirectoryNobodyCanWrite() throws Exception {
    Path storeDir = Files.createDirectories(dir.resolve("archive"));
    Path file = storeDir.resolve("sessions.db");
    try (SessionStore store = SessionStore.open(file)) {
      sessionWithSamples(store, 50, 1);
    }
    byte[] before = Files.readAllBytes(file);
    Path csv = dir.resolve("csv");

    int status;
    try (ReadOnlyDirectory locked = ReadOnlyDirectory.lock(storeDir)) {
      status = run("export", "--store", file.toString(), "-o", csv.toString());
    }

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).startsWith("wrote " + csv);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (Stream<Path> files = Files.list(storeDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sessions.db");
    }
  }

  // ------------------------------------------------------------------ device clock wrap

  @Test
  void exportKeepsEverySampleOfASessionStoredAcrossTheDeviceClockWrap() throws Exception {
    Path file = dir.resolve("sessions.db");
    long first = (1L << 32) - 50 * 20_000; // 50 samples at 50 Hz before the 32-bit wrap, 50 after
    long sessionId;
    try (SessionStore store = SessionStore.open(file)) {
      Session s =
          store.startSession(
              new NewSession(
                  Optional.empty(), "wristband", "1.0", "wrist", "",
                  Instant.parse("2026-12-01T10:00:00Z"), 0));
      sessionId = s.id();
      StreamInfo st = store.addStream(s.id(), new NewStream("wrist", "wristband", "AA", CHANNELS, 50));
      // As the recorder stored it before it kept device time 64-bit: the device's 32 bits.
      SampleBlock block = new SampleBlock(CHANNELS.size(), 100);
      for (int i = 0; i < 100; i++) {
        block.add(i * 20_000_000L, (first + i * 20_000L) & 0xFFFF_FFFFL, new double[] {i, 0, 0, 0, 0, 0});
      }
      store.appendSamples(st.id(), block);
      store.finishSession(s.id(), Instant.parse("2026-12-01T10:00:02Z"));
    }
    Path csv = dir.resolve("csv");

    assertThat(run("export", "--store", file.toString(), "--session", Long.toString(sessionId), "-o", csv.toString()))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);

    try (Stream<Path> files = Files.list(csv)) {
      List<String> rows =
          Files.readAllLines(files.findFirst().orElseThrow()).stream()
              .filter(l -> !l.startsWith("#"))
              .skip(1)
              .toList();
      assertThat(rows).hasSize(100);
      for (int i = 0; i < 100; i++) {
        String[] cells = rows.get(i).split(",");
        assertThat(cells[1]).isEqualTo(Long.toString(first + i * 20_000L)); // device_time_us, 64-bit
        assertThat(cells[3]).isEqualTo(i + ".0"); // accel_x = the sample's index
      }
    }
  }

  // ------------------------------------------------------------------ the size cap option

  @Test
  void aMaxStoreSizeThatIsNotASizeIsAUsageError() {
    assertThat(run("record", "virtual:wristband", "--athlete", "Ann", "--exercise", "Squat",
            "--store", dir.resolve("s.db").toString(), "--max-store-size", "12X"))
        .isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString().lines().findFirst())
        .hasValue(
            "Invalid value for option '--max-store-size': '12X' is not a size (bytes, or a number"
                + " followed by K, M or G)");
    assertThat(dir.resolve("s.db")).doesNotExist();
  }

  // ------------------------------------------------------------------ fixtures

  private static Session sessionWithSamples(SessionStore store, int samplesPerBlock, int blocks)
      throws Exception {
    Session s =
        store.startSession(
            new NewSession(
                Optional.empty(), "wristband", "1.0", "wrist", "",
                Instant.parse("2026-12-01T10:00:00Z"), 0));
    StreamInfo st = store.addStream(s.id(), new NewStream("wrist", "wristband", "AA", CHANNELS, 50));
    double[] v = new double[CHANNELS.size()];
    long index = 0;
    for (int b = 0; b < blocks; b++) {
      SampleBlock block = new SampleBlock(CHANNELS.size(), samplesPerBlock);
      for (int i = 0; i < samplesPerBlock; i++, index++) {
        v[0] = index;
        block.add(index * 20_000_000L, index * 20_000L, v);
      }
      store.appendSamples(st.id(), block);
    }
    return store.finishSession(s.id(), Instant.parse("2026-12-01T11:00:00Z"));
  }

  /**
   * Overwrites the cell pointers of an interior page of the sample table (not its root, whose loss
   * would hide every row): the b-tree below it is lost, the rest stays readable.
   */
  private static void damageAnInteriorPageOfSampleBlocks(Path file) throws Exception {
    int root;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'sample_blocks'")) {
      rs.next();
      root = rs.getInt(1);
    }
    byte[] bytes = Files.readAllBytes(file);
    int pageSize = ((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int rootAt = (root - 1) * pageSize;
    assertThat(bytes[rootAt]).as("root of sample_blocks is an interior page").isEqualTo((byte) 0x05);
    int lastChild = b.getInt(rootAt + 8); // the right-most child: the newest rows
    int at = (lastChild - 1) * pageSize;
    assertThat(bytes[at]).as("page %d is an interior page", lastChild).isEqualTo((byte) 0x05);
    for (int i = at + 12; i < at + pageSize; i++) {
      bytes[i] = (byte) 0xff;
    }
    FileTime written = Files.getLastModifiedTime(file);
    Files.write(file, bytes);
    if (Files.getLastModifiedTime(file).equals(written)) {
      // Written within the file system's timestamp tick of the store's last close: a writer in
      // another process leaves a later time, which is what tells this process to check again.
      Files.setLastModifiedTime(file, FileTime.from(written.toInstant().plusMillis(1)));
    }
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
  }

  /** What SQLite itself says about the file, read without writing it. */
  private static String quickCheck(Path file) throws Exception {
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro&immutable=1");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check(3)")) {
      while (rs.next()) {
        problems.add(rs.getString(1));
      }
    }
    assertThat(problems).isNotEqualTo(List.of("ok"));
    return String.join("; ", problems);
  }

  private Path mpu9250Dataset() throws IOException {
    Path data = Files.createDirectories(dir.resolve("mpu9250"));
    List<String> lines =
        new ArrayList<>(
            List.of(
                "subject,sample,activity,acc-x-axis,acc-y-axis,acc-z-axis,"
                    + "gyro-x-axis,gyro-y-axis,gyro-z-axis,mag-x-axis,mag-y-axis,mag-z-axis"));
    for (int i = 0; i < 40; i++) {
      lines.add(String.format(Locale.ROOT, "1,%d,Squat,%.2f,9.8,0.5,1,2,3,1,2,3", i, Math.sin(i)));
    }
    Files.write(data.resolve("subject_01.csv"), lines);
    return data;
  }

  /**
   * Makes a directory unwritable for this process, even as root (where permissions don't apply):
   * the immutable attribute then, the write permission otherwise. Undone on close.
   */
  private static final class ReadOnlyDirectory implements AutoCloseable {
    private final Path directory;
    private final boolean root;

    private ReadOnlyDirectory(Path directory, boolean root) {
      this.directory = directory;
      this.root = root;
    }

    static ReadOnlyDirectory lock(Path directory) throws Exception {
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        chattr("+i", directory);
      } else {
        assertThat(directory.toFile().setWritable(false, false)).isTrue();
      }
      assertThat(Files.isWritable(directory) && !root)
          .as("%s must not be writable", directory)
          .isFalse();
      // Prove it: SQLite would need to create its -shm file here.
      try {
        Files.createFile(directory.resolve("probe"));
        throw new AssertionError(directory + " is still writable");
      } catch (IOException expected) {
        // what the test needs
      }
      return new ReadOnlyDirectory(directory, root);
    }

    private static void chattr(String flag, Path directory) throws Exception {
      Process p = new ProcessBuilder("chattr", flag, directory.toString()).inheritIO().start();
      assertThat(p.waitFor()).as("chattr %s %s", flag, directory).isZero();
    }

    @Override
    public void close() throws Exception {
      if (root) {
        chattr("-i", directory);
      } else {
        directory.toFile().setWritable(true, false);
      }
    }
  }
}
