package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.evaluation.ConfusionMatrixImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate with the shipped model (a real ONNX session) on generated Exermote-format data: the
 * report's shape and bookkeeping, the PNG and JSON files, and leave-one-subject-out fold checks;
 * not the accuracy (the data is synthetic).
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

  private int evaluate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "evaluate";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.execute(all, o -> {throw new AssertionError("no dashboard");},
        new PrintWriter(out), new PrintWriter(err));
  }

  /** The shipped model as a fold model file (it was trained on Exermote subjects 1 to 4). */
  private static Path shippedModelAs(Path file) throws IOException {
    return copy(DefaultModel.class, DefaultModel.RESOURCE, file);
  }

  /** The random-weight phase fixture (it names subjects 1 to 4 as trained on) as a fold. */
  private static Path phaseFixtureAs(Path file) throws IOException {
    return copy(EvaluateCommandIT.class, "tiny_phase.onnx", file);
  }

  private static Path copy(Class<?> anchor, String resource, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void reportsEveryFigureOfTheModelCardAndWritesPngAndJson() throws IOException {
    writeExermoteSession(1);
    writeExermoteSession(2);
    Path png = dir.resolve("out/cm.png");
    Path json = dir.resolve("out/figures.json");
    Files.createDirectories(png.getParent());

    int status = evaluate("--dataset", dir.toString(), "--format", "exermote", "--png",
        png.toString(), "--json", json.toString(), "--reps-true-label");

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    String report = out.toString();
    assertThat(report).startsWith("model bundled ").contains("sha256 ");
    // The shipped model was trained on subjects 1 to 4: scoring them is optimistic, and said.
    assertThat(report).contains("warning: the model was trained on subjects [1, 2]");
    assertThat(report).containsPattern("subject 1 +\\d+ windows  accuracy +\\d+\\.\\d %  macro-F1");
    assertThat(report).containsPattern("subject 2 +\\d+ windows");
    // Pushup is not one of the shipped model's classes: its windows are left out and counted.
    assertThat(report).containsPattern("\\d+ windows skipped: their label has no class");
    assertThat(report).contains("class      precision    recall        F1   support");
    assertThat(report).containsPattern("macro-F1 \\d\\.\\d{3}  accuracy \\d\\.\\d{3}");
    assertThat(report).contains("confusion matrix (rows: true, columns: predicted):");
    assertThat(report).containsPattern("\\n(Squat|Situp) +\\d+ +\\d+ +\\d+ +\\d+");
    // Two sessions, each with one squat set and one sit-up set (push-ups have no class).
    assertThat(report).containsPattern("\\nall +4 +\\d+ +\\d+ ");
    assertThat(report).containsPattern("sets right \\d/4, delay median");
    assertThat(report).contains("repetitions, live label = model's smoothed label");
    assertThat(report).contains("repetitions, live label = true label");
    assertThat(err.toString()).contains("] 2/2 recordings");

    BufferedImage image = ImageIO.read(png.toFile());
    int size = ConfusionMatrixImage.MARGIN + 4 * ConfusionMatrixImage.CELL;
    assertThat(image.getWidth()).isEqualTo(size);
    assertThat(image.getHeight()).isEqualTo(size);
    Set<Integer> cellColours = new HashSet<>();
    for (int t = 0; t < 4; t++) {
      for (int p = 0; p < 4; p++) {
        cellColours.add(image.getRGB(ConfusionMatrixImage.MARGIN + p * ConfusionMatrixImage.CELL
            + ConfusionMatrixImage.CELL - 4, ConfusionMatrixImage.MARGIN
            + t * ConfusionMatrixImage.CELL + 4));
      }
    }
    assertThat(cellColours).as("cells shaded by their share of the row").hasSizeGreaterThan(1);

    String figures = Files.readString(json);
    assertThat(figures).startsWith("{\"pooled\":{").contains("\"subjects\":{\"1\":{")
        .contains("\"macro_f1\":").contains("\"reps_by_model_label\":{\"rows\":");
  }

  @Test
  void leaveOneSubjectOutScoresEachSubjectWithItsFoldModel() throws IOException {
    writeExermoteSession(7);
    writeExermoteSession(8);
    Path folds = dir.resolve("folds");
    shippedModelAs(folds.resolve("fold-7.onnx"));
    shippedModelAs(folds.resolve("fold-8.onnx"));
    Path data = dir;

    int status = evaluate("--dataset", data.toString(), "--format", "exermote", "--loso",
        folds.toString(), "--subjects", "8");

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("subject 8: model ").doesNotContain("subject 7: model")
        .doesNotContain("warning:").containsPattern("subject 8 +\\d+ windows");
  }

  @Test
  void theOrientationFilterPathReplaysOnlyAccelerometerAndGyroscope() throws IOException {
    writeExermoteSession(3);
    int status = evaluate("--dataset", dir.toString(), "--format", "exermote",
        "--accel-gyro-only");
    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).containsPattern("subject 3 +\\d+ windows")
        .contains("per step, classifier arg-max");
  }

  @Test
  void aFoldModelTrainedOnTheSubjectItScoresIsRefused() throws IOException {
    writeExermoteSession(2);
    Path folds = dir.resolve("folds");
    shippedModelAs(folds.resolve("fold-2.onnx"));

    int status = evaluate("--dataset", dir.toString(), "--format", "exermote", "--loso",
        folds.toString());

    assertThat(status).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("fold-2.onnx: it was trained on subjects [1, 2, 3, 4],"
        + " which include subject 2 it is asked to score");
    assertThat(out.toString()).doesNotContain("per step");
  }

  @Test
  void phaseFoldModelsNeedLeaveOneSubjectOutAndAreCheckedBeforeTheReplay() throws IOException {
    writeExermoteSession(8);
    Path folds = dir.resolve("folds");
    shippedModelAs(folds.resolve("fold-8.onnx"));
    Path phaseFolds = Files.createDirectories(dir.resolve("phase-folds"));

    assertThat(evaluate("--dataset", dir.toString(), "--format", "exermote", "--phase-loso",
        phaseFolds.toString())).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("--phase-loso needs --loso");

    assertThat(evaluate("--dataset", dir.toString(), "--format", "exermote", "--loso",
        folds.toString(), "--phase-loso", phaseFolds.toString(), "--phase-doubt-shares", "0.9"))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("no fold model for subject 8: expected "
        + phaseFolds.resolve("fold-8.onnx"));
    assertThat(out.toString()).doesNotContain("per step");
  }

  @Test
  void phaseFoldsCountEachSubjectWithTheDoubtShareChosenOnTheOthers() throws IOException {
    writeExermoteSession(7);
    writeExermoteSession(8);
    Path folds = dir.resolve("folds");
    Path phaseFolds = dir.resolve("phase-folds");
    for (String s : List.of("7", "8")) {
      shippedModelAs(folds.resolve("fold-" + s + ".onnx"));
      phaseFixtureAs(phaseFolds.resolve("fold-" + s + ".onnx"));
    }

    int status = evaluate("--dataset", dir.toString(), "--format", "exermote", "--loso",
        folds.toString(), "--phase-loso", phaseFolds.toString(), "--reps-true-label");

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString())
        .containsPattern("subject 8 .* phase model +\\d+\\.\\d % / +\\d+\\.\\d % \\(doubt share"
            + " 0\\.\\d+\\)")
        .contains("repetitions by the phase model, live label = model's smoothed label, doubt"
            + " share chosen on the other subjects from [0.0, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9,"
            + " 0.95] (7: ")
        .contains("repetitions by the phase model, live label = true label, doubt share chosen");

    out.getBuffer().setLength(0);
    status = evaluate("--dataset", dir.toString(), "--format", "exermote", "--loso",
        folds.toString(), "--phase-loso", phaseFolds.toString(), "--phase-doubt-shares", "0.5");
    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("(doubt share 0.5)")
        .contains("live label = model's smoothed label, doubt share 0.5\n");
  }

  @Test
  void aDoubtShareOutsideZeroToOneOrAChoiceWithoutOtherSubjectsIsRefused() throws IOException {
    writeExermoteSession(8);
    Path folds = dir.resolve("folds");
    shippedModelAs(folds.resolve("fold-8.onnx"));
    phaseFixtureAs(dir.resolve("phase-folds/fold-8.onnx"));
    String[] common = {"--dataset", dir.toString(), "--format", "exermote", "--loso",
        folds.toString(), "--phase-loso", dir.resolve("phase-folds").toString()};

    List<String> args = new ArrayList<>(List.of(common));
    args.addAll(List.of("--phase-doubt-shares", "0.5,1.5"));
    assertThat(evaluate(args.toArray(String[]::new))).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("--phase-doubt-shares: 1.5 is not a share in [0, 1)");

    assertThat(evaluate(common)).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("choosing the phase counter's doubt share on the other"
        + " subjects needs two subjects or more");
    assertThat(out.toString()).doesNotContain("per step");
  }

  @Test
  void aMissingFoldModelIsNamed() throws IOException {
    writeExermoteSession(5);
    Files.createDirectories(dir.resolve("folds"));
    int status = evaluate("--dataset", dir.toString(), "--format", "exermote", "--loso",
        dir.resolve("folds").toString());
    assertThat(status).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("no fold model for subject 5: expected ");
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
