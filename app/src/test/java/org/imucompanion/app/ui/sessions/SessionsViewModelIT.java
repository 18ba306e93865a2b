package org.imucompanion.app.ui.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sessions view's state over a real SQLite store file, without a stage. */
class SessionsViewModelIT {
  private static final Executor DIRECT = Runnable::run;
  @TempDir Path dir;

  @Test
  void listsSessionsNewestFirstAndExportsOneToCsv() throws Exception {
    Path file = dir.resolve("sessions.db");
    long second;
    try (SessionStore store = SessionStore.open(file)) {
      long ann = store.addAthlete("Ann", "").id();
      store.startSession(NewSession.startingNow(Optional.of(ann), "wristband-v1", "", "wrist", "first"));
      Session s = store.startSession(NewSession.startingNow(Optional.empty(), "myo", "", "forearm", "second"));
      second = s.id();
      StreamInfo stream =
          store.addStream(second, new NewStream("arm", "myo", "AA", List.of("accel_x"), 50));
      SampleBlock block = new SampleBlock(1, 3);
      for (int i = 0; i < 3; i++) {
        block.add(i * 20_000_000L, i * 20_000L, new double[] {i});
      }
      store.appendSamples(stream.id(), block);
      store.finishSession(second, Instant.now());
    }
    SessionsViewModel viewModel =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);

    viewModel.refresh().join();

    assertThat(viewModel.rows()).extracting(SessionRow::notes).containsExactly("second", "first");
    assertThat(viewModel.rows()).extracting(SessionRow::athlete).containsExactly("", "Ann");
    assertThat(viewModel.rows().get(0).state()).isEqualTo("complete");
    assertThat(viewModel.statusProperty().get()).isEqualTo("2 session(s) in test store");

    Path out = Files.createDirectories(dir.resolve("csv"));
    viewModel.export(second, out).join();
    assertThat(viewModel.statusProperty().get()).startsWith("Exported session " + second + " to 1 file(s)");
    try (var files = Files.list(out)) {
      assertThat(files.toList()).hasSize(1);
    }
  }

  @Test
  void showsASessionsSetsAndKeepsLabelEditsMarked() throws Exception {
    Path file = dir.resolve("sessions.db");
    long sessionId;
    long squat;
    try (SessionStore store = SessionStore.open(file)) {
      long ann = store.addAthlete("Ann", "").id();
      Session s =
          store.startSession(
              new NewSession(Optional.of(ann), "wristband-v1", "", "wrist", "", Instant.EPOCH, 0));
      sessionId = s.id();
      squat = store.addSegment(set(sessionId, "Squat", 2, 12, 8)).id();
      store.addSegment(set(sessionId, "Lunge", 20, 30, 6));
    }
    SessionsViewModel viewModel =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);

    viewModel.select(sessionId).join();

    assertThat(viewModel.sets()).extracting(SetRow::exercise).containsExactly("Squat", "Lunge");
    SetRow first = viewModel.sets().get(0);
    assertThat(first.repsText()).isEqualTo("8");
    assertThat(first.startSeconds()).isEqualTo(2.0);
    assertThat(first.durationSeconds()).isEqualTo(10.0);
    assertThat(first.athlete()).isEqualTo("Ann");
    assertThat(first.edited()).isFalse();
    assertThat(viewModel.plotProperty().get().bands())
        .extracting(SessionPlot.Band::label)
        .containsExactly("Squat", "Lunge");
    assertThat(viewModel.plotProperty().get().bands().get(0).endSeconds()).isEqualTo(12.0);

    viewModel.relabel(squat, " Pushup ").join();
    viewModel.markIncorrectForm(squat, true).join();
    viewModel.split(squat, 4.0).join();

    assertThat(viewModel.sets()).extracting(SetRow::exercise).containsExactly("Pushup", "Pushup", "Lunge");
    assertThat(viewModel.sets()).extracting(SetRow::edited).containsExactly(true, true, false);
    assertThat(viewModel.sets().get(1).startSeconds()).isCloseTo(6.0, within(1e-6));
    assertThat(viewModel.sets().get(1).incorrectForm()).isTrue();
    assertThat(viewModel.plotProperty().get().bands())
        .extracting(SessionPlot.Band::label)
        .containsExactly("Pushup (incorrect) *", "Pushup (incorrect) *", "Lunge");

    viewModel.mergeWithNext(squat).join();
    assertThat(viewModel.sets()).hasSize(2);
    assertThat(viewModel.sets().get(0).durationSeconds()).isEqualTo(10.0);

    viewModel.mergeWithNext(viewModel.sets().get(1).segmentId()).join();
    assertThat(viewModel.statusProperty().get()).contains("last set");
    assertThat(viewModel.sets()).hasSize(2);
  }

  @Test
  void reRunningTheShippedModelComparesItWithTheStoredLabels() throws Exception {
    // ONNX Runtime unpacks its native library into java.io.tmpdir (target/tmp in this build).
    Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    Path file = dir.resolve("sessions.db");
    long sessionId;
    try (SessionStore store = SessionStore.open(file)) {
      Session s =
          store.startSession(
              new NewSession(Optional.empty(), "wristband-v1", "", "wrist", "", Instant.EPOCH, 0));
      sessionId = s.id();
      long stream =
          store
              .addStream(
                  sessionId,
                  new NewStream(
                      "wrist",
                      "wristband-v1",
                      "AA",
                      List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z"),
                      50))
              .id();
      // 60 s at 50 Hz: still, then 30 s of squat-like up and down (set 15-45 s), then still.
      SampleBlock block = new SampleBlock(6, 3000);
      for (int i = 0; i < 3000; i++) {
        double t = i / 50.0;
        boolean moving = t >= 15 && t < 45;
        double phase = 2 * Math.PI * t / 2.5;
        double bob = moving ? 0.4 * Math.sin(phase) : 0;
        double swing = moving ? 1.2 * Math.cos(phase) : 0;
        block.add(
            i * 20_000_000L, i * 20_000L, new double[] {0.1, bob, 1 + bob, swing, 0.05, 0});
      }
      store.appendSamples(stream, block);
      store.addSegment(set(sessionId, "Squat", 15, 45, 12));
      store.finishSession(sessionId, Instant.EPOCH.plusSeconds(60));
    }
    SessionsViewModel viewModel =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);

    viewModel
        .compareWithModel(sessionId, () -> DefaultModel.open(ClassifierOptions.DEFAULT))
        .join();

    String report = viewModel.comparisonProperty().get();
    assertThat(report).contains("per step").contains("Squat").contains("Rest").contains("per set");
    assertThat(viewModel.comparisonProgressProperty().get()).isEqualTo(1.0);
    assertThat(viewModel.comparingProperty().get()).isFalse();
    assertThat(viewModel.statusProperty().get()).startsWith("Session " + sessionId + " compared with");
  }

  @Test
  void comparingASessionWithoutStreamsSaysSo() throws Exception {
    Path file = dir.resolve("sessions.db");
    long sessionId;
    try (SessionStore store = SessionStore.open(file)) {
      sessionId =
          store
              .startSession(
                  new NewSession(Optional.empty(), "myo", "", "arm", "", Instant.EPOCH, 0))
              .id();
    }
    SessionsViewModel viewModel =
        new SessionsViewModel(() -> SessionStore.open(file), () -> "test store", DIRECT, DIRECT);

    viewModel
        .compareWithModel(sessionId, () -> DefaultModel.open(ClassifierOptions.DEFAULT))
        .join();

    assertThat(viewModel.statusProperty().get()).contains("has no streams");
    assertThat(viewModel.comparisonProperty().get()).isEmpty();
  }

  private static Segment set(long sessionId, String exercise, long startS, long endS, int reps) {
    return new Segment(
        0,
        sessionId,
        exercise,
        startS * 1_000_000_000L,
        OptionalLong.of(endS * 1_000_000_000L),
        OptionalInt.of(reps),
        false,
        "");
  }

  @Test
  void aStoreThatCannotBeOpenedIsReportedNotThrown() throws Exception {
    Path notADatabase = Files.writeString(dir.resolve("junk.db"), "this is not sqlite");
    SessionsViewModel viewModel =
        new SessionsViewModel(() -> SessionStore.open(notADatabase), () -> "junk.db", DIRECT, DIRECT);

    viewModel.refresh().join();

    assertThat(viewModel.rows()).isEmpty();
    assertThat(viewModel.statusProperty().get()).startsWith("Session store junk.db: ");
  }
}
