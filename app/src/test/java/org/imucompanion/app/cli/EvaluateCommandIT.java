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

  @Test
  void reportsPerSubjectAccuracyAndAConfusionMatrix() throws IOException {
    for (int subject = 1; subject <= 2; subject++) {
      List<String> lines = new ArrayList<>(List.of(HEADER));
      for (String activity : List.of("Squat", "Situp", "Lunge")) {
        for (int i = 0; i < 120; i++) {
          double s = Math.sin(2 * Math.PI * 0.4 * i * 0.35);
          lines.add(String.format(Locale.ROOT, "%d,%d,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%.2f,1,2,3",
              subject, i, activity, 3 * s, 9.8 + s, 0.5, 40 * s, 5 * s, -3 * s));
        }
      }
      Files.write(dir.resolve("subject_0" + subject + ".csv"), lines);
    }

    int status =
        Cli.execute(
            new String[] {"evaluate", "--dataset", dir.toString(), "--format", "mpu9250-wristband"},
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    String report = out.toString();
    assertThat(report).startsWith("model bundled ").contains("sha256 ");
    assertThat(report).containsPattern("subject 1 +\\d+ windows  accuracy +\\d+\\.\\d %");
    assertThat(report).containsPattern("subject 2 +\\d+ windows");
    // Lunge is not one of the shipped model's classes: its windows are left out and counted.
    assertThat(report).containsPattern("\\d+ windows skipped: their label has no class");
    assertThat(report).contains("confusion matrix (rows: true, columns: predicted):");
    assertThat(report).containsPattern("\\n(Squat|Situp) +\\d+ +\\d+ +\\d+ +\\d+");
  }
}
