package org.imucompanion.models.athlete;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.export.ExportSummary;
import org.imucompanion.models.export.WindowExporter;
import org.imucompanion.models.pipeline.PipelineSettings;

/**
 * Exports hop-1 training windows of virtual workouts ({@link VirtualWorkouts}) with Exermote's
 * pipeline settings and classes, for the repetition-phase recipe ({@code train.py
 * --synthetic-train-windows}). A test-scope main, as {@code TrainingWindowsExport}.
 *
 * <pre>
 * java -cp models/target/classes:models/target/test-classes:$(cat CLASSPATH_FILE) \
 *   org.imucompanion.models.athlete.VirtualWorkoutExport OUTPUT_DIR FIRST_SEED COUNT \
 *   [EXERMOTE_DIR HELD_OUT_SUBJECT]
 * </pre>
 *
 * <p>Without a dataset the athletes perform from the shipped templates (derived from all four
 * Exermote subjects), which is right for the final model. For a leave-one-subject-out fold, give
 * the Exermote directory and the fold's held-out subject: the templates are then derived from the
 * other subjects only, so nothing of the held-out subject reaches the fold's training.
 */
public final class VirtualWorkoutExport {
  /** The wristband's rate: what the virtual device sends live. */
  private static final double DEVICE_RATE_HZ = 50;
  private static final int SETS_PER_EXERCISE = 3;

  private VirtualWorkoutExport() {}

  /**
   * Runs the export.
   *
   * @param args output directory, first seed, number of seeds, optionally the Exermote directory
   *     and the subject to leave out of the templates
   * @throws Exception if the dataset can't be read or the windows can't be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 5) {
      System.err.println("usage: VirtualWorkoutExport OUTPUT_DIR FIRST_SEED COUNT"
          + " [EXERMOTE_DIR HELD_OUT_SUBJECT]");
      System.exit(2);
    }
    long first = Long.parseLong(args[1]);
    List<Long> seeds = LongStream.range(first, first + Integer.parseInt(args[2])).boxed()
        .toList();
    AthleteTemplates templates = AthleteTemplates.shipped();
    if (args.length == 5) {
      Dataset exermote = new ExermoteReader().read(Path.of(args[3]));
      Dataset others = new Dataset(exermote.name(), exermote.description(),
          exermote.sampleRateHz(), exermote.recordings().stream()
              .filter(r -> !r.subject().equals(args[4])).toList(), List.of());
      if (others.recordings().size() == exermote.recordings().size()) {
        throw new IllegalArgumentException("no recording of subject " + args[4] + " in "
            + args[3]);
      }
      templates = new TemplateBuilder(TemplateBuilder.DEFAULT_POINTS).build(others);
    }
    PipelineSettings settings = PipelineSettings.exermoteDefault();
    settings = settings.withWindow(settings.window(), 1);
    ExportSummary summary = new WindowExporter(settings, ClassMapping.exermoteDefault())
        .export(VirtualWorkouts.dataset(templates, seeds, SETS_PER_EXERCISE, DEVICE_RATE_HZ),
            Path.of(args[0]));
    System.out.println(summary);
  }
}
