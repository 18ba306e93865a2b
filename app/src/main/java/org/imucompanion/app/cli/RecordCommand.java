package org.imucompanion.app.cli;

import java.io.PrintWriter;
import org.imucompanion.app.workspace.DeviceRecording;
import org.imucompanion.app.workspace.LinkStatus;
import org.imucompanion.app.workspace.PreRoll;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.supervise.SupervisedState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.models.store.Athlete;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionRecorder;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Records a labeled set headlessly into the session store. */
@Command(
    name = "record",
    mixinStandardHelpOptions = true,
    description = {
      "Record every stream of a device (wristband v1: accelerometer, gyroscope; legacy band:"
          + " also magnetometer; Myo: accelerometer, gyroscope, quaternion and 8-channel EMG) as"
          + " one labeled set into the session store, without the UI. Samples are committed in"
          + " batches as they arrive, so a crash loses at most the last fraction of a second. A"
          + " lost link is reconnected and stored as a gap; a device that never streams leaves no"
          + " session."
    })
final class RecordCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF), virtual:wristband, virtual:legacy or virtual:myo.")
  String device;

  @Option(names = "--athlete", required = true, description = "Who is wearing the device.")
  String athlete;

  @Option(names = "--exercise", required = true, description = "The exercise being done (label).")
  String exercise;

  @Option(names = "--reps", description = "Repetitions done, if counted by hand (stored with the set).")
  Integer reps;

  @Option(names = "--incorrect-form", description = "Mark the set as done with incorrect form.")
  boolean incorrectForm;

  @Option(names = "--notes", defaultValue = "", description = "Free-text notes stored with the session.")
  String notes;

  @Option(
      names = "--store",
      paramLabel = "<file>",
      description = "Session store (SQLite file; default: the user's data directory).")
  Path store;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      defaultValue = "30",
      description = "How long the set lasts (default: ${DEFAULT-VALUE} s).")
  double durationSeconds;

  @Option(
      names = "--max-store-size",
      paramLabel = "<size>",
      converter = StoreArguments.SizeConverter.class,
      description =
          "Largest the store file may grow to (e.g. 500M, 2G): reaching it stops the recording"
              + " as a full disk does, keeping what was stored (default: no limit).")
  long maxStoreBytes;

  /** Samples held from the device's first one until the session is open: 30 s of a Myo. */
  static final int PRE_ROLL_SAMPLES = 30 * 250;

  /** How long the device may take to stream before the command gives up (no session is made). */
  static final double CONNECT_TIMEOUT_SECONDS = 30;

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Mixin MotionOption motion = new MotionOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    // The device streams before a session exists: a device that never streams leaves no session.
    // What the device sends before the session is ready is held, so the recording starts with it.
    PreRoll preRoll = new PreRoll(PRE_ROLL_SAMPLES);
    LiveDevice live = DeviceArguments.start(device, bus, motion.source(), preRoll);
    try {
      DeviceArguments.awaitStreaming(live, device, CONNECT_TIMEOUT_SECONDS);
      record(live, preRoll, out);
    } finally {
      live.close();
    }
    return ExitStatus.OK;
  }

  private void record(LiveDevice live, PreRoll preRoll, PrintWriter out) throws Exception {
    DeviceKind kind = live.deviceKind().orElseThrow();
    try (SessionStore sessions = StoreArguments.open(store, maxStoreBytes)) {
      Athlete who = athleteNamed(sessions, athlete);
      Session session =
          sessions.startSession(
              DeviceRecording.sessionFor(live, Optional.of(who.id()), sessionNotes()));
      long samples;
      try (SessionRecorder recorder = SessionRecorder.start(sessions, session.id())) {
        DeviceRecording recording = DeviceRecording.start(live, recorder, preRoll);
        try {
          awaitStored(recorder, recorder.startSet(exercise, System.nanoTime()));
          long end = System.nanoTime() + (long) (durationSeconds * 1e9);
          while (System.nanoTime() < end) {
            waitUnlessStopped(
                recorder, Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            out.printf(
                "recording '%s': %d samples  link %s%n",
                exercise, recording.writtenSamples(), live.link().describe(System.nanoTime()));
            out.flush();
            if (live.link().state() == SupervisedState.GAVE_UP) {
              break; // stored samples stay; the set ends at the last one
            }
          }
          awaitStored(
              recorder,
              recorder.stopSet(
                  System.nanoTime(),
                  reps == null ? OptionalInt.empty() : OptionalInt.of(reps),
                  incorrectForm));
        } finally {
          recording.stop();
        }
        awaitStored(recorder, recorder.flush());
        samples = recording.writtenSamples();
        if (recorder.lastFailure().isPresent()) {
          throw new CommandFailedException(
              "the store refused samples: " + recorder.lastFailure().get().getMessage(),
              recorder.lastFailure().get());
        }
      }
      sessions.finishSession(session.id(), Instant.now());
      LinkStatus link = live.link();
      out.printf(
          "recorded session %d: set '%s' by %s, %d samples from a %s, %d outage(s), in %s%n",
          session.id(), exercise, who.name(), samples, kind.id(), link.outages(), sessions.file());
      if (link.state() == SupervisedState.GAVE_UP) {
        throw new CommandFailedException(
            device + ": the link was lost for good (" + link.lastFailure().orElse("gave up")
                + "); what was recorded before is stored in session " + session.id());
      }
    } catch (SessionStoreException e) {
      throw new CommandFailedException("session store: " + e.getMessage(), e);
    }
  }

  // ---- The recorder stopping on its own (disk or --max-store-size full, store damaged):
  // ---- report its message at once and stop; it has already marked the session interrupted.

  /** Waits for the store's answer to a request, failing with the store's reason if it stopped. */
  private static <T> T awaitStored(SessionRecorder recorder, CompletableFuture<T> request)
      throws InterruptedException, TimeoutException {
    try {
      return request.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failIfStopped(recorder);
      if (e.getCause() instanceof SessionStoreException s) {
        throw new CommandFailedException("session store: " + s.getMessage(), s);
      }
      throw new CommandFailedException("recording failed: " + e.getCause(), e.getCause());
    }
  }

  /** Sleeps up to {@code millis}, returning early, with the store's message, if the recorder stopped. */
  private static void waitUnlessStopped(SessionRecorder recorder, long millis)
      throws InterruptedException {
    try {
      recorder.stopped().get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException stillRecording) {
      return;
    }
    failIfStopped(recorder);
  }

  private static void failIfStopped(SessionRecorder recorder) {
    SessionStoreException stop = recorder.stopped().getNow(null);
    if (stop != null) {
      throw new CommandFailedException("session store: " + stop.getMessage(), stop);
    }
  }

  // ---- end of the recorder-stop reaction

  private String sessionNotes() {
    StringBuilder text = new StringBuilder(notes);
    if (reps != null) {
      text.append(text.length() == 0 ? "" : "; ").append("reps counted by hand: ").append(reps);
    }
    if (incorrectForm) {
      text.append(text.length() == 0 ? "" : "; ").append("incorrect form");
    }
    return text.toString();
  }

  private static Athlete athleteNamed(SessionStore sessions, String name)
      throws SessionStoreException {
    for (Athlete a : sessions.athletes()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return sessions.addAthlete(name, "");
  }
}
