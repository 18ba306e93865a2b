package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;

/**
 * Reads the Exermote recordings: an iPhone on the right upper arm at 10 Hz, one CSV per session,
 * labelled {@code Burpee}, {@code Squat}, {@code Situp}, {@code Break} or {@code setBreak} with the
 * repetition halves {@code firstHalf}/{@code secondHalf} in {@code exerciseSubType}.
 *
 * <p>Output channels: {@link Channels#ACCEL}, {@link Channels#GRAVITY}, {@link Channels#LIN_ACC}
 * and {@link Channels#GYRO}. CoreMotion reports gravity and user acceleration with the opposite
 * sign to a MEMS accelerometer (see {@link Channels}); both are negated here so that {@code
 * accel = gravity + lin_acc} reads +1 g up at rest, like the wristband. {@code accel} is
 * reconstructed as their sum, which is what a 6-axis wristband would have measured; replaying it
 * through the orientation filter checks that filter against CoreMotion's own gravity.
 *
 * <p>The Estimote nearable columns are ignored. Rows whose Device cells are empty or unparsable
 * are repaired with the previous row's values when there is one in the session (they are
 * sensor dropouts of one 100 ms tick), and dropped otherwise (a session's first row is often
 * empty). Rows with an unparsable or non-increasing timestamp, or without a label, are dropped.
 * Each case is reported as a {@link RowIssue}.
 *
 * <p>Refused with a {@link DatasetFormatException} naming file, line and column: a value outside
 * {@link PhysicalLimits} (a broken file or a wrong unit, not a dropout), an {@code individual}
 * that is not a whole number or changes within the file, and a file with no usable row.
 */
public final class ExermoteReader implements DatasetReader {
  /** Nominal sample rate of the recordings. */
  public static final double SAMPLE_RATE_HZ = 10.0;

  /** The layout of every recording this reader returns. */
  public static final ChannelLayout LAYOUT =
      ChannelLayout.of(
          Stream.of(Channels.ACCEL, Channels.GRAVITY, Channels.LIN_ACC, Channels.GYRO)
              .flatMap(List::stream)
              .toList());

  static final String[] GRAVITY_COLUMNS = {
    "Device: xGravity", "Device: yGravity", "Device: zGravity"
  };
  static final String[] USER_ACCEL_COLUMNS = {
    "Device: xAcceleration", "Device: yAcceleration", "Device: zAcceleration"
  };
  static final String[] ROTATION_RATE_COLUMNS = {
    "Device: xRotationRate", "Device: yRotationRate", "Device: zRotationRate"
  };
  static final String EXERCISE_TYPE = "exerciseType";
  static final String EXERCISE_SUB_TYPE = "exerciseSubType";
  static final String TIME_STAMP = "timeStampSaved";
  static final String INDIVIDUAL = "individual";

  private static final DateTimeFormatter TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss:SSS");
  /** A subject id: a whole number, as both datasets number their people. */
  static final Pattern SUBJECT_ID = Pattern.compile("[0-9]{1,9}");

  private static final Pattern INDIVIDUAL_IN_NAME = Pattern.compile("Individual\\s*(\\d+)");
  private static final String DESCRIPTION =
      "Exermote (github.com/Lausbert/Exermote): iPhone on the right upper arm, CoreMotion at 10 Hz;"
          + " labels Burpee/Squat/Situp/Break/setBreak with repetition halves firstHalf/secondHalf;"
          + " gravity and user acceleration negated to the MEMS accelerometer sign convention";

  /** Creates a reader. */
  public ExermoteReader() {}

  @Override
  public String name() {
    return "exermote";
  }

  @Override
  public Dataset read(Path directory) throws IOException {
    List<Path> files = DatasetFiles.csvFiles(directory);
    List<Recording> recordings = new ArrayList<>();
    List<RowIssue> issues = new ArrayList<>();
    for (Path file : files) {
      recordings.add(readSession(file, issues));
    }
    return new Dataset(name(), DESCRIPTION, SAMPLE_RATE_HZ, recordings, issues);
  }

  /**
   * Reads one session file.
   *
   * @param file an Exermote CSV file
   * @param issues receives one entry per repaired or dropped row
   * @return the session
   * @throws DatasetFormatException if a required column is missing or no row is usable
   * @throws IOException if the file cannot be read
   */
  public Recording readSession(Path file, List<RowIssue> issues) throws IOException {
    CsvFile csv = CsvFile.open(file);
    int[] gravity = requireAll(csv, GRAVITY_COLUMNS);
    int[] user = requireAll(csv, USER_ACCEL_COLUMNS);
    int[] rate = requireAll(csv, ROTATION_RATE_COLUMNS);
    int type = csv.require(EXERCISE_TYPE);
    int subType = csv.require(EXERCISE_SUB_TYPE);
    int stamp = csv.require(TIME_STAMP);
    int individual = csv.require(INDIVIDUAL);
    String fileName = csv.fileName();
    String sessionId = fileName.endsWith(".csv")
        ? fileName.substring(0, fileName.length() - 4) : fileName;

    // Device columns in reading order: gravity, user acceleration, rotation rate.
    int[] deviceColumns = new int[9];
    for (int i = 0; i < 3; i++) {
      deviceColumns[i] = gravity[i];
      deviceColumns[3 + i] = user[i];
      deviceColumns[6 + i] = rate[i];
    }

    Session session = new Session(csv, sessionId, issues);
    long rows = csv.forEachRow(row -> session.row(row, deviceColumns, type, subType, stamp,
        individual));
    if (session.builder == null) {
      throw new DatasetFormatException(file, null, rows == 0
          ? "no data rows after the header" : "no usable row (all " + rows + " were dropped)");
    }
    return session.builder.build();
  }

  private static int[] requireAll(CsvFile csv, String[] columns) throws DatasetFormatException {
    int[] idx = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      idx[i] = csv.require(columns[i]);
    }
    return idx;
  }

  /** Per-file state while rows stream past. */
  private static final class Session {
    private final CsvFile csv;
    private final String fileName;
    private final String sessionId;
    private final List<RowIssue> issues;
    private final double[] device = new double[9];
    private final double[] previous = new double[9];
    private final double[] sample = new double[LAYOUT.size()];
    private boolean havePrevious;
    private Recording.Builder builder;
    private long firstMillis;
    private long lastMillis;

    private String subject;
    private long subjectLine;

    Session(CsvFile csv, String sessionId, List<RowIssue> issues) {
      this.csv = csv;
      this.fileName = csv.fileName();
      this.sessionId = sessionId;
      this.issues = issues;
    }

    void row(CsvRows.Row row, int[] deviceColumns, int type, int subType, int stamp,
        int individual) throws DatasetFormatException {
      int line = Math.toIntExact(row.line());
      String label = row.cell(type);
      if (label.isEmpty()) {
        drop(line, EXERCISE_TYPE, "empty label");
        return;
      }
      long millis;
      String stampText = row.cell(stamp);
      try {
        millis = LocalDateTime.parse(stampText, TIME_FORMAT).toInstant(ZoneOffset.UTC)
            .toEpochMilli();
      } catch (DateTimeParseException e) {
        drop(line, TIME_STAMP, "unparsable time stamp " + CsvText.excerpt(stampText));
        return;
      }
      if (builder != null && millis <= lastMillis) {
        drop(line, TIME_STAMP, "time stamp " + stampText + " not after the previous row");
        return;
      }
      List<String> flawed = new ArrayList<>();
      String firstProblem = null;
      for (int i = 0; i < 9; i++) {
        String text = row.cell(deviceColumns[i]);
        double v = parse(text);
        if (!Double.isNaN(v)) {
          Optional<String> out = PhysicalLimits.problem(v, i < 6 ? "g" : "rad/s");
          if (out.isPresent()) {
            throw csv.problem(line, deviceColumns[i], CsvText.excerpt(text) + ": " + out.get());
          }
        }
        if (Double.isNaN(v)) {
          flawed.add(csv.columnName(deviceColumns[i]));
          if (firstProblem == null) {
            firstProblem = text.isEmpty() ? "empty cell"
                : "unparsable number " + CsvText.excerpt(text);
          }
          if (!havePrevious) {
            continue;
          }
          v = previous[i];
        }
        device[i] = v;
      }
      if (!flawed.isEmpty()) {
        String columns = String.join(", ", flawed);
        if (!havePrevious) {
          drop(line, columns, firstProblem + ", no earlier row to repair from");
          return;
        }
        issues.add(new RowIssue(fileName, line, columns,
            firstProblem + ", previous row's value used", RowIssue.Action.REPAIRED));
      }
      String individualCell = row.cell(individual);
      if (!individualCell.isEmpty() && !SUBJECT_ID.matcher(individualCell).matches()) {
        throw csv.problem(line, individual, "subject id " + CsvText.excerpt(individualCell)
            + " is not a whole number");
      }
      if (builder == null) {
        subject = subjectOf(individualCell);
        subjectLine = line;
        builder = Recording.builder(subject, sessionId, fileName, LAYOUT);
        firstMillis = millis;
      } else if (!individualCell.isEmpty() && !individualCell.equals(subject)) {
        throw csv.problem(line, individual, "subject " + CsvText.excerpt(individualCell)
            + " differs from subject " + CsvText.excerpt(subject) + " of line " + subjectLine
            + "; a file is one session of one person");
      }
      for (int a = 0; a < 3; a++) {
        double g = -device[a];
        double lin = -device[3 + a];
        sample[a] = g + lin;
        sample[3 + a] = g;
        sample[6 + a] = lin;
        sample[9 + a] = device[6 + a];
      }
      String sub = row.cell(subType);
      RepPhase phase = switch (sub) {
        case "firstHalf" -> RepPhase.FIRST_HALF;
        case "secondHalf" -> RepPhase.SECOND_HALF;
        default -> RepPhase.NONE;
      };
      builder.add((millis - firstMillis) / 1000.0, sample, label, phase);
      System.arraycopy(device, 0, previous, 0, 9);
      havePrevious = true;
      lastMillis = millis;
    }

    private String subjectOf(String individualCell) {
      if (!individualCell.isEmpty()) {
        return individualCell;
      }
      Matcher m = INDIVIDUAL_IN_NAME.matcher(fileName);
      return m.find() ? m.group(1) : fileName;
    }

    private void drop(int line, String column, String problem) {
      issues.add(new RowIssue(fileName, line, column, problem, RowIssue.Action.DROPPED));
    }
  }

  /** A finite number, or NaN for an empty or unparsable cell. */
  static double parse(String text) {
    if (text.isEmpty()) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(text);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
