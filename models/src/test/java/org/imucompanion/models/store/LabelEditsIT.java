package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing labels afterwards against a real SQLite file: edits survive reopening, carry an edited
 * marker with what the set was before, and never touch the samples.
 */
class LabelEditsIT {
  private static final long S = 1_000_000_000L;

  @TempDir Path dir;

  @Test
  void relabelSplitMergeAndFormAreDurableMarkedAndLeaveSamplesAlone() throws Exception {
    Path file = dir.resolve("sessions.db");
    long sessionId;
    long streamId;
    long squatId;
    long lungeId;
    SampleBlock before;
    try (SessionStore store = SessionStore.open(file)) {
      Session s = StoreFiles.session(store);
      sessionId = s.id();
      streamId = StoreFiles.wristStream(store, sessionId).id();
      store.appendSamples(streamId, StoreFiles.samples(9, 0, 400));
      before = store.readSamples(streamId);
      squatId = store.addSegment(set(sessionId, "Squat", 0, 2 * S, 10)).id();
      lungeId = store.addSegment(set(sessionId, "Lunge", 3 * S, 4 * S, 4)).id();
      assertThat(store.isEdited(squatId)).isFalse();

      store.relabelSegment(lungeId, "Pushup");
      List<Segment> halves = store.splitSegment(squatId, S);
      assertThat(halves).extracting(Segment::startHostNanos).containsExactly(0L, S + 1);
      assertThat(halves).allSatisfy(h -> assertThat(h.repCount()).isEmpty());
      store.markIncorrectForm(halves.get(1).id(), true);
    }
    try (SessionStore store = SessionStore.open(file)) {
      List<Segment> sets = store.segments(sessionId);
      assertThat(sets).extracting(Segment::exercise).containsExactly("Squat", "Squat", "Pushup");
      assertThat(sets).extracting(Segment::incorrectForm).containsExactly(false, true, false);
      assertThat(sets).allSatisfy(seg -> assertThat(isEdited(store, seg.id())).isTrue());
      assertThat(store.labelEdits(sessionId))
          .extracting(LabelEdit::action)
          .containsExactly(
              "relabel to Pushup",
              "split at " + S + " (first part)",
              "split at " + S + " (second part)",
              "mark incorrect form");
      assertThat(store.labelEdits(sessionId).get(0).before()).startsWith("Lunge [");

      Segment merged = store.mergeSegments(sets.get(1).id(), sets.get(0).id());
      assertThat(merged.id()).isEqualTo(squatId);
      assertThat(merged.startHostNanos()).isZero();
      assertThat(merged.endHostNanos()).hasValue(2 * S);
      assertThat(merged.incorrectForm()).isTrue();
      assertThat(store.segments(sessionId)).hasSize(2);

      SampleBlock after = store.readSamples(streamId);
      assertThat(after.size()).isEqualTo(before.size());
      for (int i = 0; i < after.size(); i++) {
        assertThat(after.hostNanos(i)).isEqualTo(before.hostNanos(i));
        assertThat(after.values(i)).containsExactly(before.values(i));
      }
    }
  }

  @Test
  void aMergeAcrossAnotherSetIsRefusedAndChangesNothing() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
      long sessionId = StoreFiles.session(store).id();
      long a = store.addSegment(set(sessionId, "Squat", 0, S, 5)).id();
      store.addSegment(set(sessionId, "Lunge", 2 * S, 3 * S, 5));
      long c = store.addSegment(set(sessionId, "Squat", 4 * S, 5 * S, 5)).id();
      List<Segment> sets = store.segments(sessionId);

      assertThatThrownBy(() -> store.mergeSegments(a, c))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("overlap");
      assertThat(store.segments(sessionId)).isEqualTo(sets);
      assertThat(store.labelEdits(sessionId)).isEmpty();
    }
  }

  @Test
  void aSplitOutsideTheSetOrOfARunningSetIsRefused() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("sessions.db"))) {
      long sessionId = StoreFiles.session(store).id();
      long done = store.addSegment(set(sessionId, "Squat", 0, S, 5)).id();
      long running = store.startSegment(sessionId, "Lunge", 2 * S).id();

      assertThatThrownBy(() -> store.splitSegment(done, S))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("strictly inside");
      assertThatThrownBy(() -> store.splitSegment(running, 3 * S))
          .isInstanceOf(SessionStoreException.class)
          .hasMessageContaining("still running");
      assertThat(store.segments(sessionId)).hasSize(2);
    }
  }

  private static boolean isEdited(SessionStore store, long id) {
    try {
      return store.isEdited(id);
    } catch (SessionStoreException e) {
      throw new AssertionError(e);
    }
  }

  private static Segment set(long sessionId, String exercise, long start, long end, int reps) {
    return new Segment(
        0, sessionId, exercise, start, OptionalLong.of(end), OptionalInt.of(reps), false, "");
  }
}
