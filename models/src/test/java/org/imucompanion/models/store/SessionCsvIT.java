package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV export and import against a real store file. */
class SessionCsvIT {
  @TempDir Path dir;

  /** A session with 300 samples of awkward doubles and two sets, one of them labeled in full. */
  private static long[] fill(SessionStore store) throws SessionStoreException {
    Session s = StoreFiles.session(store);
    StreamInfo st = StoreFiles.wristStream(store, s.id());
    SampleBlock b = new SampleBlock(9, 300);
    double[] v = new double[9];
    for (int i = 0; i < 300; i++) {
      for (int c = 0; c < 9; c++) {
        v[c] = Math.PI * i / (c + 1) / 100 - 7.3;
      }
      v[8] = i == 5 ? -0.0 : i == 6 ? 1e-300 : v[8];
      b.add(1_000_000_000L + i * 5_000_000L, i * 5_000L + 17, v);
    }
    store.appendSamples(st.id(), b);
    store.addSegment(new Segment(0, s.id(), "Squat", 1_000_000_000L + 10 * 5_000_000L, OptionalLong.of(1_000_000_000L + 59 * 5_000_000L), OptionalInt.of(8), false, "good"));
    Segment curl =
        store.addSegment(new Segment(0, s.id(), "Curl, \"hammer\"", 1_000_000_000L + 100 * 5_000_000L + 1, OptionalLong.of(1_000_000_000L + 150 * 5_000_000L), OptionalInt.empty(), true, ""));
    return new long[] {s.id(), st.id(), curl.id()};
  }

  @Test
  void exportThenImportIsLossless() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      long[] ids = fill(store);
      Path csv = dir.resolve("out.csv");
      assertThat(SessionCsv.exportStream(store, ids[1], csv)).isEqualTo(300);
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).isEqualTo(SessionCsv.MAGIC);
      assertThat(lines)
          .contains(
              "host_time_ns,device_time_us,time_s,accel_x [g],accel_y [g],accel_z [g],gyro_x [rad/s],gyro_y [rad/s],gyro_z [rad/s],mag_x [uT],mag_y [uT],mag_z [uT],set,exercise,rep_count,incorrect_form");
      assertThat(lines).anyMatch(l -> l.endsWith(",1,Squat,8,0"));
      assertThat(lines).anyMatch(l -> l.endsWith(",2,\"Curl, \"\"hammer\"\"\",,1"));

      Athlete ana = store.addAthlete("Ana", "");
      Session imported = SessionCsv.importFile(store, csv, Optional.of(ana.id()));
      assertThat(imported.state()).isEqualTo(SessionState.COMPLETE);
      assertThat(imported.athleteId()).contains(ana.id());
      assertThat(imported.deviceKind()).isEqualTo("wristband");
      assertThat(imported.placement()).isEqualTo("left wrist");
      assertThat(imported.startedAt()).isEqualTo(store.findSession(ids[0]).orElseThrow().startedAt());
      StreamInfo st = store.streams(imported.id()).get(0);
      assertThat(st.channels()).isEqualTo(StoreFiles.WRIST_CHANNELS);
      assertThat(st.nominalRateHz()).isEqualTo(200);
      assertThat(st.name()).isEqualTo("left-wrist");
      SampleBlock a = store.readSamples(ids[1]);
      SampleBlock b = store.readSamples(st.id());
      assertThat(b.size()).isEqualTo(a.size());
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.hostNanos(i)).isEqualTo(a.hostNanos(i));
        assertThat(b.deviceMicros(i)).isEqualTo(a.deviceMicros(i));
        for (int c = 0; c < 9; c++) {
          // Bit-exact, including -0.0.
          assertThat(Double.doubleToRawLongBits(b.value(i, c))).isEqualTo(Double.doubleToRawLongBits(a.value(i, c)));
        }
      }
      List<Segment> sets = store.segments(imported.id());
      assertThat(sets).hasSize(2);
      assertThat(sets.get(0).exercise()).isEqualTo("Squat");
      assertThat(sets.get(0).repCount()).hasValue(8);
      assertThat(sets.get(0).startHostNanos()).isEqualTo(1_000_000_000L + 10 * 5_000_000L);
      assertThat(sets.get(0).endHostNanos()).hasValue(1_000_000_000L + 59 * 5_000_000L);
      assertThat(sets.get(1).exercise()).isEqualTo("Curl, \"hammer\"");
      assertThat(sets.get(1).incorrectForm()).isTrue();
      assertThat(sets.get(1).repCount()).isEmpty();
      // Snapped to the first sample inside the set.
      assertThat(sets.get(1).startHostNanos()).isEqualTo(1_000_000_000L + 101 * 5_000_000L);
    }
  }

  @Test
  void exportsOneSetOrEveryStreamOfASession() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      long[] ids = fill(store);
      store.addStream(ids[0], new NewStream("myo emg", "myo", "BB", List.of("emg_0", "emg_1"), 200));
      Path set = dir.resolve("set.csv");
      assertThat(SessionCsv.exportSet(store, ids[1], ids[2], set)).isEqualTo(50);
      assertThat(Files.readAllLines(set)).filteredOn(l -> !l.startsWith("#") && !l.startsWith("host")).allMatch(l -> l.endsWith(",1"));
      List<Path> files = SessionCsv.exportSession(store, ids[0], dir.resolve("all"));
      assertThat(files).extracting(p -> p.getFileName().toString())
          .containsExactly("session-" + ids[0] + "-left-wrist.csv", "session-" + ids[0] + "-myo_emg.csv");
      assertThat(Files.readAllLines(files.get(1))).anyMatch(l -> l.startsWith("host_time_ns") && l.contains("emg_0 [counts],emg_1 [counts],set"));
    }
  }

  @Test
  void wrongColumnsAreRefusedNamingFileLineAndColumnAndNothingIsStored() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      long[] ids = fill(store);
      Path good = dir.resolve("good.csv");
      SessionCsv.exportStream(store, ids[1], good);
      List<String> lines = Files.readAllLines(good);
      int headerLine = 0;
      while (!lines.get(headerLine).startsWith("host_time_ns")) {
        headerLine++;
      }
      String header = lines.get(headerLine);

      assertBad(store, variant(lines, headerLine, header.replace("time_s,", "seconds,")), "line " + (headerLine + 1) + ", column 3", "must be 'time_s' but is 'seconds'");
      assertBad(store, variant(lines, headerLine, header.replace("accel_y [g]", "accel_y [m/s^2]")), "line " + (headerLine + 1) + ", column 5", "accel_y must be in g, not 'm/s^2'");
      assertBad(store, variant(lines, headerLine, header.replace("gyro_x [rad/s]", "gyro_x")), "column 7", "not a channel written as 'name [unit]'");
      assertBad(store, variant(lines, headerLine, header.replace(",rep_count,incorrect_form", ",reps,incorrect_form")), "column 15", "must be 'rep_count' but is 'reps'");
      int row = headerLine + 40;
      String[] cells = lines.get(row).split(",");
      cells[5] = "abc";
      assertBad(store, variant(lines, row, String.join(",", cells)), "line " + (row + 1) + ", column 6 (accel_z [g])", "'abc' is not a number");
      assertBad(store, variant(lines, row, lines.get(row) + ",extra"), "line " + (row + 1), "has 17 cells, the header has 16 columns");
      assertThat(store.sessions()).hasSize(1);
    }
  }

  private Path variant(List<String> lines, int index, String replacement) throws Exception {
    List<String> copy = new java.util.ArrayList<>(lines);
    copy.set(index, replacement);
    Path p = Files.createTempFile(dir, "bad", ".csv");
    Files.write(p, copy, StandardCharsets.UTF_8);
    return p;
  }

  private static void assertBad(SessionStore store, Path csv, String where, String problem) {
    assertThatThrownBy(() -> SessionCsv.importFile(store, csv, Optional.empty()))
        .isInstanceOfSatisfying(SessionStoreException.class, e -> {
          assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.BAD_CSV);
          assertThat(e.file()).isEqualTo(csv);
        })
        .hasMessageContaining(csv.toString())
        .hasMessageContaining(where)
        .hasMessageContaining(problem);
  }
}
