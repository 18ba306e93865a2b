package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store against a real SQLite file: schema, round trips, refusal of foreign files, recovery. */
class SessionStoreIT {
  @TempDir Path dir;

  @Test
  void createsSchemaInWalModeAndKeepsDataAcrossReopen() throws Exception {
    Path file = dir.resolve("nested/dir/sessions.db");
    long streamId;
    long sessionId;
    try (SessionStore store = SessionStore.open(file)) {
      assertThat(store.schemaVersion()).isEqualTo(SchemaMigrations.LATEST);
      Athlete ana = store.addAthlete("Ana", "left-handed");
      Session s =
          store.startSession(
              new NewSession(Optional.of(ana.id()), "wristband", "1.2.0", "left wrist", "first", Instant.parse("2026-11-21T10:00:00Z"), 1_000));
      sessionId = s.id();
      assertThat(s.state()).isEqualTo(SessionState.RECORDING);
      StreamInfo stream = StoreFiles.wristStream(store, s.id());
      streamId = stream.id();
      store.appendSamples(streamId, StoreFiles.samples(9, 0, 100));
      store.appendSamples(streamId, StoreFiles.samples(9, 100, 50));
      store.finishSession(s.id(), Instant.parse("2026-11-21T10:05:00Z"));
    }
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = raw.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
    try (SessionStore store = SessionStore.open(file)) {
      Session s = store.findSession(sessionId).orElseThrow();
      assertThat(s.state()).isEqualTo(SessionState.COMPLETE);
      assertThat(s.athleteId()).isPresent();
      assertThat(store.findAthlete(s.athleteId().get()).orElseThrow().name()).isEqualTo("Ana");
      assertThat(s.endedAt()).contains(Instant.parse("2026-11-21T10:05:00Z"));
      assertThat(store.streams(sessionId)).singleElement().satisfies(st -> {
        assertThat(st.channels()).isEqualTo(StoreFiles.WRIST_CHANNELS);
        assertThat(st.nominalRateHz()).isEqualTo(200);
      });
      SampleBlock all = store.readSamples(streamId);
      assertThat(all.size()).isEqualTo(150);
      assertThat(store.sampleCount(streamId)).isEqualTo(150);
      for (int i = 0; i < 150; i++) {
        assertThat(all.hostNanos(i)).isEqualTo(i * 5_000_000L);
        assertThat(all.deviceMicros(i)).isEqualTo(i * 5_000L);
        assertThat(all.value(i, 8)).isEqualTo(i * 0.001 + 8);
      }
      SampleBlock range = store.readSamples(streamId, 95 * 5_000_000L, 104 * 5_000_000L);
      assertThat(range.size()).isEqualTo(10);
      assertThat(range.hostNanos(0)).isEqualTo(95 * 5_000_000L);
      assertThat(store.interruptedOnOpen()).isEmpty();
    }
  }

  @Test
  void rejectsSamplesForUnknownStreamOrWrongChannelCount() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session s = StoreFiles.session(store);
      StreamInfo st = StoreFiles.wristStream(store, s.id());
      assertThatThrownBy(() -> store.appendSamples(st.id(), StoreFiles.samples(3, 0, 2)))
          .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.INVALID_REQUEST))
          .hasMessageContaining("9 channels");
      assertThatThrownBy(() -> store.appendSamples(9999, StoreFiles.samples(9, 0, 2)))
          .hasMessageContaining("no stream with id 9999");
      assertThatThrownBy(() -> StoreFiles.wristStream(store, s.id()))
          .hasMessageContaining("already has a stream named 'left-wrist'");
      assertThat(store.sampleCount(st.id())).isZero();
    }
  }

  @Test
  void segmentsAreAddedLiveAndEditedAfterwards() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session s = StoreFiles.session(store);
      Segment live = store.startSegment(s.id(), "Squat", 1_000);
      assertThat(live.endHostNanos()).isEmpty();
      assertThatThrownBy(() -> store.startSegment(s.id(), "Pushup", 2_000))
          .hasMessageContaining("overlap").hasMessageContaining("still running");
      Segment ended = store.endSegment(live.id(), 5_000);
      assertThat(ended.endHostNanos()).hasValue(5_000);
      assertThatThrownBy(() -> store.endSegment(live.id(), 6_000)).hasMessageContaining("already ended");

      Segment second = store.startSegment(s.id(), "Pushup", 6_000);
      store.endSegment(second.id(), 9_000);

      Segment edited =
          store.updateSegment(ended.withBounds(1_500, 5_500).withExercise("Lunge").withRepCount(12).withIncorrectForm(true).withNotes("knee in"));
      assertThat(store.findSegment(live.id())).contains(edited);
      assertThat(edited.repCount()).isEqualTo(OptionalInt.of(12));
      assertThatThrownBy(() -> store.updateSegment(edited.withBounds(1_500, 7_000)))
          .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.INVALID_REQUEST))
          .hasMessageContaining("overlap set " + second.id());
      assertThat(store.segments(s.id())).extracting(Segment::exercise).containsExactly("Lunge", "Pushup");
      assertThat(store.deleteSegment(second.id())).isTrue();
      assertThat(store.segments(s.id())).extracting(Segment::id).containsExactly(live.id());
    }
  }

  @Test
  void gapsPredictionsAndRepEventsRoundTrip() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session s = StoreFiles.session(store);
      StreamInfo st = StoreFiles.wristStream(store, s.id());
      Gap open = store.addGap(st.id(), GapKind.DISCONNECT, 100, OptionalLong.empty(), 0, "link loss");
      store.addGap(st.id(), GapKind.LOST_PACKETS, 50, OptionalLong.of(60), 3, "");
      store.endGap(open.id(), 900);
      List<Gap> gaps = store.gaps(st.id());
      assertThat(gaps).extracting(Gap::kind).containsExactly(GapKind.LOST_PACKETS, GapKind.DISCONNECT);
      assertThat(gaps.get(1).endHostNanos()).hasValue(900);
      assertThat(gaps.get(0).lostSamples()).isEqualTo(3);

      store.addPredictions(s.id(), List.of(new PredictedLabel(2, "Squat", 0.9, "sha"), new PredictedLabel(1, "Rest", 0.6, "sha")));
      store.addRepEvents(s.id(), List.of(new RepEvent(5, "Squat", 1, "counter"), new RepEvent(9, "Squat", 2, "counter")));
      assertThat(store.predictions(s.id())).extracting(PredictedLabel::label).containsExactly("Rest", "Squat");
      assertThat(store.repEvents(s.id())).extracting(RepEvent::repNumber).containsExactly(1, 2);

      assertThat(store.deleteSession(s.id())).isTrue();
      assertThat(store.findStream(st.id())).isEmpty();
      assertThat(store.gaps(st.id())).isEmpty();
      assertThat(store.predictions(s.id())).isEmpty();
    }
  }

  @Test
  void refusesAFileThatIsNotSqliteAndLeavesItUntouched() throws Exception {
    Path file = dir.resolve("notes.db");
    byte[] junk = new byte[8192];
    new Random(1).nextBytes(junk);
    Files.write(file, junk);
    assertThatThrownBy(() -> SessionStore.open(file))
        .isInstanceOfSatisfying(SessionStoreException.class, e -> {
          assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.NOT_A_DATABASE);
          assertThat(e.file()).isEqualTo(file.toAbsolutePath());
        })
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("not an SQLite database");
    assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    assertThat(dir.resolve("notes.db-wal")).doesNotExist();
  }

  @Test
  void refusesAnotherApplicationsDatabaseAndLeavesItUntouched() throws Exception {
    Path file = dir.resolve("firefox-places.sqlite");
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = raw.createStatement()) {
      st.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)");
      st.execute("INSERT INTO moz_places(url) VALUES ('https://example.org')");
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> SessionStore.open(file))
        .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.FOREIGN_DATABASE))
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("another application");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void refusesANewerSchemaAndLeavesItUntouched() throws Exception {
    Path file = dir.resolve("future.db");
    try (SessionStore store = SessionStore.open(file)) {
      StoreFiles.session(store);
    }
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = raw.createStatement()) {
      st.execute("PRAGMA user_version = " + (SchemaMigrations.LATEST + 1));
      st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    byte[] before = Files.readAllBytes(file);
    assertThatThrownBy(() -> SessionStore.open(file))
        .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.NEWER_SCHEMA))
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("newer IMU Companion");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void reportsDamagedPagesAsCorruptNamingTheFile() throws Exception {
    Path file = dir.resolve("damaged.db");
    try (SessionStore store = SessionStore.open(file)) {
      Session s = StoreFiles.session(store);
      StreamInfo st = StoreFiles.wristStream(store, s.id());
      store.appendSamples(st.id(), StoreFiles.samples(9, 0, 2000));
    }
    byte[] bytes = Files.readAllBytes(file);
    int pageSize = ((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff);
    // Keep page 1 (header + schema) intact, scribble over every table's b-tree pages.
    Random r = new Random(7);
    for (int i = pageSize; i < bytes.length; i++) {
      bytes[i] = (byte) r.nextInt();
    }
    Files.write(file, bytes);
    assertThatThrownBy(
            () -> {
              try (SessionStore store = SessionStore.open(file)) {
                store.sessions();
              }
            })
        .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.CORRUPT))
        .hasMessageContaining(file.toAbsolutePath().toString())
        .hasMessageContaining("damaged");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void fullDiskRollsBackTheBatchAndKeepsWhatWasStored() throws Exception {
    Path file = dir.resolve("small.db");
    long streamId;
    try (SessionStore store = SessionStore.open(file, 256 * 1024)) {
      Session s = StoreFiles.session(store);
      StreamInfo st = StoreFiles.wristStream(store, s.id());
      streamId = st.id();
      store.appendSamples(streamId, StoreFiles.samples(9, 0, 500));
      // 5,000 samples x 88 bytes is ~440 KB: more than the limit allows.
      assertThatThrownBy(() -> store.appendSamples(streamId, StoreFiles.samples(9, 500, 5000)))
          .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.DISK_FULL))
          .hasMessageContaining(file.toAbsolutePath().toString())
          .hasMessageContaining("full")
          .hasMessageContaining("everything saved before is intact");
      assertThat(store.sampleCount(streamId)).isEqualTo(500);
      // The store stays usable: small writes still fit.
      store.appendSamples(streamId, StoreFiles.samples(9, 500, 10));
      assertThat(store.sampleCount(streamId)).isEqualTo(510);
    }
    try (SessionStore store = SessionStore.open(file)) {
      SampleBlock all = store.readSamples(streamId);
      assertThat(all.size()).isEqualTo(510);
      assertThat(all.value(509, 0)).isEqualTo(509 * 0.001);
    }
  }

  @Test
  void marksSessionsOfDeadRecordersInterruptedOnOpen() throws Exception {
    Path file = dir.resolve("s.db");
    long sessionId;
    long streamId;
    long segmentId;
    try (SessionStore store = SessionStore.open(file)) {
      Session s = StoreFiles.session(store);
      sessionId = s.id();
      StreamInfo st = StoreFiles.wristStream(store, s.id());
      streamId = st.id();
      store.appendSamples(streamId, StoreFiles.samples(9, 0, 200));
      segmentId = store.startSegment(s.id(), "Squat", 100 * 5_000_000L).id();
    }
    // Pretend the recorder was a process that has since died: a real pid of an exited process.
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = raw.createStatement()) {
      st.execute("UPDATE sessions SET recorder_pid = " + p.pid() + " WHERE id = " + sessionId);
    }
    try (SessionStore store = SessionStore.open(file)) {
      assertThat(store.interruptedOnOpen()).containsExactly(sessionId);
      Session s = store.findSession(sessionId).orElseThrow();
      assertThat(s.state()).isEqualTo(SessionState.INTERRUPTED);
      assertThat(s.endedAt()).contains(s.wallClock(199 * 5_000_000L));
      assertThat(store.findSegment(segmentId).orElseThrow().endHostNanos()).hasValue(199 * 5_000_000L);
      assertThat(store.sampleCount(streamId)).isEqualTo(200);
    }
    try (SessionStore store = SessionStore.open(file)) {
      assertThat(store.interruptedOnOpen()).isEmpty();
    }
  }

  @Test
  void aSessionOfThisLiveProcessIsNotInterrupted() throws Exception {
    Path file = dir.resolve("s.db");
    try (SessionStore a = SessionStore.open(file)) {
      Session s = StoreFiles.session(a);
      try (SessionStore b = SessionStore.open(file)) {
        assertThat(b.interruptedOnOpen()).isEmpty();
        assertThat(b.findSession(s.id()).orElseThrow().state()).isEqualTo(SessionState.RECORDING);
      }
    }
  }

  @Test
  void usingAClosedStoreThrowsIllegalState() throws Exception {
    SessionStore store = SessionStore.open(dir.resolve("s.db"));
    store.close();
    store.close();
    assertThatThrownBy(store::sessions).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void aStoreOpenedForReadingRefusesWritesAndRecoversNothing() throws Exception {
    Path file = dir.resolve("s.db");
    long sessionId;
    try (SessionStore store = SessionStore.open(file)) {
      sessionId = StoreFiles.session(store).id(); // left "recording" by a process about to die
    }
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = raw.createStatement()) {
      st.execute("UPDATE sessions SET recorder_pid = " + p.pid() + " WHERE id = " + sessionId);
    }
    byte[] before = Files.readAllBytes(file);

    try (SessionStore store = SessionStore.openForReading(file)) {
      assertThat(store.interruptedOnOpen()).isEmpty();
      assertThat(store.findSession(sessionId).orElseThrow().state()).isEqualTo(SessionState.RECORDING);
      assertThatThrownBy(() -> store.addAthlete("Ann", ""))
          .isInstanceOfSatisfying(
              SessionStoreException.class,
              e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.READ_ONLY))
          .hasMessage(file.toAbsolutePath() + ": was opened for reading only, so adding athlete Ann is not possible.");
    }
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    // A writer then does what the reader left alone.
    try (SessionStore store = SessionStore.open(file)) {
      assertThat(store.interruptedOnOpen()).containsExactly(sessionId);
    }
  }
}
