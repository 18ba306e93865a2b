package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
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
}
