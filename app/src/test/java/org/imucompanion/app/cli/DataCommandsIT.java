package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * import, export and train-data on a generated dataset in the MPU9250-wristband format, with a
 * real SQLite session store file: what a script would run, checked by exit code and output.
 */
class DataCommandsIT {
  private static final String HEADER =
      "subject,sample,activity,acc-x-axis,acc-y-axis,acc-z-axis,"
          + "gyro-x-axis,gyro-y-axis,gyro-z-axis,mag-x-axis,mag-y-axis,mag-z-axis";

  @TempDir Path dir;
  private Path dataset;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void writeDataset() throws IOException {
    dataset = Files.createDirectories(dir.resolve("mpu9250"));
    for (int subject = 1; subject <= 2; subject++) {
      List<String> lines = new ArrayList<>(List.of(HEADER));
      for (String activity : List.of("Squat", "Pushup")) {
        double f = activity.equals("Squat") ? 0.3 : 0.5;
        for (int i = 0; i < 80; i++) {
          double s = Math.sin(2 * Math.PI * f * i * 0.35);
          lines.add(
              String.format(
                  Locale.ROOT,
                  "%d,%d,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,1,2,3",
                  subject, i, activity, 3 * s, 9.8 + s, 0.5, 40 * s, 5 * s, -3 * s));
        }
      }
      Files.write(dataset.resolve("subject_0" + subject + ".csv"), lines);
    }
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Cli.execute(
        args, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void importThenExportRoundTripsThroughARealStore() throws IOException {
    Path store = dir.resolve("sessions.db");

    int imported = run("import", dataset.toString(), "--format", "mpu9250-wristband", "--store", store.toString());

    assertThat(imported).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("imported 4 sessions").doesNotContain("[#");
    // Progress goes to stderr, redrawn in place, so a script reading stdout sees results only.
    assertThat(err.toString()).contains("\rimport [").endsWith("] 4/4 recordings" + System.lineSeparator());
    assertThat(store).exists();

    Path csvDir = dir.resolve("csv");
    assertThat(run("export", "--store", store.toString(), "-o", csvDir.toString()))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    assertThat(err.toString()).endsWith("] 4/4 sessions" + System.lineSeparator());
    try (Stream<Path> files = Files.list(csvDir)) {
      List<Path> csv = files.toList();
      assertThat(csv).hasSizeGreaterThanOrEqualTo(4);
      assertThat(Files.readAllLines(csv.get(0)).size()).isGreaterThan(40);
    }
  }

  @Test
  void exportOfAMissingSessionFailsWithExitOne() {
    Path store = dir.resolve("sessions.db");
    assertThat(run("import", dataset.toString(), "--format", "mpu9250-wristband", "--store", store.toString()))
        .isEqualTo(ExitStatus.OK);

    assertThat(run("export", "--store", store.toString(), "--session", "999", "-o", dir.resolve("x").toString()))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("no session 999");
  }

  @Test
  void trainDataWritesWindowsMadeByThePipeline() throws IOException {
    Path windows = dir.resolve("windows");

    int status = run("train-data", "--dataset", dataset.toString(), "--format", "mpu9250-wristband", "-o", windows.toString());

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(err.toString()).contains("\rtrain-data [").contains("] 4/4 recordings");
    try (Stream<Path> files = Files.list(windows)) {
      assertThat(files.map(p -> p.getFileName().toString())).isNotEmpty();
    }
  }

  @Test
  void trainDataHopSetsTheStepBetweenWindows() throws IOException {
    Path every = dir.resolve("every-sample");

    assertThat(run("train-data", "--dataset", dataset.toString(), "--format", "mpu9250-wristband",
        "--hop", "1", "-o", every.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    // Four recordings of 80 samples, windows of 10: one ending at each of samples 10..80.
    String meta = Files.readString(every.resolve("meta.json"));
    assertThat(meta).contains("\"hop\": 1").contains("\"windows\": " + 4 * (80 - 10 + 1));

    assertThat(run("train-data", "--dataset", dataset.toString(), "--format", "mpu9250-wristband",
        "--hop", "0", "-o", dir.resolve("none").toString())).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("--hop must be at least 1 sample, got 0");
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void unknownFormatOrMissingDirectoryFailWithAPlainMessage() {
    assertThat(run("import", dataset.toString(), "--format", "fitbit")).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("unknown dataset format 'fitbit'").contains("exermote");

    assertThat(run("train-data", "--dataset", dir.resolve("nope").toString(), "--format", "exermote", "-o", "w"))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("no such directory");
  }
}
