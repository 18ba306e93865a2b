package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.junit.jupiter.api.Test;

/**
 * Checks the orientation filter on real data: Exermote replayed as a 6-axis wristband would send
 * it (raw accelerometer = gravity + user acceleration, and gyroscope only), and the filter's
 * gravity compared with the gravity CoreMotion recorded. Prints the angle's median and 95th
 * percentile per orientation gain. Needs {@code -Dimu.datasets=<dir>}:
 * {@code mvn -pl models verify -Dit.test=OrientationOnExermoteIT
 * -Dimu.datasets=../shared/datasets}; the build passes ../shared/datasets beside the checkout}.
 */
class OrientationOnExermoteIT {
  @Test
  void filterGravityFollowsCoreMotionGravity() throws IOException {
    String dir = System.getProperty("imu.datasets");
    assumeTrue(dir != null, "set -Dimu.datasets=<dir> to run on the real data");
    Path exermote = Path.of(dir, "exermote");
    assumeTrue(Files.isDirectory(exermote), exermote + " is not a directory");
    Dataset ds = new ExermoteReader().read(exermote);
    List<String> sixAxis =
        Stream.of(Channels.ACCEL, Channels.GYRO).flatMap(List::stream).toList();
    double chosenMedian = Double.NaN;
    for (double gain : new double[] {0.033, 0.1, 0.3, 1.0}) {
      // No low-pass here: its delay would be counted as orientation error.
      PipelineSettings s = PipelineSettings.exermoteDefault().withWindow(1, 1)
          .withChannels(Channels.GRAVITY).withLowPass(0, 4).withOrientationGain(gain);
      double[] angles = new double[(int) ds.sampleCount()];
      int n = 0;
      for (Recording r : ds.recordings()) {
        int gx = r.layout().require(Channels.GRAVITY_X);
        double[] grid = new double[3];
        int[] count = {0};
        double[] out = new double[r.size() * 4];
        RecordingReplay.replay(r, sixAxis, s, (window, end, label, phase) -> {
          int k = count[0]++;
          out[4 * k] = end;
          out[4 * k + 1] = window[0];
          out[4 * k + 2] = window[1];
          out[4 * k + 3] = window[2];
        });
        // Resampled grid times fall between input samples; compare each grid point with the
        // recorded gravity interpolated to the same time, as the pipeline interpolates its own.
        int i = 0;
        for (int k = 0; k < count[0]; k++) {
          double t = out[4 * k];
          while (i + 1 < r.size() && r.time(i + 1) <= t) {
            i++;
          }
          grid[0] = out[4 * k + 1];
          grid[1] = out[4 * k + 2];
          grid[2] = out[4 * k + 3];
          double dot = 0;
          double n1 = 0;
          double n2 = 0;
          double f = i + 1 < r.size() && t > r.time(i)
              ? (t - r.time(i)) / (r.time(i + 1) - r.time(i)) : 0;
          for (int a = 0; a < 3; a++) {
            double rec = r.value(gx + a, i)
                + f * (i + 1 < r.size() ? r.value(gx + a, i + 1) - r.value(gx + a, i) : 0);
            dot += grid[a] * rec;
            n1 += grid[a] * grid[a];
            n2 += rec * rec;
          }
          angles[n++] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1,
              dot / Math.sqrt(n1 * n2)))));
        }
      }
      double[] a = Arrays.copyOf(angles, n);
      Arrays.sort(a);
      double median = a[n / 2];
      double p95 = a[(int) (n * 0.95)];
      System.out.printf(Locale.ROOT,
          "orientation gain %.3f: angle to CoreMotion gravity median %.2f deg, p95 %.2f deg"
              + " over %d samples%n", gain, median, p95, n);
      if (gain == 0.1) {
        chosenMedian = median;
      }
    }
    // The default gain must put the filter's gravity within a few degrees of CoreMotion's.
    assertThat(chosenMedian).isLessThan(10.0);
  }
}
