package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recorder against a real SQLite file, with real threads. */
class SessionRecorderIT {
  @TempDir Path dir;

  @Test
  void recordsSeveralDevicesFromTheirOwnThreadsInOrder() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      SessionRecorder rec = SessionRecorder.start(store, session.id());
      List<SessionRecorder.RecordedStream> streams = new ArrayList<>();
      for (int d = 0; d < 4; d++) {
        streams.add(rec.openStream(new NewStream("wrist-" + d, "wristband", "AA:" + d, StoreFiles.WRIST_CHANNELS, 200)));
      }
      List<Thread> producers = new ArrayList<>();
      for (int d = 0; d < 4; d++) {
        SessionRecorder.RecordedStream s = streams.get(d);
        int device = d;
        Thread t =
            new Thread(
                () -> {
                  double[] v = new double[9];
                  for (int i = 0; i < 3000; i++) {
                    v[0] = i;
                    v[1] = device;
                    s.offer(i * 5_000_000L, i * 5_000L, v);
                  }
                });
        producers.add(t);
        t.start();
      }
      for (Thread t : producers) {
        t.join();
      }
      rec.flush().get(10, TimeUnit.SECONDS);
      assertThat(rec.stats().writtenSamples()).isEqualTo(12_000);
      assertThat(rec.stats().droppedSamples()).isZero();
      rec.close();
      assertThat(store.findSession(session.id()).orElseThrow().state()).isEqualTo(SessionState.COMPLETE);
      for (int d = 0; d < 4; d++) {
        long id = streams.get(d).info().get().id();
        SampleBlock all = store.readSamples(id);
        assertThat(all.size()).isEqualTo(3000);
        for (int i = 0; i < 3000; i++) {
          assertThat(all.value(i, 0)).isEqualTo(i);
          assertThat(all.value(i, 1)).isEqualTo(d);
          assertThat(all.hostNanos(i)).isEqualTo(i * 5_000_000L);
        }
      }
    }
  }

  @Test
  void aDisconnectLeavesAGapAndRecordingResumesAfterReconnect() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      long streamId;
      try (SessionRecorder rec = SessionRecorder.start(store, session.id())) {
        SessionRecorder.RecordedStream s = rec.openStream(new NewStream("wrist", "wristband", "AA", List.of("accel_x"), 100));
        for (int i = 0; i < 100; i++) {
          s.offer(i * 10_000_000L, i * 10_000L, new double[] {i});
        }
        s.disconnected(1_000_000_000L, "supervision timeout");
        rec.flush().get(10, TimeUnit.SECONDS);
        streamId = s.info().get().id();
        assertThat(store.gaps(streamId)).singleElement().satisfies(g -> assertThat(g.endHostNanos()).isEmpty());
        s.reconnected(3_000_000_000L);
        for (int i = 300; i < 400; i++) {
          s.offer(i * 10_000_000L, i * 10_000L, new double[] {i});
        }
        s.lostPackets(3_500_000_000L, 2);
      }
      assertThat(store.findSession(session.id()).orElseThrow().state()).isEqualTo(SessionState.COMPLETE);
      List<Gap> gaps = store.gaps(streamId);
      assertThat(gaps).extracting(Gap::kind).containsExactly(GapKind.DISCONNECT, GapKind.LOST_PACKETS);
      assertThat(gaps.get(0).startHostNanos()).isEqualTo(1_000_000_000L);
      assertThat(gaps.get(0).endHostNanos()).hasValue(3_000_000_000L);
      assertThat(gaps.get(0).detail()).isEqualTo("supervision timeout");
      assertThat(gaps.get(1).lostSamples()).isEqualTo(2);
      SampleBlock all = store.readSamples(streamId);
      assertThat(all.size()).isEqualTo(200);
      assertThat(all.value(99, 0)).isEqualTo(99);
      assertThat(all.value(100, 0)).isEqualTo(300);
    }
  }

  @Test
  void liveSetsAreLabeledAndANewSetEndsTheRunningOne() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      try (SessionRecorder rec = SessionRecorder.start(store, session.id())) {
        Segment squat = rec.startSet("Squat", 1_000).get(10, TimeUnit.SECONDS);
        assertThat(squat.endHostNanos()).isEmpty();
        rec.startSet("Pushup", 5_000).get(10, TimeUnit.SECONDS);
        Segment pushup = rec.stopSet(9_000).get(10, TimeUnit.SECONDS);
        assertThat(pushup.endHostNanos()).hasValue(9_000);
        assertThatThrownBy(() -> rec.stopSet(10_000).join())
            .isInstanceOf(CompletionException.class)
            .hasMessageContaining("no set is running");
        rec.startSet("Lunge", 20_000).get(10, TimeUnit.SECONDS);
        rec.predicted(new PredictedLabel(21_000, "Lunge", 0.8, "model-sha"));
        rec.counted(new RepEvent(22_000, "Lunge", 1, "rep-counter"));
      }
      assertThat(store.predictions(session.id())).containsExactly(new PredictedLabel(21_000, "Lunge", 0.8, "model-sha"));
      assertThat(store.repEvents(session.id())).containsExactly(new RepEvent(22_000, "Lunge", 1, "rep-counter"));
      List<Segment> sets = store.segments(session.id());
      assertThat(sets).extracting(Segment::exercise).containsExactly("Squat", "Pushup", "Lunge");
      assertThat(sets.get(0).endHostNanos()).hasValue(4_999);
      // Closing the recorder ends the set that was still running.
      assertThat(sets.get(2).endHostNanos()).isPresent();
    }
  }

  @Test
  void aFullQueueDropsTheOldestAndSaysSo() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      SessionRecorder rec = SessionRecorder.start(store, session.id(), Duration.ofMillis(50), 100);
      SessionRecorder.RecordedStream s = rec.openStream(new NewStream("w", "wristband", "AA", List.of("accel_x"), 100));
      rec.flush().get(10, TimeUnit.SECONDS);
      long accepted = 1;
      // Hold the store so the writer blocks in its next commit, then overfill the queue.
      synchronized (store) {
        s.offer(0, 0, new double[] {0});
        rec.flush();
        waitUntilBlocked("session-recorder-" + session.id());
        for (int i = 1; i < 1000; i++) {
          if (s.offer(i, i, new double[] {i})) {
            accepted++;
          }
        }
      }
      rec.flush().get(10, TimeUnit.SECONDS);
      rec.close();
      long id = s.info().get().id();
      // Exactly the offers that reported a drop dropped one (an evicted flush marker isn't a drop).
      assertThat(s.droppedSamples()).isEqualTo(1000 - accepted).isGreaterThan(800);
      assertThat(rec.stats().droppedSamples()).isEqualTo(s.droppedSamples());
      SampleBlock all = store.readSamples(id);
      assertThat(all.size() + s.droppedSamples()).isEqualTo(1000);
      // The newest samples survive.
      assertThat(all.value(all.size() - 1, 0)).isEqualTo(999);
      assertThat(store.gaps(id))
          .filteredOn(g -> g.kind() == GapKind.RECORDER_DROP)
          .extracting(Gap::lostSamples)
          .containsExactly(s.droppedSamples());
    }
  }

  @Test
  void aFullDiskIsReportedAndEarlierSamplesStay() throws Exception {
    Path file = dir.resolve("small.db");
    try (SessionStore store = SessionStore.open(file, 200 * 1024)) {
      Session session = StoreFiles.session(store);
      SessionRecorder rec = SessionRecorder.start(store, session.id());
      SessionRecorder.RecordedStream s = rec.openStream(new NewStream("w", "wristband", "AA", StoreFiles.WRIST_CHANNELS, 200));
      double[] v = new double[9];
      for (int i = 0; i < 500; i++) {
        v[0] = i;
        s.offer(i, i, v);
      }
      rec.flush().get(10, TimeUnit.SECONDS);
      assertThat(rec.lastFailure()).isEmpty();
      for (int i = 500; i < 10_000; i++) {
        v[0] = i;
        s.offer(i, i, v);
      }
      rec.flush().get(10, TimeUnit.SECONDS);
      assertThat(rec.lastFailure())
          .hasValueSatisfying(e -> {
            assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.DISK_FULL);
            assertThat(e.getMessage()).contains(file.toAbsolutePath().toString());
          });
      assertThatThrownBy(rec::close)
          .isInstanceOfSatisfying(SessionStoreException.class, e -> assertThat(e.reason()).isEqualTo(SessionStoreException.Reason.DISK_FULL));
      // Everything flushed before the disk filled stays, in order; how many of the later samples
      // fitted depends on how the writer thread batched them (a loaded machine writes smaller
      // batches), so only the first 500 are certain.
      SampleBlock kept = store.readSamples(s.info().get().id());
      assertThat(kept.size()).isBetween(500, 9_999);
      for (int i = 0; i < kept.size(); i++) {
        assertThat(kept.value(i, 0)).isEqualTo(i);
      }
    }
  }

  @Test
  void aStreamTheStoreRefusesFailsItsFutureAndCountsItsSamplesAsDropped() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      try (SessionRecorder rec = SessionRecorder.start(store, session.id())) {
        SessionRecorder.RecordedStream a = rec.openStream(new NewStream("wrist", "wristband", "AA", List.of("accel_x"), 100));
        SessionRecorder.RecordedStream twin = rec.openStream(new NewStream("wrist", "wristband", "BB", List.of("accel_x"), 100));
        for (int i = 0; i < 10; i++) {
          a.offer(i, i, new double[] {i});
          twin.offer(i, i, new double[] {i});
        }
        rec.flush().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> twin.info().join()).hasMessageContaining("already has a stream named 'wrist'");
        assertThat(twin.droppedSamples()).isEqualTo(10);
        assertThat(a.writtenSamples()).isEqualTo(10);
        assertThat(rec.lastFailure()).isEmpty();
      }
    }
  }

  @Test
  void refusesASessionThatIsNotRecording() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      store.finishSession(session.id(), java.time.Instant.now());
      assertThatThrownBy(() -> SessionRecorder.start(store, session.id())).hasMessageContaining("is complete, not recording");
    }
  }

  private static void waitUntilBlocked(String threadName) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals(threadName) && t.getState() == Thread.State.BLOCKED) {
          return;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError(threadName + " never blocked on the store");
  }

  @Test
  void aFullDiskStopsTheRecordingInterruptedWithItsSetEndedAtTheLastStoredSample() throws Exception {
    Path file = dir.resolve("small.db");
    try (SessionStore store = SessionStore.open(file, 200 * 1024)) {
      Session session = StoreFiles.session(store);
      SessionRecorder rec = SessionRecorder.start(store, session.id());
      SessionRecorder.RecordedStream s =
          rec.openStream(new NewStream("w", "wristband", "AA", StoreFiles.WRIST_CHANNELS, 200));
      rec.startSet("Squat", 0).get(10, TimeUnit.SECONDS);
      double[] v = new double[9];
      for (int i = 0; i < 500; i++) {
        v[0] = i;
        s.offer(1 + i, i, v);
      }
      rec.flush().get(10, TimeUnit.SECONDS);
      for (int i = 500; i < 10_000; i++) {
        v[0] = i;
        s.offer(1 + i, i, v);
      }
      SessionStoreException stop = rec.stopped().get(10, TimeUnit.SECONDS);

      SampleBlock kept = store.readSamples(s.info().get().id());
      long lastStored = kept.hostNanos(kept.size() - 1);
      Gap gap = store.gaps(s.info().get().id()).get(0);
      assertThat(stop.reason()).isEqualTo(SessionStoreException.Reason.DISK_FULL);
      assertThat(stop.getMessage())
          .isEqualTo(
              file.toAbsolutePath()
                  + ": the disk (or the store's size limit) is full: recording of session "
                  + session.id()
                  + " stopped. Session "
                  + session.id()
                  + " is marked interrupted and its set ends at the last stored sample; the "
                  + kept.size()
                  + " samples stored before are intact, "
                  + gap.lostSamples()
                  + " later ones were not stored. Free some space and record again.");
      Session after = store.findSession(session.id()).orElseThrow();
      assertThat(after.state()).isEqualTo(SessionState.INTERRUPTED);
      assertThat(after.endedAt()).contains(after.wallClock(lastStored));
      assertThat(store.segments(session.id())).singleElement()
          .satisfies(set -> assertThat(set.endHostNanos()).hasValue(lastStored));
      assertThat(gap.kind()).isEqualTo(GapKind.RECORDER_DROP);
      assertThat(kept.size() + gap.lostSamples()).isEqualTo(10_000);
      for (int i = 0; i < kept.size(); i++) {
        assertThat(kept.value(i, 0)).isEqualTo(i);
      }
      // Stopped means stopped: later samples are counted, not queued; requests fail at once.
      assertThat(s.offer(20_000, 20_000, v)).isFalse();
      assertThat(rec.stats().droppedSamples()).isEqualTo(gap.lostSamples() + 1);
      assertThatThrownBy(() -> rec.startSet("Lunge", 30_000).get(10, TimeUnit.SECONDS))
          .hasCauseReference(stop);
      assertThatThrownBy(rec::close).isSameAs(stop);
      // Closing doesn't turn the interrupted session into a complete one.
      assertThat(store.findSession(session.id()).orElseThrow().state()).isEqualTo(SessionState.INTERRUPTED);
      assertThat(store.readSamples(s.info().get().id()).size()).isEqualTo(kept.size());
    }
  }
}
