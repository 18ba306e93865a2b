package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import org.imucompanion.models.store.StreamInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad CSV in and hostile names out, through the real {@code import}, {@code train-data}, {@code
 * evaluate} and {@code export} commands on a real store file (issue 20, points 5 and 10): every
 * refusal says file, line, column and problem in a short message, and leaves the store and the
 * output directory as they were.
 */
class CsvSafetyIT {
  private static final String HEADER =
      "subject,sample,activity,acc-x-axis,acc-y-axis,acc-z-axis,"
          + "gyro-x-axis,gyro-y-axis,gyro-z-axis,mag-x-axis,mag-y-axis,mag-z-axis";

  @TempDir Path dir;
  private Path dataset;
  private Path store;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeDataset() throws IOException {
    dataset = Files.createDirectories(dir.resolve("mpu9250"));
    store = dir.resolve("sessions.db");
    for (int subject = 1; subject <= 2; subject++) {
      Files.write(file(subject), goodLines(subject));
    }
  }

  private Path file(int subject) {
    return dataset.resolve("subject_0" + subject + ".csv");
  }

  private static List<String> goodLines(int subject) {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (String activity : List.of("Squat", "Pushup")) {
      for (int i = 0; i < 30; i++) {
        double s = Math.sin(0.7 * i);
        lines.add(String.format(Locale.ROOT, "%d,%d,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,1,2,3",
            subject, i, activity, 3 * s, 9.8 + s, 0.5, 40 * s, 5 * s, -3 * s));
      }
    }
    return lines;
  }

  /** Subject 2's file with one line (1-based) replaced. */
  private Path withLine(int lineNo, String text) throws IOException {
    List<String> lines = goodLines(2);
    lines.set(lineNo - 1, text);
    Files.write(file(2), lines);
    return file(2);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Cli.execute(
        args, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  private int importDataset() {
    return run("import", dataset.toString(), "--format", "mpu9250-wristband", "--store", store.toString());
  }

  private List<Session> sessions() throws SessionStoreException {
    try (SessionStore s = SessionStore.open(store)) {
      return s.sessions();
    }
  }

  /**
   * The import is refused with exactly this message after {@code <dir>: <file>: }, and neither
   * the store nor (through train-data and evaluate, which read the same way) any output changes.
   */
  private void assertRefused(Path bad, String detail) throws Exception {
    // A store that already holds another import: the refused one must add nothing to it.
    if (!Files.exists(store)) {
      Path other = Files.createDirectories(dir.resolve("other"));
      Files.copy(file(1), other.resolve("subject_01.csv"));
      assertThat(run("import", other.toString(), "--format", "mpu9250-wristband", "--store", store.toString()))
          .as(err.toString()).isEqualTo(ExitStatus.OK);
    }
    List<Session> before = sessions();
    assertThat(before).hasSize(2);

    String expected = "cannot read " + dataset + ": " + bad + ": " + detail;
    assertThat(importDataset()).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("import: " + expected + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
    assertThat(sessions()).isEqualTo(before);

    Path windows = dir.resolve("windows");
    assertThat(run("train-data", "--dataset", dataset.toString(), "--format", "mpu9250-wristband",
        "-o", windows.toString())).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("train-data: " + expected + System.lineSeparator());
    assertThat(windows).doesNotExist();

    assertThat(run("evaluate", "--dataset", dataset.toString(), "--format", "mpu9250-wristband",
        "--loso", dir.resolve("loso").toString())).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("evaluate: " + expected + System.lineSeparator());
  }

  @Test
  void textThatIsNotUtf8IsRefusedWithLineAndCharacter() throws Exception {
    List<String> lines = goodLines(2);
    lines.set(3, "2,2,Squat,0.5,9.8,0.5,1,2,3,1,2,3 caf\u00e9");
    Files.write(file(2), lines, StandardCharsets.ISO_8859_1);
    long offset = (String.join("\n", lines.subList(0, 3)) + "\n").length() + 37;

    assertRefused(file(2), "line 4: character 38 is not UTF-8 (byte 0xE9 at byte " + offset
        + " of the file); save the file as UTF-8");
  }

  @Test
  void aHugeLineIsRefusedEarlyAndNotEchoed() throws Exception {
    List<String> lines = goodLines(2);
    lines.set(5, "2,4,Squat," + "9".repeat(4_000_000));
    Files.write(file(2), lines);

    assertRefused(file(2), "line 6: a row longer than 65536 characters (a corrupt file, or a"
        + " quote that is never closed); refused without reading the rest of it");
    assertThat(err.toString().length()).isLessThan(600);
  }

  @Test
  void aLongCellInAnErrorIsCutShort() throws Exception {
    String cell = "Sq" + "u".repeat(50_000) + "at";
    assertRefused(withLine(3, "2,1," + cell + ",0.5,9.8,0.5,1,2,3,1,2,3"),
        "line 3, column 3 (activity): unknown activity '" + cell.substring(0, 40)
            + "...' (50004 characters), expected one of Pushup, Pushup_Incorrect, Squat, Situp,"
            + " Situp_Incorrect, Jumping, Lunge");
  }

  @Test
  void aHeaderOnlyFileIsAnErrorNotAnEmptyImport() throws Exception {
    Files.write(file(2), List.of(HEADER));

    assertRefused(file(2), "no data rows after the header");
  }

  @Test
  void finiteValuesOutsideThePhysicalRangeAreRefused() throws Exception {
    assertRefused(withLine(4, "2,2,Squat,1e300,9.8,0.5,1,2,3,1,2,3"),
        "line 4, column 4 (acc-x-axis): '1e300' in x100 mg: 1.0E299 g is outside the physical"
            + " range of ±64 g");
    assertRefused(withLine(4, "2,2,Squat,0.5,4000,0.5,1,2,3,1,2,3"),
        "line 4, column 5 (acc-y-axis): '4000' in x100 mg: 400.0 g is outside the physical"
            + " range of ±64 g");
    assertRefused(withLine(4, "2,2,Squat,0.5,9.8,0.5,1,2,9000,1,2,3"),
        "line 4, column 9 (gyro-z-axis): '9000' in deg/s: 157.07963267948966 rad/s is outside the"
            + " physical range of ±50 rad/s");
  }

  @Test
  void aBadSubjectANegativeIndexOrAnUnknownActivityAreRefusedNotSplitIntoSessions()
      throws Exception {
    assertRefused(withLine(5, "3,3,Squat,0.5,9.8,0.5,1,2,3,1,2,3"),
        "line 5, column 1 (subject): subject '3' differs from subject '2' of line 2; a file holds"
            + " one subject");
    assertRefused(withLine(5, "2x,3,Squat,0.5,9.8,0.5,1,2,3,1,2,3"),
        "line 5, column 1 (subject): subject id '2x' is not a whole number");
    assertRefused(withLine(5, "2,-3,Squat,0.5,9.8,0.5,1,2,3,1,2,3"),
        "line 5, column 2 (sample): sample index -3 is negative");
    assertRefused(withLine(5, "2,1,Squat,0.5,9.8,0.5,1,2,3,1,2,3"),
        "line 5, column 2 (sample): sample index 1 is not after the previous row's 2 within the"
            + " same Squat run");
    assertRefused(withLine(5, "2,3,Sqaut,0.5,9.8,0.5,1,2,3,1,2,3"),
        "line 5, column 3 (activity): unknown activity 'Sqaut', expected one of Pushup,"
            + " Pushup_Incorrect, Squat, Situp, Situp_Incorrect, Jumping, Lunge");
  }

  @Test
  void aGoodDatasetStillImportsWhole() throws Exception {
    assertThat(importDataset()).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("imported 4 sessions, 4 sets, 120 samples");
    assertThat(sessions()).hasSize(4);
  }

  // ---- export ----------------------------------------------------------------------------

  private static final String HYPERLINK = "=HYPERLINK(\"http://evil.example\",\"click\")";

  /** A session whose set labels would break rows or run as formulas if written naively. */
  private long hostileSession() throws SessionStoreException {
    try (SessionStore s = SessionStore.open(store)) {
      Session session = s.startSession(new NewSession(Optional.empty(), "wristband", "1,=cmd|' /C calc'!A0",
          "left wrist", "", Instant.parse("2026-11-21T00:00:00Z"), 0));
      StreamInfo st = s.addStream(session.id(), new NewStream("left-wrist", "wristband", "AA:BB",
          List.of("accel_x", "accel_y", "accel_z"), 100));
      SampleBlock b = new SampleBlock(3, 30);
      for (int i = 0; i < 30; i++) {
        b.add(i * 10_000_000L, i * 10_000L, new double[] {-0.5, 0.25 * i / 30, -1e-3});
      }
      s.appendSamples(st.id(), b);
      s.addSegment(new Segment(0, session.id(), HYPERLINK, 0, OptionalLong.of(90_000_000L),
          OptionalInt.of(3), false, ""));
      s.addSegment(new Segment(0, session.id(), "Squat\nwith\r\nbreaks, \"quoted\"", 100_000_000L,
          OptionalLong.of(190_000_000L), OptionalInt.empty(), true, ""));
      s.addSegment(new Segment(0, session.id(), "-1+1", 200_000_000L,
          OptionalLong.of(290_000_000L), OptionalInt.empty(), false, ""));
      s.finishSession(session.id(), Instant.parse("2026-11-21T00:00:01Z"));
      return session.id();
    }
  }

  private List<CSVRecord> records(Path csv) throws IOException {
    try (CSVParser p = CSVParser.parse(csv, StandardCharsets.UTF_8,
        CSVFormat.RFC4180.builder().setCommentMarker('#').build())) {
      return p.getRecords();
    }
  }

  @Test
  void labelsWithLineBreaksStayInOneRowAndFormulasAreNeutralised() throws Exception {
    long id = hostileSession();
    Path csvDir = dir.resolve("csv");

    assertThat(run("export", "--store", store.toString(), "-o", csvDir.toString()))
        .as(err.toString()).isEqualTo(ExitStatus.OK);

    Path csv = csvDir.resolve("session-" + id + "-left-wrist.csv");
    assertThat(out.toString()).isEqualTo("wrote " + csv + System.lineSeparator());
    List<CSVRecord> rows = records(csv);
    assertThat(rows).hasSize(31);
    assertThat(rows).allSatisfy(r -> assertThat(r.size()).isEqualTo(10));
    assertThat(rows.get(1).get(7)).isEqualTo("'" + HYPERLINK);
    assertThat(rows.get(11).get(7)).isEqualTo("Squat\nwith\r\nbreaks, \"quoted\"");
    assertThat(rows.get(21).get(7)).isEqualTo("'-1+1");
    // Numbers stay numbers, negative ones included.
    assertThat(rows.get(1).get(3)).isEqualTo("-0.5");
    assertThat(rows.get(1).get(5)).isEqualTo("-0.001");
    // The device's firmware version is free text in a comment line; after its comma it is a cell.
    assertThat(Files.readAllLines(csv)).contains("# firmware_version: 1,'=cmd|' /C calc'!A0");
    try (Stream<Path> files = Files.list(csvDir)) {
      assertThat(files).containsExactly(csv);
    }
  }

  @Test
  void anExistingFileIsKeptUnlessForced() throws Exception {
    long id = hostileSession();
    Path csvDir = Files.createDirectories(dir.resolve("csv"));
    Path csv = csvDir.resolve("session-" + id + "-left-wrist.csv");
    Files.writeString(csv, "precious");

    assertThat(run("export", "--store", store.toString(), "-o", csvDir.toString()))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("export: session store: " + csv
        + ": already exists; not replaced unless asked to (--force)" + System.lineSeparator());
    assertThat(csv).hasContent("precious");

    assertThat(run("export", "--store", store.toString(), "-o", csvDir.toString(), "--force"))
        .as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(records(csv)).hasSize(31);
    try (Stream<Path> files = Files.list(csvDir)) {
      assertThat(files).containsExactly(csv);
    }
  }

  @Test
  void aSymbolicLinkIsNeverWrittenThroughEvenWhenForced() throws Exception {
    long id = hostileSession();
    Path csvDir = Files.createDirectories(dir.resolve("csv"));
    Path outside = Files.writeString(dir.resolve("bashrc"), "alias ls=ls");
    Path link = Files.createSymbolicLink(csvDir.resolve("session-" + id + "-left-wrist.csv"), outside);

    for (String[] args : List.of(
        new String[] {"export", "--store", store.toString(), "-o", csvDir.toString()},
        new String[] {"export", "--store", store.toString(), "-o", csvDir.toString(), "--force"})) {
      assertThat(run(args)).isEqualTo(ExitStatus.FAILURE);
      assertThat(err.toString()).isEqualTo("export: session store: " + link
          + ": is a symbolic link; an export never writes through or over one" + System.lineSeparator());
      assertThat(outside).hasContent("alias ls=ls");
      assertThat(Files.isSymbolicLink(link)).isTrue();
    }
  }

  // ---- session CSV back in ------------------------------------------------------------------

  private Path exported() throws Exception {
    long id = hostileSession();
    Path csvDir = dir.resolve("csv");
    assertThat(run("export", "--store", store.toString(), "-o", csvDir.toString()))
        .as(err.toString()).isEqualTo(ExitStatus.OK);
    return csvDir.resolve("session-" + id + "-left-wrist.csv");
  }

  @Test
  void exportedLabelsAndTextComeBackExactlyThroughImport() throws Exception {
    Path csv = exported();
    Path other = dir.resolve("other.db");

    assertThat(run("import", csv.getParent().toString(), "--format", "session-csv", "--store", other.toString()))
        .as(err.toString()).isEqualTo(ExitStatus.OK);

    try (SessionStore s = SessionStore.open(other); SessionStore orig = SessionStore.open(store)) {
      Session back = s.sessions().get(0);
      Session was = orig.sessions().get(0);
      assertThat(out.toString()).isEqualTo("imported " + csv + " as session " + back.id()
          + System.lineSeparator() + "imported 1 sessions into " + other + System.lineSeparator());
      assertThat(back.firmwareVersion()).isEqualTo(was.firmwareVersion());
      assertThat(s.segments(back.id())).extracting(Segment::exercise)
          .containsExactly(HYPERLINK, "Squat\nwith\r\nbreaks, \"quoted\"", "-1+1");
      assertThat(s.readSamples(s.streams(back.id()).get(0).id()).size()).isEqualTo(30);
    }
  }

  @Test
  void aBadSessionCsvIsRefusedWholeAndTheStoreKeepsWhatItHad() throws Exception {
    Path good = exported();
    List<String> lines = Files.readAllLines(good);
    int row = lines.indexOf(lines.stream().filter(l -> l.startsWith("50000000,")).findFirst().orElseThrow());
    Path bad = good.resolveSibling("z-bad.csv");
    List<String> copy = new ArrayList<>(lines);
    copy.set(row, copy.get(row).replace(",-0.5,", ",1e300,"));
    Files.write(bad, copy);
    List<Session> before = sessions();

    // good.csv sorts first and is fine: it must not land either.
    assertThat(run("import", good.getParent().toString(), "--format", "session-csv", "--store", store.toString()))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("import: " + bad + ": line " + (row + 1)
        + ", column 4 (accel_x [g]): 1.0E300 g is outside the physical range of ±64 g;"
        + " nothing was imported" + System.lineSeparator());
    assertThat(sessions()).isEqualTo(before);

    copy.set(row, lines.get(row) + "\u00e9");
    Files.write(bad, copy, StandardCharsets.ISO_8859_1);
    assertThat(run("import", bad.toString(), "--format", "session-csv", "--store", store.toString()))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).startsWith("import: " + bad + ": line " + (row + 1) + ": character "
        + (lines.get(row).length() + 1) + " is not UTF-8 (byte 0xE9 at byte ");
    assertThat(sessions()).isEqualTo(before);
  }
}
