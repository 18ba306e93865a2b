package org.imucompanion.app.ui.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.workspace.LiveClassification;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.store.PredictedLabel;
import org.imucompanion.models.store.RepEvent;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionState;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Record view's state recording the virtual wristband into a real store file. */
class RecordViewModelIT {
  private static final Executor DIRECT = Runnable::run;
  @TempDir Path dir;

  @Test
  void aSessionWithLabeledSetsAndAFormNoteIsSaved() throws Exception {
    Path file = dir.resolve("sessions.db");
    LiveDevice band = WristbandFeed.startVirtual();
    try {
      RecordViewModel viewModel =
          new RecordViewModel(() -> band, () -> SessionStore.open(file), DIRECT, DIRECT);
      viewModel.startSession().join();
      assertThat(viewModel.statusProperty().get()).isEqualTo("Enter the athlete's name.");

      viewModel.athleteProperty().set("Ben");
      viewModel.pickExercise(3); // hotkey 3
      viewModel.startSession().join();
      assertThat(viewModel.sessionOpenProperty().get()).as(viewModel.statusProperty().get()).isTrue();
      viewModel.toggleSet().join();
      assertThat(viewModel.setRunningProperty().get()).isTrue();
      Thread.sleep(1500);
      viewModel.toggleSet().join();
      // A second set, done badly: the athlete notes it while the set runs.
      viewModel.pickExercise(1);
      viewModel.toggleSet().join();
      viewModel.incorrectFormProperty().set(true);
      Thread.sleep(300);
      viewModel.toggleSet().join();
      assertThat(viewModel.statusProperty().get()).contains("incorrect form noted");
      assertThat(viewModel.incorrectFormProperty().get()).isFalse(); // cleared for the next set
      viewModel.endSession().join();

      assertThat(viewModel.sessionOpenProperty().get()).isFalse();
      assertThat(viewModel.statusProperty().get()).matches("Session \\d+ saved: \\d+ samples\\.");
    } finally {
      band.close();
    }
    try (SessionStore store = SessionStore.open(file)) {
      List<Session> sessions = store.sessions();
      assertThat(sessions).hasSize(1);
      assertThat(sessions.get(0).state()).isEqualTo(SessionState.COMPLETE);
      List<Segment> sets = store.segments(sessions.get(0).id());
      assertThat(sets).extracting(Segment::exercise).containsExactly("Situp", "Squat");
      assertThat(sets).extracting(Segment::incorrectForm).containsExactly(false, true);
      // Noted while recording, so the set is as recorded, not edited afterwards.
      assertThat(store.isEdited(sets.get(1).id())).isFalse();
      long samples = store.sampleCount(store.streams(sessions.get(0).id()).get(0).id());
      assertThat(samples).isGreaterThan(50); // 50 Hz from session start to end
    }
  }

  @Test
  void whatTheModelShowedWhileRecordingIsStoredWithTheSession() throws Exception {
    Path file = dir.resolve("sessions.db");
    VirtualAthlete athlete = AthleteMotion.demo().athlete();
    LiveDevice band =
        WristbandFeed.startVirtual(
            WristbandFeed.VIRTUAL_ADDRESS, "Virtual wristband", AthleteMotion.demo(),
            SampleSink.NONE);
    String model;
    try {
      RecordViewModel viewModel =
          new RecordViewModel(() -> band, () -> SessionStore.open(file), DIRECT, DIRECT);
      viewModel.athleteProperty().set("Dee");
      viewModel.startSession().join();
      // The model is attached after recording started, as when it loads in the background.
      OnnxClassifier classifier = DefaultModel.open(ClassifierOptions.DEFAULT);
      model = classifier.contract().modelVersion();
      LiveClassification live = new LiveClassification(classifier, 50);
      band.attachClassification(live);
      // Real time: the warm-up rest, then the first set until a repetition is counted.
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (live.setHistory().sets().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      viewModel.endSession().join();
    } finally {
      band.close();
    }
    try (SessionStore store = SessionStore.open(file)) {
      long session = store.sessions().get(0).id();
      List<PredictedLabel> shown = store.predictions(session);
      assertThat(shown).isNotEmpty().allMatch(p -> p.model().equals(model));
      assertThat(shown).extracting(PredictedLabel::label).contains("Rest");
      List<RepEvent> reps = store.repEvents(session);
      assertThat(reps).as("labels stored: %s", shown).isNotEmpty();
      assertThat(reps.get(0).exercise()).isEqualTo(athlete.sets().get(0).exercise());
      assertThat(reps.get(0).repNumber()).isEqualTo(1);
    }
  }

  @Test
  void aFullStoreStopsTheRecordingVisiblyAndTheDeviceStreamsOn() throws Exception {
    Path file = dir.resolve("sessions.db");
    SessionStore.open(file).close(); // the schema alone
    long limit = Files.size(file) + 3 * 4096; // a few seconds of samples, then "disk full"
    LiveDevice band = WristbandFeed.startVirtual();
    String banner;
    String status;
    try {
      RecordViewModel viewModel =
          new RecordViewModel(() -> band, () -> SessionStore.open(file, limit), DIRECT, DIRECT);
      CountDownLatch stopped = new CountDownLatch(1);
      viewModel.storeProblemProperty().addListener((o, was, now) -> stopped.countDown());
      viewModel.athleteProperty().set("Ann");
      viewModel.startSession().join();
      viewModel.toggleSet().join();
      assertThat(viewModel.setRunningProperty().get()).as(viewModel.statusProperty().get()).isTrue();

      assertThat(stopped.await(60, TimeUnit.SECONDS)).as("the store filled up and said so").isTrue();
      banner = viewModel.storeProblemProperty().get();
      status = viewModel.statusProperty().get();
      assertThat(viewModel.sessionOpenProperty().get()).isFalse();
      assertThat(viewModel.setRunningProperty().get()).isFalse();
      // Nothing else breaks: the device still delivers samples to whoever listens.
      CountDownLatch stillStreaming = new CountDownLatch(10);
      band.recordInto((stream, host, device, values) -> stillStreaming.countDown());
      assertThat(stillStreaming.await(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      band.close();
    }
    try (SessionStore store = SessionStore.openForReading(file)) {
      Session session = store.sessions().get(0);
      assertThat(session.state()).isEqualTo(SessionState.INTERRUPTED);
      StreamInfo stream = store.streams(session.id()).get(0);
      SampleBlock kept = store.readSamples(stream.id());
      long lastStored = kept.hostNanos(kept.size() - 1);
      assertThat(store.segments(session.id()).get(0).endHostNanos()).hasValue(lastStored);
      long lost = store.gaps(stream.id()).get(0).lostSamples();
      assertThat(banner)
          .isEqualTo(
              file.toAbsolutePath()
                  + ": the disk (or the store's size limit) is full: recording of session "
                  + session.id()
                  + " stopped. Session "
                  + session.id()
                  + " is marked interrupted and its set ends at the last stored sample; the "
                  + kept.size()
                  + " samples stored before are intact, "
                  + lost
                  + " later ones were not stored. Free some space and record again.");
      assertThat(status)
          .isEqualTo("Recording of session " + session.id() + " stopped: " + kept.size() + " samples saved.");
    }
  }
}
