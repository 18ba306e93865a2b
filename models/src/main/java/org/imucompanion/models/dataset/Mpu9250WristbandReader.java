package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;

/**
 * Reads the MPU9250 wristband recordings (the "Fitness-Activity-Classification-with-LSTMs"
 * project): one CSV per subject with columns {@code subject, sample, activity, acc-*-axis,
 * gyro-*-axis, mag-*-axis}; seven activities of 80 samples each, polled about every 0.35 s.
 *
 * <p>The files store the legacy wristband's int16 payload divided by 100, so: acceleration in
 * units of 100 mg (÷10 gives g), angular rate in deg/s (converted to rad/s), magnetic field in
 * units of 100 mG (×10 gives µT). Output channels: {@link Channels#ACCEL}, {@link Channels#GYRO},
 * {@link Channels#MAG}.
 *
 * <p>Each run of one activity by one subject (consecutive rows with the same activity and a
 * growing {@code sample} index) is one session, timed as {@code sample × pollPeriodSeconds}.
 * The files carry no time stamps, so a dropped row leaves a visible gap in time rather than
 * shifting later samples. Rows with an empty or unparsable cell are dropped and reported.
 *
 * <p>What cannot be a flaw of one row is refused with a {@link DatasetFormatException} naming
 * file, line and column, because repairing it would silently split a file into more sessions or
 * wreck every figure: a subject id that is not a whole number or differs from the file's first
 * one, a negative sample index or one that does not grow within an activity run, an activity
 * that is not one of {@link #ACTIVITIES}, a value outside {@link PhysicalLimits}, and a file
 * with no usable row at all.
 */
public final class Mpu9250WristbandReader implements DatasetReader {
  /** The collecting PC's polling period: about 0.35 s. */
  public static final double DEFAULT_POLL_PERIOD_SECONDS = 0.35;

  /** The layout of every recording this reader returns. */
  public static final ChannelLayout LAYOUT =
      ChannelLayout.of(
          Stream.of(Channels.ACCEL, Channels.GYRO, Channels.MAG).flatMap(List::stream).toList());

  static final String SUBJECT = "subject";
  static final String SAMPLE = "sample";
  static final String ACTIVITY = "activity";
  static final String[] VALUE_COLUMNS = {
    "acc-x-axis", "acc-y-axis", "acc-z-axis",
    "gyro-x-axis", "gyro-y-axis", "gyro-z-axis",
    "mag-x-axis", "mag-y-axis", "mag-z-axis"
  };
  private static final double[] SCALE = {
    0.1, 0.1, 0.1,
    Math.PI / 180, Math.PI / 180, Math.PI / 180,
    10, 10, 10
  };

  /** The units of {@link #VALUE_COLUMNS} after scaling, for the range checks. */
  private static final String[] UNITS = {
    "g", "g", "g", "rad/s", "rad/s", "rad/s", "uT", "uT", "uT"
  };

  /** The units of {@link #VALUE_COLUMNS} as the files store them, for messages. */
  private static final String[] FILE_UNITS = {
    "x100 mg", "x100 mg", "x100 mg", "deg/s", "deg/s", "deg/s", "x100 mG", "x100 mG", "x100 mG"
  };

  /** The seven activities of the dataset; any other label is a broken file. */
  public static final List<String> ACTIVITIES = List.of(
      "Pushup", "Pushup_Incorrect", "Squat", "Situp", "Situp_Incorrect", "Jumping", "Lunge");

  private final double pollPeriodSeconds;

  /** A reader with the published polling period, {@link #DEFAULT_POLL_PERIOD_SECONDS}. */
  public Mpu9250WristbandReader() {
    this(DEFAULT_POLL_PERIOD_SECONDS);
  }

  /**
   * A reader with a given polling period.
   *
   * @param pollPeriodSeconds seconds between consecutive {@code sample} indices
   */
  public Mpu9250WristbandReader(double pollPeriodSeconds) {
    if (!(pollPeriodSeconds > 0)) {
      throw new IllegalArgumentException("poll period must be positive: " + pollPeriodSeconds);
    }
    this.pollPeriodSeconds = pollPeriodSeconds;
  }

  /**
   * Nominal sample rate implied by the polling period.
   *
   * @return samples per second
   */
  public double sampleRateHz() {
    return 1.0 / pollPeriodSeconds;
  }

  @Override
  public String name() {
    return "mpu9250-wristband";
  }

  @Override
  public Dataset read(Path directory) throws IOException {
    List<Recording> recordings = new ArrayList<>();
    List<RowIssue> issues = new ArrayList<>();
    for (Path file : DatasetFiles.csvFiles(directory)) {
      readFile(file, recordings, issues);
    }
    String description = "MPU9250 wristband on an Arduino Simblee (github.com/bartkowiaktomasz/"
        + "fitness-activity-classification-with-lstms): 7 activities x 80 samples per subject,"
        + " polled every " + pollPeriodSeconds + " s; accel/gyro/mag rescaled to g, rad/s, uT";
    return new Dataset(name(), description, sampleRateHz(), recordings, issues);
  }

  /**
   * Reads one subject file, appending one recording per activity run.
   *
   * @param file a subject CSV
   * @param recordings receives the sessions
   * @param issues receives one entry per dropped row
   * @throws DatasetFormatException if a required column is missing
   * @throws IOException if the file cannot be read
   */
  public void readFile(Path file, List<Recording> recordings, List<RowIssue> issues)
      throws IOException {
    CsvFile csv = CsvFile.open(file);
    int subjectCol = csv.require(SUBJECT);
    int sampleCol = csv.require(SAMPLE);
    int activityCol = csv.require(ACTIVITY);
    int[] valueCols = new int[VALUE_COLUMNS.length];
    for (int i = 0; i < valueCols.length; i++) {
      valueCols[i] = csv.require(VALUE_COLUMNS[i]);
    }
    String fileName = csv.fileName();
    double[] sample = new double[LAYOUT.size()];
    List<Recording> fromFile = new ArrayList<>();
    Recording.Builder[] current = new Recording.Builder[1];
    String[] currentActivity = new String[1];
    String[] fileSubject = new String[1];
    long[] subjectLine = new long[1];
    long[] lastIndex = new long[1];
    Map<String, Integer> runsPerActivity = new HashMap<>();
    long rows = csv.forEachRow(row -> {
      int line = Math.toIntExact(row.line());
      String subject = row.cell(subjectCol);
      String activity = row.cell(activityCol);
      String indexText = row.cell(sampleCol);
      if (subject.isEmpty() || activity.isEmpty()) {
        issues.add(new RowIssue(fileName, line, subject.isEmpty() ? SUBJECT : ACTIVITY,
            "empty cell", RowIssue.Action.DROPPED));
        return;
      }
      if (!ExermoteReader.SUBJECT_ID.matcher(subject).matches()) {
        throw csv.problem(line, subjectCol,
            "subject id " + CsvText.excerpt(subject) + " is not a whole number");
      }
      if (fileSubject[0] == null) {
        fileSubject[0] = subject;
        subjectLine[0] = line;
      } else if (!subject.equals(fileSubject[0])) {
        throw csv.problem(line, subjectCol, "subject " + CsvText.excerpt(subject)
            + " differs from subject " + CsvText.excerpt(fileSubject[0]) + " of line "
            + subjectLine[0] + "; a file holds one subject");
      }
      if (!ACTIVITIES.contains(activity)) {
        throw csv.problem(line, activityCol, "unknown activity " + CsvText.excerpt(activity)
            + ", expected one of " + String.join(", ", ACTIVITIES));
      }
      long index;
      try {
        index = Long.parseLong(indexText);
      } catch (NumberFormatException e) {
        issues.add(new RowIssue(fileName, line, SAMPLE,
            "unparsable sample index " + CsvText.excerpt(indexText), RowIssue.Action.DROPPED));
        return;
      }
      if (index < 0) {
        throw csv.problem(line, sampleCol, "sample index " + index + " is negative");
      }
      boolean sameRun = current[0] != null && activity.equals(currentActivity[0]);
      if (sameRun && index <= lastIndex[0]) {
        throw csv.problem(line, sampleCol, "sample index " + index + " is not after the previous"
            + " row's " + lastIndex[0] + " within the same " + activity + " run");
      }
      for (int i = 0; i < valueCols.length; i++) {
        String text = row.cell(valueCols[i]);
        double v = ExermoteReader.parse(text);
        if (Double.isNaN(v)) {
          issues.add(new RowIssue(fileName, line, VALUE_COLUMNS[i],
              text.isEmpty() ? "empty cell" : "unparsable number " + CsvText.excerpt(text),
              RowIssue.Action.DROPPED));
          return;
        }
        sample[i] = v * SCALE[i];
        Optional<String> out = PhysicalLimits.problem(sample[i], UNITS[i]);
        if (out.isPresent()) {
          throw csv.problem(line, valueCols[i], CsvText.excerpt(text) + " in " + FILE_UNITS[i]
              + ": " + out.get());
        }
      }
      if (!sameRun) {
        if (current[0] != null) {
          fromFile.add(current[0].build());
        }
        int run = runsPerActivity.merge(activity, 1, Integer::sum) - 1;
        String sessionId = "subject_" + subject + "/" + activity + (run == 0 ? "" : "#" + run);
        current[0] = Recording.builder(subject, sessionId, fileName, LAYOUT);
        currentActivity[0] = activity;
      }
      current[0].add(index * pollPeriodSeconds, sample, activity, RepPhase.NONE);
      lastIndex[0] = index;
    });
    if (current[0] != null) {
      fromFile.add(current[0].build());
    } else {
      throw new DatasetFormatException(file, null, rows == 0
          ? "no data rows after the header" : "no usable row (all " + rows + " were dropped)");
    }
    recordings.addAll(fromFile);
  }
}
