package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.MyoFeed;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.models.Channels;
import org.imucompanion.models.store.Athlete;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.NewStream;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionRecorder;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import org.imucompanion.protocol.wristband.WristbandConfig;
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
      "Record a wristband's stream as one labeled set into the session store, without the UI."
          + " Samples are committed in batches as they arrive, so a crash loses at most the"
          + " last fraction of a second."
    })
final class RecordCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF), virtual:wristband or virtual:myo.")
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
      names = "--max-store-size",
      paramLabel = "<size>",
      converter = StoreArguments.SizeConverter.class,
      description =
          "Largest the store file may grow to (e.g. 500M, 2G): reaching it stops the recording"
              + " as a full disk does, keeping what was stored (default: no limit).")
  long maxStoreBytes;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      defaultValue = "30",
      description = "How long the set lasts (default: ${DEFAULT-VALUE} s).")
  double durationSeconds;

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Mixin MotionOption motion = new MotionOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DeviceArguments.requireKnownVirtual(device); // before a session is started for nothing
    try (SessionStore sessions = StoreArguments.open(store, maxStoreBytes)) {
      Athlete who = athleteNamed(sessions, athlete);
      // A Myo streams its IMU at 50 Hz on the forearm; the wristband at its configured rate.
      boolean myo = device.equals("virtual:myo");
      String deviceKind = myo ? "myo" : "wristband-v1";
      String placement = myo ? "forearm" : "wrist";
      double rateHz = myo ? VirtualMyo.IMU_RATE_HZ : WristbandConfig.DEFAULT.outputDataRateHz();
      Session session =
          sessions.startSession(
              NewSession.startingNow(
                  Optional.of(who.id()), deviceKind, "", placement, sessionNotes()));
      long samples;
      try (SessionRecorder recorder = SessionRecorder.start(sessions, session.id())) {
        SessionRecorder.RecordedStream stream =
            recorder.openStream(
                new NewStream(
                    placement,
                    deviceKind,
                    device,
                    List.of(
                        Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
                        Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z),
                    rateHz));
        LiveDevice live = open(stream);
        try {
          awaitStored(recorder, recorder.startSet(exercise, System.nanoTime()));
          long end = System.nanoTime() + (long) (durationSeconds * 1e9);
          while (System.nanoTime() < end) {
            waitUnlessStopped(
                recorder, Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            out.printf("recording '%s': %d samples%n", exercise, stream.writtenSamples());
            out.flush();
            if (live.problem().isPresent() && live.imuSamples().written() == 0) {
              throw new CommandFailedException(device + ": " + live.problem().get());
            }
          }
          awaitStored(
              recorder,
              recorder.stopSet(
                  System.nanoTime(),
                  reps == null ? OptionalInt.empty() : OptionalInt.of(reps),
                  incorrectForm));
        } finally {
          live.close();
        }
        awaitStored(recorder, recorder.flush());
        samples = stream.writtenSamples();
        if (recorder.lastFailure().isPresent()) {
          throw new CommandFailedException(
              "the store refused samples: " + recorder.lastFailure().get().getMessage(),
              recorder.lastFailure().get());
        }
      }
      sessions.finishSession(session.id(), Instant.now());
      out.printf(
          "recorded session %d: set '%s' by %s, %d samples, in %s%n",
          session.id(), exercise, who.name(), samples, sessions.file());
    } catch (SessionStoreException e) {
      throw new CommandFailedException("session store: " + e.getMessage(), e);
    }
    return ExitStatus.OK;
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

  private LiveDevice open(SessionRecorder.RecordedStream stream) {
    if (device.equals("virtual:wristband")) {
      return WristbandFeed.startVirtual(
          WristbandFeed.VIRTUAL_ADDRESS, "Virtual wristband", motion.source(), stream::offer);
    }
    if (device.equals("virtual:myo")) {
      return MyoFeed.startVirtual(
          MyoFeed.VIRTUAL_ADDRESS, "Virtual Myo", motion.source(), stream::offer);
    }
    DeviceArguments.requireKnownVirtual(device);
    try {
      return WristbandFeed.start(
          BluezTransport.open(bus.options()), device, device, "wristband v1", true, stream::offer);
    } catch (BleException e) {
      throw new CommandFailedException("BlueZ not available: " + e.getMessage(), e);
    }
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
