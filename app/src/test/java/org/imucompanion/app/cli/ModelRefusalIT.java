package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imucompanion.models.Channels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad model file given to {@code classify} and {@code evaluate} (real ONNX sessions, the
 * fixtures of {@code make_refused_models.py}) is refused with {@code model refused: FILE: what
 * and why}, before the capture or the dataset is read, and left as it was; a model that is
 * finite at load but NaN live has those windows counted and never shown.
 */
class ModelRefusalIT {
  private static final String EXTERNAL_ADVICE = "; only self-contained models are loaded, so"
      + " that no other file is opened and the SHA-256 shown covers every weight: save it with"
      + " its weights inside the .onnx file";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void tmpdirExists() throws IOException {
    // ONNX Runtime unpacks its native library into java.io.tmpdir (target/tmp in this build).
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return Cli.execute(args, o -> {throw new AssertionError("no dashboard");},
        new PrintWriter(out), new PrintWriter(err));
  }

  private Path fixture(String name) throws IOException {
    Path file = dir.resolve("models").resolve(name);
    Files.createDirectories(file.getParent());
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }

  /**
   * Both commands refuse the file with exactly {@code <command>: model refused: <file>: why},
   * print nothing on stdout, and leave the file unchanged. The capture is an empty file and the
   * dataset an empty directory: neither is read before the model is checked.
   */
  private void assertRefusedByBoth(String name, String why) throws IOException {
    Path model = fixture(name);
    byte[] before = Files.readAllBytes(model);
    Path capture = Files.write(dir.resolve("never-read.btsnoop"), new byte[0]);
    Path dataset = Files.createDirectories(dir.resolve("never-read-dataset"));

    assertThat(run("classify", capture.toString(), "--model", model.toString()))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString().strip()).isEqualTo("classify: model refused: " + model + ": " + why);
    assertThat(out.toString()).isEmpty();

    assertThat(run("evaluate", "--dataset", dataset.toString(), "--format", "exermote",
        "--model", model.toString())).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString().strip()).isEqualTo("evaluate: model refused: " + model + ": " + why);
    assertThat(out.toString()).isEmpty();

    assertThat(Files.readAllBytes(model)).isEqualTo(before);
  }

  @Test
  void aSampleRateOfOneGigahertzIsRefusedWithTheBound() throws IOException {
    assertRefusedByBoth("tiny_rate_1e9.onnx", "invalid contract: imu.sample_rate_hz is 1.0E9 Hz,"
        + " outside the 1 to 2000 Hz this build runs");
  }

  @Test
  void aWindowOfTwoBillionSamplesIsRefusedWithTheBound() throws IOException {
    assertRefusedByBoth("tiny_huge_window.onnx", "invalid contract: imu.window is 2000000000"
        + " samples, outside 2 to 600 (60 s at 10 Hz)");
  }

  @Test
  void anUnknownChannelIsRefusedNamingIt() throws IOException {
    assertRefusedByBoth("tiny_unknown_channel.onnx", "invalid contract: imu.channels lists"
        + " channel 'gyro_w', which the pipeline does not know; known channels are "
        + new TreeSet<>(Channels.ALL));
  }

  @Test
  void aLowPassAboveNyquistIsTheModelsFaultNotTheDatasets() throws IOException {
    assertRefusedByBoth("tiny_lowpass_nyquist.onnx", "invalid contract: pipeline settings"
        + " (imu.pipeline.*): low_pass_hz 6.0 must be below half of both the input and the"
        + " target rate");
  }

  @Test
  void aModelReturningNanIsRefusedAtLoad() throws IOException {
    assertRefusedByBoth("tiny_nan.onnx", "model returns NaN for class Burpee (outputs [NaN, NaN,"
        + " NaN, NaN]) on a window of its own training means (imu.norm_mean); its output is no"
        + " probability");
  }

  @Test
  void externalDataAnywhereIsRefusedBeforeItIsOpened() throws IOException {
    assertRefusedByBoth("tiny_external_traversal.onnx", "model keeps tensor data in other files"
        + " (tensor 'net.head.bias' in '../../../../etc/passwd')" + EXTERNAL_ADVICE);
    assertRefusedByBoth("tiny_external_absolute.onnx", "model keeps tensor data in other files"
        + " (tensor 'net.head.bias' in '/etc/services')" + EXTERNAL_ADVICE);
  }

  @Test
  void externalDataBesideTheModelIsRefusedToo() throws IOException {
    Files.write(Files.createDirectories(dir.resolve("models")).resolve("weights.bin"), new byte[4]);
    assertRefusedByBoth("tiny_external_in_constant.onnx", "model keeps tensor data in other"
        + " files (tensor 'offset' in 'weights.bin')" + EXTERNAL_ADVICE);
  }

  @Test
  void windowsANanModelReturnsLiveAreCountedAndNeverShown() throws IOException {
    Path capture = dir.resolve("workout.btsnoop");
    assertThat(run("capture", "virtual:wristband", "-o", capture.toString(), "-d", "6"))
        .as(err.toString()).isEqualTo(ExitStatus.OK);
    Path model = fixture("tiny_nan_live.onnx");

    assertThat(run("classify", capture.toString(), "--model", model.toString()))
        .as(err.toString()).isEqualTo(ExitStatus.OK);

    String report = out.toString();
    long shown = number(report, "samples, (\\d+) windows classified");
    long hidden = number(report, "\\n(\\d+) windows not shown: the model returned NaN or infinity"
        + " for them\\n");
    assertThat(hidden).isPositive();
    // Lines of the label timeline ("  4.10 s  Squat  87 %  reps 0") only from finite windows.
    assertThat(report).doesNotContain("NaN %");
    assertThat(Pattern.compile("\\d s  \\S+ +\\d+ %").matcher(report).results().count())
        .isLessThanOrEqualTo(shown);
    assertThat(err.toString()).isEmpty();
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("'%s' in %s", regex, text).isTrue();
    return Long.parseLong(m.group(1));
  }
}
