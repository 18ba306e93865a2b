package org.imucompanion.models.classifier;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.DatasetFormat;
import org.imucompanion.models.export.ExportSummary;
import org.imucompanion.models.export.WindowExporter;
import org.imucompanion.models.pipeline.PipelineSettings;

/**
 * Exports training windows with the models module's {@link WindowExporter} and a dataset format's
 * defaults: what the app's {@code train-data} command does, for {@code
 * models/training/run_recipe.sh} to use while the app jar isn't built. A test-scope main, so it
 * adds nothing to the shipped module.
 *
 * <pre>
 * java -cp models/target/classes:models/target/test-classes:$(cat CLASSPATH_FILE) \
 *   org.imucompanion.models.classifier.TrainingWindowsExport FORMAT DATASET_DIR OUTPUT_DIR \
 *   [DEVICE_CHANNELS|all] [HOP]
 * </pre>
 *
 * <p>{@code DEVICE_CHANNELS} (comma-separated, e.g. {@code accel_x,accel_y,accel_z,gyro_x,gyro_y,gyro_z})
 * feeds the pipeline only those recorded channels, as if a 6-axis wristband had recorded the
 * session: gravity and linear acceleration then come from the orientation filter ({@code all}:
 * the recorded channels). {@code HOP} (samples between window ends, default the format's own) of
 * 1 writes a window ending at every sample, as a repetition-phase model trains on.
 */
public final class TrainingWindowsExport {
  private TrainingWindowsExport() {}

  /**
   * Runs the export.
   *
   * @param args dataset format id ({@code exermote} or {@code mpu9250-wristband}), dataset
   *     directory, output directory, optionally the device channels to feed ({@code all}: the
   *     recorded ones) and the hop
   * @throws Exception if the dataset can't be read or the windows can't be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 5) {
      System.err.println(
          "usage: TrainingWindowsExport FORMAT DATASET_DIR OUTPUT_DIR [DEVICE_CHANNELS|all] [HOP]");
      System.exit(2);
    }
    DatasetFormat format = DatasetFormat.byId(args[0]).orElseThrow(() ->
        new IllegalArgumentException("unknown format " + args[0] + "; one of "
            + Arrays.toString(DatasetFormat.values())));
    Dataset dataset = format.reader().read(Path.of(args[1]));
    PipelineSettings settings = format.defaultSettings();
    if (args.length == 5) {
      settings = settings.withWindow(settings.window(), Integer.parseInt(args[4]));
    }
    WindowExporter exporter = new WindowExporter(settings, format.defaultMapping(dataset));
    if (args.length >= 4 && !args[3].equals("all")) {
      exporter = exporter.withDeviceChannels(List.of(args[3].split(",")));
    }
    ExportSummary summary = exporter.export(dataset, Path.of(args[2]));
    System.out.println(summary);
  }
}
