package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imucompanion.models.store.Gap;
import org.imucompanion.models.store.GapKind;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionState;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** record the virtual wristband into a real SQLite store file, then read it back. */
class RecordCommandIT {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void aRecordedSetLandsInTheStoreWithItsLabelAndSamples() throws Exception {
    Path file = dir.resolve("sessions.db");

    int status =
        Cli.execute(
            new String[] {
              "record", "virtual:wristband", "--athlete", "Ann", "--exercise", "Squat",
              "--reps", "8", "--incorrect-form", "--store", file.toString(), "-d", "2"
            },
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).containsPattern("recorded session \\d+: set 'Squat' by Ann, \\d+ samples");
    try (SessionStore store = SessionStore.open(file)) {
      List<Session> sessions = store.sessions();
      assertThat(sessions).hasSize(1);
      Session session = sessions.get(0);
      assertThat(session.notes()).contains("reps counted by hand: 8");
      assertThat(store.athletes()).extracting(a -> a.name()).containsExactly("Ann");
      List<StreamInfo> streams = store.streams(session.id());
      assertThat(streams).hasSize(1);
      assertThat(store.sampleCount(streams.get(0).id())).isBetween(60L, 140L); // 50 Hz for 2 s
      List<Segment> sets = store.segments(session.id());
      assertThat(sets).extracting(Segment::exercise).containsExactly("Squat");
      // What the athlete noted is the set's own data, not only free text.
      assertThat(sets.get(0).repCount()).hasValue(8);
      assertThat(sets.get(0).incorrectForm()).isTrue();
      assertThat(store.isEdited(sets.get(0).id())).isFalse();
    }
  }

  @Test
  void aFullStoreStopsTheRecordingAtOnceAndKeepsWhatWasStored() throws Exception {
    Path file = dir.resolve("sessions.db");
    SessionStore.open(file).close(); // the schema alone
    // Room for a few pages of samples: a full disk within seconds, as --max-store-size reaches it
    // exactly as the disk would.
    long limit = Files.size(file) + 3 * 4096;

    long started = System.nanoTime();
    int status =
        Cli.execute(
            new String[] {
              "record", "virtual:wristband", "--athlete", "Ann", "--exercise", "Squat",
              "--store", file.toString(), "--max-store-size", Long.toString(limit), "-d", "120"
            },
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.FAILURE);
    // It stops when the store is full, not when the 120 s set would have ended.
    assertThat(seconds).isLessThan(60);
    try (SessionStore store = SessionStore.openForReading(file)) {
      Session session = store.sessions().get(0);
      assertThat(session.state()).isEqualTo(SessionState.INTERRUPTED);
      StreamInfo stream = store.streams(session.id()).get(0);
      SampleBlock kept = store.readSamples(stream.id());
      assertThat(kept.size()).isPositive();
      for (int i = 1; i < kept.size(); i++) {
        assertThat(kept.hostNanos(i)).isGreaterThan(kept.hostNanos(i - 1));
      }
      long lastStored = kept.hostNanos(kept.size() - 1);
      List<Segment> sets = store.segments(session.id());
      assertThat(sets).extracting(Segment::exercise).containsExactly("Squat");
      assertThat(sets.get(0).endHostNanos()).hasValue(lastStored);
      assertThat(session.endedAt()).contains(session.wallClock(lastStored));
      List<Gap> gaps = store.gaps(stream.id());
      assertThat(gaps).hasSize(1);
      Gap gap = gaps.get(0);
      assertThat(gap.kind()).isEqualTo(GapKind.RECORDER_DROP);
      assertThat(gap.detail())
          .isEqualTo("not stored: the disk (or the store's size limit) was full; recording stopped");
      assertThat(gap.lostSamples()).isPositive();
      assertThat(gap.startHostNanos()).isGreaterThan(lastStored);
      assertThat(err.toString())
          .isEqualTo(
              "record: session store: "
                  + file.toAbsolutePath()
                  + ": the disk (or the store's size limit) is full: recording of session "
                  + session.id()
                  + " stopped. Session "
                  + session.id()
                  + " is marked interrupted and its set ends at the last stored sample; the "
                  + kept.size()
                  + " samples stored before are intact, "
                  + gap.lostSamples()
                  + " later ones were not stored. Free some space and record again."
                  + System.lineSeparator());
    }
    // Consistent: it opens for writing (passing the damage check) with nothing left to recover.
    try (SessionStore store = SessionStore.open(file)) {
      assertThat(store.interruptedOnOpen()).isEmpty();
    }
  }
}
