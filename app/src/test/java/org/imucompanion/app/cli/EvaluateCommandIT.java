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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate with the shipped model (a real ONNX session) on generated wristband-format data: the
 * report's shape and bookkeeping, not the accuracy (the data is synthetic).
 */
class EvaluateCommandIT {
  private static final String HEADER =
      "subject,sample,activity,acc-x-axis,acc-y-axis,acc-z-axis,"
          + "gyro-x-axis,gyro-y-axis,gyro-z-axis,mag-x-axis,mag-y-axis,mag-z-axis";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void tmpdirExists() throws IOException {
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  private static final String EXERMOTE_HEADER =
      "Device: xGravity,Device: yGravity,Device: zGravity,Device: xAcceleration,"
          + "Device: yAcceleration,Device: zAcceleration,Device: pitch,Device: roll,Device: yaw,"
          + "Device: xRotationRate,Device: yRotationRate,Device: zRotationRate,"
          + "exerciseType,exerciseSubType,timeStampSaved,individual";

  /** Writes an Exermote-format session at 10 Hz: squats, a set break, sit-ups, push-ups. */
  private void writeExermoteSession(int individual) throws IOException {
    List<String> lines = new ArrayList<>(List.of(EXERMOTE_HEADER));
    String[][] plan = {{"Squat", "300"}, {"setBreak", "100"}, {"Situp", "300"}, {"Pushup", "100"}};
    int i = 0;
    for (String[] part : plan) {
      for (int k = 0; k < Integer.parseInt(part[1]); k++, i++) {
        double s = Math.sin(2 * Math.PI * 0.4 * i / 10.0);
        String sub = part[0].equals("setBreak") ? "setBreak" : (k % 25 < 12 ? "firstHalf" : "secondHalf");
        long ms = 1000L * 3600 + i * 100L;
        String stamp =
            String.format(Locale.ROOT, "2017-03-30 %02d:%02d:%02d:%03d",
                ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
        lines.add(String.format(Locale.ROOT,
            "%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,0.1,0.2,0.3,%.3f,%.3f,%.3f,%s,%s,%s,%d",
            0.2 * s, -0.9, 0.3, 0.3 * s, 0.1 * s, 0.05, 1.5 * s, 0.3 * s, -0.2 * s,
            part[0], sub, stamp, individual));
      }
    }
    Files.write(dir.resolve("2017-03-30 18-50-49 Individual " + individual + ".csv"), lines);
  }

  @Test
  void reportsPerSubjectAccuracyAndAConfusionMatrix() throws IOException {
    writeExermoteSession(1);
    writeExermoteSession(2);

    int status =
        Cli.execute(
            new String[] {"evaluate", "--dataset", dir.toString(), "--format", "exermote"},
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    String report = out.toString();
    assertThat(report).startsWith("model bundled ").contains("sha256 ");
    assertThat(report).containsPattern("subject 1 +\\d+ windows  accuracy +\\d+\\.\\d %");
    assertThat(report).containsPattern("subject 2 +\\d+ windows");
    // Pushup is not one of the shipped model's classes: its windows are left out and counted.
    assertThat(report).containsPattern("\\d+ windows skipped: their label has no class");
    assertThat(report).contains("confusion matrix (rows: true, columns: predicted):");
    assertThat(report).containsPattern("\\n(Squat|Situp) +\\d+ +\\d+ +\\d+ +\\d+");
  }

  @Test
  void aDatasetTooSlowForTheModelsPipelineIsRefusedWithTheReason() throws IOException {
    // The MPU9250 wristband dataset was sampled at about 3 Hz: below what the shipped model's
    // 4 Hz low-pass needs, so evaluating it must fail plainly rather than produce numbers.
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (int i = 0; i < 200; i++) {
      lines.add(String.format(Locale.ROOT, "1,%d,Squat,0.1,9.8,0.2,1,2,3,1,2,3", i));
    }
    Files.write(dir.resolve("subject_01.csv"), lines);

    int status =
        Cli.execute(
            new String[] {"evaluate", "--dataset", dir.toString(), "--format", "mpu9250-wristband"},
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(status).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).startsWith("evaluate: the model's pipeline cannot run on ");
  }
}
