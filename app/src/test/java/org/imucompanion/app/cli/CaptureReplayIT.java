package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** capture the virtual wristband to a btsnoop file, then replay it through the same profile. */
class CaptureReplayIT {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Cli.execute(
        args, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("'%s' in %s", regex, text).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aCaptureReplaysEverySampleItRecorded() throws Exception {
    Path file = dir.resolve("band.btsnoop");

    assertThat(run("capture", "virtual:wristband", "-o", file.toString(), "-d", "2"))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    long captured = number(out.toString(), "wrote (\\d+) notifications");
    assertThat(captured).isBetween(60L, 140L); // 50 Hz, one sample per packet, for 2 s
    assertThat(Files.size(file)).isGreaterThan(captured * 20);

    assertThat(run("replay", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);
    String report = out.toString();
    assertThat(number(report, "(\\d+) samples decoded")).isEqualTo(captured);
    assertThat(report).contains("0 malformed").contains("loss 0.0 %");
    assertThat(number(report, "replayed (\\d+) notifications")).isEqualTo(captured);
    // Per characteristic: the data stream's counts, its last sample and its health.
    assertThat(report)
        .containsPattern(
            "\n  data 0e5a0002-[0-9a-f-]+: "
                + captured
                + " notifications, "
                + captured
                + " samples decoded, 0 malformed; last accel \\(-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3},"
                + " -?\\d+\\.\\d{3}\\) g · gyro \\(.*\\) rad/s.*; \\d+\\.\\d/50 Hz over \\d+\\.\\d s · loss"
                + " 0\\.0 %");
    assertThat(report).doesNotContain("warning");
  }

  @Test
  void classifyReplaysAMyoCaptureThroughTheSameFeedAndModel() throws Exception {
    Path file = dir.resolve("myo.btsnoop");
    assertThat(run("capture", "virtual:myo", "-o", file.toString(), "-d", "6"))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);

    assertThat(run("classify", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    String report = out.toString();
    assertThat(report).containsPattern("\\n? *\\d+\\.\\d+ s  (Burpee|Squat|Situp|Rest) +\\d+ %  reps \\d+");
    // The Myo's IMU at 50 Hz for about 6 s.
    assertThat(number(report, "(\\d+) samples, ")).isBetween(200L, 400L);
    assertThat(number(report, "samples, (\\d+) windows classified")).isPositive();
  }

  @Test
  void classifyRefusesALegacyCaptureSayingWhy() throws Exception {
    Path file = dir.resolve("legacy.btsnoop");
    assertThat(run("capture", "virtual:legacy", "-o", file.toString(), "-d", "2"))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);

    assertThat(run("classify", file.toString())).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString())
        .contains(file + " holds nothing to classify: ")
        .contains("not classified: it sends 2.9 samples a second, too few for the model's pipeline");
  }

  @Test
  void classifyReplaysACaptureThroughTheLiveClassificationPath() throws Exception {
    Path file = dir.resolve("workout.btsnoop");
    assertThat(run("capture", "virtual:wristband", "-o", file.toString(), "-d", "6"))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    long captured = number(out.toString(), "wrote (\\d+) notifications");

    assertThat(run("classify", file.toString())).as(err.toString()).isEqualTo(ExitStatus.OK);

    String report = out.toString();
    assertThat(report).containsPattern(
        "repetitions counted by the repetition-phase model exermote-phase-\\d+");
    // The first window needs 4 s of data at the model's 10 Hz; then a line per change.
    assertThat(report).containsPattern("\\n? *\\d+\\.\\d+ s  (Burpee|Squat|Situp|Rest) +\\d+ %  reps \\d+");
    assertThat(number(report, "(\\d+) samples, ")).isEqualTo(captured);
    assertThat(number(report, "samples, (\\d+) windows classified")).isPositive();
  }

  @Test
  void replayOfAMissingFileFails() {
    assertThat(run("replay", dir.resolve("none.btsnoop").toString())).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("no such file");
  }
}
