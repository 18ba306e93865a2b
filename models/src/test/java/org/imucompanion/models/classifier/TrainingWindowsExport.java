package org.imucompanion.models.classifier;

import java.nio.file.Path;
import java.util.Arrays;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.DatasetFormat;
import org.imucompanion.models.export.ExportSummary;
import org.imucompanion.models.export.WindowExporter;

/**
 * Exports training windows with the models module's {@link WindowExporter} and a dataset format's
 * defaults: what the app's {@code train-data} command does, for {@code
 * models/training/run_recipe.sh} to use while the app jar isn't built. A test-scope main, so it
 * adds nothing to the shipped module.
 *
 * <pre>
 * java -cp models/target/classes:models/target/test-classes:$(cat CLASSPATH_FILE) \
 *   org.imucompanion.models.classifier.TrainingWindowsExport FORMAT DATASET_DIR OUTPUT_DIR
 * </pre>
 */
public final class TrainingWindowsExport {
  private TrainingWindowsExport() {}

  /**
   * Runs the export.
   *
   * @param args dataset format id ({@code exermote} or {@code mpu9250-wristband}), dataset
   *     directory, output directory
   * @throws Exception if the dataset can't be read or the windows can't be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: TrainingWindowsExport FORMAT DATASET_DIR OUTPUT_DIR");
      System.exit(2);
    }
    DatasetFormat format = DatasetFormat.byId(args[0]).orElseThrow(() ->
        new IllegalArgumentException("unknown format " + args[0] + "; one of "
            + Arrays.toString(DatasetFormat.values())));
    Dataset dataset = format.reader().read(Path.of(args[1]));
    ExportSummary summary = new WindowExporter(format.defaultSettings(),
        format.defaultMapping(dataset)).export(dataset, Path.of(args[2]));
    System.out.println(summary);
  }
}
