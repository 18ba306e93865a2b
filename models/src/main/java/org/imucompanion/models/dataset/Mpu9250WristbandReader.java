package org.imucompanion.models.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    String[] currentKey = new String[1];
    long[] lastIndex = new long[1];
    Map<String, Integer> runsPerKey = new HashMap<>();
    csv.forEachRow((line, cells) -> {
      String subject = CsvFile.cell(cells, subjectCol);
      String activity = CsvFile.cell(cells, activityCol);
      String indexText = CsvFile.cell(cells, sampleCol);
      if (subject.isEmpty() || activity.isEmpty()) {
        issues.add(new RowIssue(fileName, line, subject.isEmpty() ? SUBJECT : ACTIVITY,
            "empty cell", RowIssue.Action.DROPPED));
        return;
      }
      long index;
      try {
        index = Long.parseLong(indexText);
      } catch (NumberFormatException e) {
        issues.add(new RowIssue(fileName, line, SAMPLE,
            "unparsable sample index '" + indexText + "'", RowIssue.Action.DROPPED));
        return;
      }
      for (int i = 0; i < valueCols.length; i++) {
        String text = CsvFile.cell(cells, valueCols[i]);
        double v = ExermoteReader.parse(text);
        if (Double.isNaN(v)) {
          issues.add(new RowIssue(fileName, line, VALUE_COLUMNS[i],
              text.isEmpty() ? "empty cell" : "unparsable number '" + text + "'",
              RowIssue.Action.DROPPED));
          return;
        }
        sample[i] = v * SCALE[i];
      }
      String key = subject + "/" + activity;
      if (current[0] == null || !key.equals(currentKey[0]) || index <= lastIndex[0]) {
        if (current[0] != null) {
          fromFile.add(current[0].build());
        }
        int run = runsPerKey.merge(key, 1, Integer::sum) - 1;
        String sessionId = "subject_" + subject + "/" + activity + (run == 0 ? "" : "#" + run);
        current[0] = Recording.builder(subject, sessionId, fileName, LAYOUT);
        currentKey[0] = key;
      }
      current[0].add(index * pollPeriodSeconds, sample, activity, RepPhase.NONE);
      lastIndex[0] = index;
    });
    if (current[0] != null) {
      fromFile.add(current[0].build());
    }
    recordings.addAll(fromFile);
  }
}
