package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.junit.jupiter.api.Test;

/**
 * Optional check of the readers against the real, unlicensed recordings. Runs only when the
 * system property {@code imu.datasets} names the directory holding {@code exermote/} and
 * {@code mpu9250-wristband/}, e.g. {@code mvn -pl models verify
 * -Dimu.datasets=../shared/datasets}; the build passes ../shared/datasets beside the checkout}.
 */
class RealDatasetsIT {
  static Path datasets(String sub) {
    String dir = System.getProperty("imu.datasets");
    assumeTrue(dir != null, "set -Dimu.datasets=<dir> to check the real datasets");
    Path p = Path.of(dir, sub);
    assumeTrue(Files.isDirectory(p), p + " is not a directory");
    return p;
  }

  @Test
  void exermoteReadsEverySessionWithSaneGravity() throws IOException {
    Dataset ds = new ExermoteReader().read(datasets("exermote"));
    assertThat(ds.recordings()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(ds.recordings().stream().map(Recording::subject).collect(Collectors.toSet()))
        .containsAll(Set.of("1", "2", "3", "4"));
    // Only the first row(s) of some sessions are empty; nothing in the middle needed repair.
    assertThat(ds.issues()).allSatisfy(i -> assertThat(i.line()).isLessThanOrEqualTo(3));
    long phased = 0;
    for (Recording r : ds.recordings()) {
      assertThat(r.size()).isGreaterThan(2900);
      assertThat(r.time(r.size() - 1) / (r.size() - 1)).isCloseTo(0.1, within(0.005));
      int gx = r.layout().require(Channels.GRAVITY_X);
      for (int i = 0; i < r.size(); i += 97) {
        double n = Math.sqrt(sq(r.value(gx, i)) + sq(r.value(gx + 1, i)) + sq(r.value(gx + 2, i)));
        assertThat(n).isCloseTo(1.0, within(0.05));
      }
      for (int i = 0; i < r.size(); i++) {
        if (r.phase(i) != RepPhase.NONE) {
          phased++;
          assertThat(r.labelName(i)).isIn("Burpee", "Squat", "Situp");
        }
      }
    }
    assertThat(phased).isGreaterThan(10_000);

    // The README: 2 to 10 repetitions per set, about 160 sets.
    List<ExerciseSet> sets = ds.recordings().stream()
        .flatMap(r -> ExerciseSets.of(r).stream()).toList();
    System.out.printf("exermote: %d sets, %d repetitions%n", sets.size(),
        sets.stream().mapToInt(ExerciseSet::repetitions).sum());
    assertThat(sets.size()).isBetween(140, 180);
    assertThat(sets).allSatisfy(s -> assertThat(s.repetitions()).isBetween(2, 10));
  }

  @Test
  void wristbandReadsSevenActivitiesPerSubject() throws IOException {
    Dataset ds = new Mpu9250WristbandReader().read(datasets("mpu9250-wristband"));
    assertThat(ds.recordings()).hasSize(16 * 7);
    assertThat(ds.droppedRows()).isZero();
    assertThat(ds.recordings()).allSatisfy(r -> assertThat(r.size()).isEqualTo(80));
    double sum = 0;
    long n = 0;
    for (Recording r : ds.recordings()) {
      for (int i = 0; i < r.size(); i++) {
        sum += Math.sqrt(sq(r.value(0, i)) + sq(r.value(1, i)) + sq(r.value(2, i)));
        n++;
      }
    }
    // Exercising wrists: mean |accel| a little above 1 g proves the 100 mg unit.
    assertThat(sum / n).isBetween(0.9, 1.6);
  }

  private static double sq(double v) {
    return v * v;
  }
}
