package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExermoteReader;
import org.imucompanion.models.dataset.Mpu9250WristbandReader;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.export.DatasetFormat;
import org.imucompanion.models.export.ExportSummary;
import org.imucompanion.models.export.WindowExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets into the store and stored sessions back out to the training windows, with generated
 * recordings; the real datasets are checked only when {@code -Dimu.datasets=<dir>} is
 * given (they carry no licence and are not in the repository).
 */
class DatasetImportIT {
  @TempDir Path dir;

  private static final ChannelLayout WRIST =
      ChannelLayout.of(List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z"));

  /** Exermote-like: rest, a squat set of 4 reps with in-set breaks, rest, a situp set of 3 reps. */
  static Recording exermoteLike() {
    Recording.Builder b = Recording.builder("7", "s1", "generated.csv", WRIST);
    double[] v = new double[9];
    int[] t = {0};
    for (int i = 0; i < 5; i++) {
      b.add(0.1 * t[0]++, v, "setBreak", RepPhase.NONE);
    }
    for (int rep = 0; rep < 4; rep++) {
      for (int i = 0; i < 3; i++) {
        b.add(0.1 * t[0]++, v, "Squat", RepPhase.FIRST_HALF);
      }
      for (int i = 0; i < 3; i++) {
        b.add(0.1 * t[0]++, v, "Squat", RepPhase.SECOND_HALF);
      }
      b.add(0.1 * t[0]++, v, "Break", RepPhase.NONE);
    }
    for (int i = 0; i < 5; i++) {
      b.add(0.1 * t[0]++, v, "setBreak", RepPhase.NONE);
    }
    for (int rep = 0; rep < 3; rep++) {
      for (int i = 0; i < 2; i++) {
        b.add(0.1 * t[0]++, v, "Situp", RepPhase.FIRST_HALF);
      }
      for (int i = 0; i < 2; i++) {
        b.add(0.1 * t[0]++, v, "Situp", RepPhase.SECOND_HALF);
      }
    }
    return b.build();
  }

  @Test
  void rebuildsSetsWithTrueRepCountsAndSkipsWhatIsAlreadyImported() throws Exception {
    Dataset ds = new Dataset("gen", "generated", 10, List.of(exermoteLike()), List.of());
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      DatasetImport.Result r = DatasetImport.importDataset(store, ds);
      assertThat(r.sessionIds()).hasSize(1);
      assertThat(r.sets()).isEqualTo(2);
      Session s = store.findSession(r.sessionIds().get(0)).orElseThrow();
      assertThat(s.state()).isEqualTo(SessionState.COMPLETE);
      assertThat(store.findAthlete(s.athleteId().orElseThrow()).orElseThrow().name()).isEqualTo("gen subject 7");
      List<Segment> sets = store.segments(s.id());
      assertThat(sets).extracting(Segment::exercise).containsExactly("Squat", "Situp");
      assertThat(sets.get(0).repCount()).hasValue(4);
      assertThat(sets.get(1).repCount()).hasValue(3);
      // From the first squat sample (index 5) to the last (index 5 + 4*7 - 2 = 31, before the final Break).
      assertThat(sets.get(0).startHostNanos()).isEqualTo(500_000_000L);
      assertThat(sets.get(0).endHostNanos()).hasValue(3_100_000_000L);
      StreamInfo st = store.streams(s.id()).get(0);
      assertThat(store.sampleCount(st.id())).isEqualTo(exermoteLike().size());
      assertThat(st.channels()).isEqualTo(WRIST.names());

      DatasetImport.Result again = DatasetImport.importDataset(store, ds);
      assertThat(again.sessionIds()).isEmpty();
      assertThat(again.skipped()).isEqualTo(1);
      assertThat(store.athletes()).hasSize(1);
    }
  }

  @Test
  void incorrectFormLabelsBecomeAFlagAndComeBackOutUnderTheSameName() throws Exception {
    Recording.Builder b = Recording.builder("3", "Pushup_Incorrect-0", "subject_03.csv", WRIST);
    double[] v = new double[9];
    for (int i = 0; i < 80; i++) {
      v[0] = i;
      b.add(0.35 * i, v, "Pushup_Incorrect", RepPhase.NONE);
    }
    Dataset ds = new Dataset("mpu", "generated", 1 / 0.35, List.of(b.build()), List.of());
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      long id = DatasetImport.importDataset(store, ds).sessionIds().get(0);
      Segment set = store.segments(id).get(0);
      assertThat(set.exercise()).isEqualTo("Pushup");
      assertThat(set.incorrectForm()).isTrue();
      assertThat(set.repCount()).isEmpty();
      Recording back = StoredRecordings.toRecording(store, store.streams(id).get(0).id());
      assertThat(back.size()).isEqualTo(80);
      assertThat(back.labelName(40)).isEqualTo("Pushup_Incorrect");
      assertThat(back.time(79)).isEqualTo(0.35 * 79, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(back.value(0, 79)).isEqualTo(79);
      assertThat(back.subject()).isEqualTo("mpu subject 3");
    }
  }

  @Test
  void anAthletesOwnLabeledSessionExportsToTrainingWindows() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Athlete ana = store.addAthlete("Ana", "");
      Session s =
          store.startSession(new NewSession(Optional.of(ana.id()), "wristband", "1.0", "left wrist", "", java.time.Instant.now(), 0));
      double rate = 1 / 0.35;
      StreamInfo st = store.addStream(s.id(), new NewStream("wrist", "wristband", "AA", WRIST.names(), rate));
      SampleBlock b = new SampleBlock(9, 400);
      long periodNs = 350_000_000L;
      for (int i = 0; i < 400; i++) {
        double[] v = new double[9];
        v[2] = 1 + 0.3 * Math.sin(i * 0.7);
        v[3] = 0.5 * Math.cos(i * 0.7);
        v[6] = 20;
        b.add(i * periodNs, i * periodNs / 1000, v);
      }
      store.appendSamples(st.id(), b);
      store.addSegment(new Segment(0, s.id(), "Squat", 50 * periodNs, java.util.OptionalLong.of(150 * periodNs), java.util.OptionalInt.of(12), false, ""));
      store.addSegment(new Segment(0, s.id(), "Pushup", 200 * periodNs, java.util.OptionalLong.of(300 * periodNs), java.util.OptionalInt.empty(), true, ""));
      store.finishSession(s.id(), java.time.Instant.now());

      Dataset ds = StoredRecordings.toDataset(store, List.of(s.id()), Optional.of("wrist"));
      assertThat(ds.recordings()).singleElement().satisfies(r -> assertThat(r.labelNames()).contains("Rest", "Squat", "Pushup_Incorrect"));
      ClassMapping mapping = ClassMapping.identity(List.of("Rest", "Squat", "Pushup_Incorrect"));
      ExportSummary summary =
          new WindowExporter(DatasetFormat.MPU9250_WRISTBAND.defaultSettings(), mapping).export(ds, dir.resolve("windows"));
      assertThat(summary.windows()).isGreaterThan(50);
      assertThat(summary.windowsPerClass().get("Squat")).isGreaterThan(10);
      assertThat(summary.windowsPerClass().get("Pushup_Incorrect")).isGreaterThan(10);
      assertThat(summary.windowsPerSubject()).containsKey("Ana");
      assertThat(dir.resolve("windows/meta.json")).exists();
    }
  }

  @Test
  void importsTheRealDatasetsWhenGiven() throws Exception {
    String root = System.getProperty("imu.datasets");
    assumeTrue(root != null, "set -Dimu.datasets=<dir> to import the real datasets");
    Path exermote = Path.of(root, "exermote");
    Path wrist = Path.of(root, "mpu9250-wristband");
    assumeTrue(Files.isDirectory(exermote) && Files.isDirectory(wrist), "datasets not found under " + root);
    try (SessionStore store = SessionStore.open(dir.resolve("datasets.db"))) {
      DatasetImport.Result ex = DatasetImport.importDataset(store, new ExermoteReader().read(exermote));
      assertThat(ex.sessionIds()).hasSizeGreaterThanOrEqualTo(30);
      List<Segment> sets = new java.util.ArrayList<>();
      for (long id : ex.sessionIds()) {
        sets.addAll(store.segments(id));
      }
      // README: every repetition is a firstHalf run then a secondHalf run, 2 to 10 per set, ~160 sets.
      assertThat(sets.size()).isBetween(140, 200);
      assertThat(sets).allSatisfy(g -> assertThat(g.exercise()).isIn("Burpee", "Squat", "Situp"));
      assertThat(sets).allSatisfy(g -> assertThat(g.repCount().orElseThrow()).isBetween(2, 10));
      DatasetImport.Result mpu = DatasetImport.importDataset(store, new Mpu9250WristbandReader().read(wrist));
      assertThat(mpu.sessionIds()).hasSizeGreaterThanOrEqualTo(16 * 7);
      long incorrect = 0;
      for (long id : mpu.sessionIds()) {
        incorrect += store.segments(id).stream().filter(Segment::incorrectForm).count();
      }
      assertThat(incorrect).isGreaterThanOrEqualTo(16 * 2);
      System.out.printf("imported exermote: %s%nimported mpu9250: %s%n", ex, mpu);
    }
  }
}
