package org.imucompanion.models.reps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rep counter on the real Exermote recordings, through the live pipeline, with the true
 * labels as the live label. Runs only when {@code imu.datasets} names a directory holding
 * {@code exermote/} (the build passes ../shared/datasets beside the checkout). Prints the tables
 * for the model card; asserts only sanity bounds, well below the measured figures, so that a
 * broken counter fails and an honest small regression shows up in the printed table instead.
 */
class RepEvaluationIT {
  private static Dataset exermote;

  @BeforeAll
  static void read() throws IOException {
    String dir = System.getProperty("imu.datasets");
    assumeTrue(dir != null, "set -Dimu.datasets=<dir with exermote/> to evaluate rep counting");
    Path p = Path.of(dir, "exermote");
    assumeTrue(Files.isDirectory(p), p + " is not a directory: rep counting not evaluated");
    exermote = new ExermoteReader().read(p);
  }

  @Test
  void countsTheRealSetsThroughThePipeline() {
    for (RepEvaluation.DeviceChannels device : List.of(
        RepEvaluation.DeviceChannels.exermotePhone(), RepEvaluation.DeviceChannels.sixAxis())) {
      RepEvaluation.Report report = RepEvaluation.evaluate(exermote, device,
          PipelineSettings.exermoteDefault(), RepProfiles.defaults(),
          RepCounter.Settings.defaults());
      System.out.println(report.table());
      RepEvaluation.Row all = report.overall();
      // The labels describe about 160 sets of 2 to 10 repetitions.
      assertThat(all.sets()).isGreaterThan(150);
      assertThat(all.withinOneShare()).isGreaterThan(0.85);
      assertThat(all.exactShare()).isGreaterThan(0.65);
      assertThat(all.medianTimingErrorSeconds()).isLessThan(1.5);
      assertThat(report.spuriousEvents()).isLessThan(10);
    }
  }

  @Test
  void leaveOneSubjectOutHoldsUp() {
    RepEvaluation.SubjectWiseResult loso = RepEvaluation.leaveOneSubjectOut(exermote,
        RepEvaluation.DeviceChannels.exermotePhone(), PipelineSettings.exermoteDefault(),
        RepProfiles.defaults(), RepCounter.Settings.defaults(), RepEvaluation.defaultGrid());
    System.out.println(loso.heldOut().table() + "chosen per held-out subject: " + loso.chosen());
    assertThat(loso.chosen()).containsKeys("1", "2", "3", "4");
    assertThat(loso.heldOut().overall().sets()).isGreaterThan(150);
    assertThat(loso.heldOut().overall().withinOneShare()).isGreaterThan(0.85);
    assertThat(loso.heldOut().overall().exactShare()).isGreaterThan(0.65);
  }
}
