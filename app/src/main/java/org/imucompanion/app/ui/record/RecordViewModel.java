package org.imucompanion.app.ui.record;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.imucompanion.app.ui.sessions.SessionsViewModel.StoreOpener;
import org.imucompanion.app.workspace.ClassificationListener;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.DeviceRecording;
import org.imucompanion.models.store.Athlete;
import org.imucompanion.models.store.PredictedLabel;
import org.imucompanion.models.store.RepEvent;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionRecorder;
import org.imucompanion.models.store.SessionStore;

/**
 * State of the Record view and the recording it runs. Store work (open, create session, close)
 * runs on the background executor and is published on the UI executor; samples go from the
 * device's producer thread straight into the recorder's queue, which commits in batches, so a
 * crash loses at most the last fraction of a second. If the store stops taking samples (the disk
 * is full, the file turned read-only or damaged) the recorder stops on its own; the session ends
 * here too, the device keeps streaming to the other views, and {@link #storeProblemProperty()}
 * says what happened until the next session starts.
 */
public final class RecordViewModel {
  /** How long a device may take to stream before a session for it is refused. */
  static final long STREAMING_TIMEOUT_SECONDS = 20;

  /** Exercises offered by default; hotkeys 1–9 pick them in this order. */
  public static final List<String> EXERCISES =
      List.of("Squat", "Burpee", "Situp", "Pushup", "Lunge", "Jumping", "Curl", "Plank", "Rest");

  private final Supplier<LiveDevice> device;
  private final StoreOpener opener;
  private final Executor background;
  private final Executor ui;
  private final StringProperty athlete = new SimpleStringProperty("");
  private final ObjectProperty<String> exercise = new SimpleObjectProperty<>(EXERCISES.get(0));
  private final ReadOnlyBooleanWrapper sessionOpen = new ReadOnlyBooleanWrapper();
  private final ReadOnlyBooleanWrapper setRunning = new ReadOnlyBooleanWrapper();
  private final BooleanProperty incorrectForm = new SimpleBooleanProperty();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No session.");
  private final ReadOnlyStringWrapper storeProblem = new ReadOnlyStringWrapper("");
  private Recording current;

  /** What an open session holds, closed in reverse order. */
  private record Recording(
      SessionStore store, Session session, SessionRecorder recorder, DeviceRecording stream, LiveDevice device) {}

  /**
   * Creates the view model.
   *
   * @param device the device to record (the one selected in the Devices view)
   * @param opener opens the session store
   * @param background where store work runs
   * @param ui where results are published
   */
  public RecordViewModel(
      Supplier<LiveDevice> device, StoreOpener opener, Executor background, Executor ui) {
    this.device = Objects.requireNonNull(device, "device");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.background = Objects.requireNonNull(background, "background");
    this.ui = Objects.requireNonNull(ui, "ui");
  }

  /**
   * Who is wearing the device.
   *
   * @return the property
   */
  public StringProperty athleteProperty() {
    return athlete;
  }

  /**
   * The exercise the next set is labeled with.
   *
   * @return the property
   */
  public ObjectProperty<String> exerciseProperty() {
    return exercise;
  }

  /**
   * The athlete's note that the running set was done with incorrect form; stored with the set when
   * it stops, then cleared for the next set. Ticking it after a set stopped marks no set.
   *
   * @return the property
   */
  public BooleanProperty incorrectFormProperty() {
    return incorrectForm;
  }

  /**
   * Whether a session is open.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty sessionOpenProperty() {
    return sessionOpen.getReadOnlyProperty();
  }

  /**
   * Whether a set is being recorded.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty setRunningProperty() {
    return setRunning.getReadOnlyProperty();
  }

  /**
   * What is happening, or what went wrong.
   *
   * @return the property
   */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * Why the store stopped the last recording (disk full, damaged, read-only), in the store's own
   * words naming the file and what was kept; empty while all is well. Cleared when a session
   * starts.
   *
   * @return the property
   */
  public ReadOnlyStringProperty storeProblemProperty() {
    return storeProblem.getReadOnlyProperty();
  }

  /**
   * Picks the exercise for hotkey {@code n}.
   *
   * @param n 1..9
   */
  public void pickExercise(int n) {
    if (n >= 1 && n <= EXERCISES.size() && !setRunning.get()) {
      exercise.set(EXERCISES.get(n - 1));
    }
  }

  /**
   * Opens a session for the athlete on the selected device and starts streaming into it.
   *
   * @return completes when the result is published
   */
  public CompletableFuture<Void> startSession() {
    LiveDevice recorded = device.get();
    String who = athlete.get().trim();
    if (recorded == null || who.isEmpty() || sessionOpen.get()) {
      status.set(
          recorded == null ? "No device to record." : who.isEmpty() ? "Enter the athlete's name." : status.get());
      return CompletableFuture.completedFuture(null);
    }
    status.set("Opening a session…");
    storeProblem.set("");
    return background(
        () -> {
          // What is recorded (streams, channels, rates) is known once the device streams.
          recorded.firstStreaming().get(STREAMING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
          SessionStore store = opener.open();
          try {
            Athlete a = athleteNamed(store, who);
            Session s =
                store.startSession(DeviceRecording.sessionFor(recorded, Optional.of(a.id()), ""));
            SessionRecorder recorder = SessionRecorder.start(store, s.id());
            DeviceRecording stream = DeviceRecording.start(recorded, recorder);
            Recording r = new Recording(store, s, recorder, stream, recorded);
            recorded.listenToClassification(new ShownToStore(recorder));
            recorder.stopped().thenAccept(stop -> background(() -> endAfterStoreStopped(r, stop)));
            return () -> {
              current = r;
              sessionOpen.set(true);
              status.set("Session " + s.id() + " for " + a.name() + ": recording samples.");
            };
          } catch (Exception e) {
            store.close();
            throw e;
          }
        });
  }

  /**
   * Starts a set labeled with the chosen exercise, or stops the running one.
   *
   * @return completes when the result is published
   */
  public CompletableFuture<Void> toggleSet() {
    Recording r = current;
    if (r == null) {
      status.set("Start a session first.");
      return CompletableFuture.completedFuture(null);
    }
    boolean starting = !setRunning.get();
    String label = exercise.get();
    boolean badForm = incorrectForm.get();
    long now = System.nanoTime();
    return background(
        () -> {
          if (starting) {
            r.recorder().startSet(label, now).join();
          } else {
            stopSet(r, now, badForm);
          }
          return () -> {
            setRunning.set(starting);
            if (!starting) {
              incorrectForm.set(false);
            }
            status.set(
                starting
                    ? "Set '" + label + "' running…"
                    : "Set stopped" + (badForm ? " (incorrect form noted)" : "") + "; "
                        + r.stream().writtenSamples() + " samples in session " + r.session().id() + ".");
          };
        });
  }

  /**
   * Stops any running set, stops streaming, flushes and closes the session.
   *
   * @return completes when the result is published
   */
  public CompletableFuture<Void> endSession() {
    Recording r = current;
    if (r == null) {
      return CompletableFuture.completedFuture(null);
    }
    boolean stopSet = setRunning.get();
    boolean badForm = incorrectForm.get();
    long now = System.nanoTime();
    return background(
        () -> {
          r.stream().stop();
          r.device().listenToClassification(ClassificationListener.NONE);
          try (SessionStore store = r.store()) {
            if (stopSet) {
              stopSet(r, now, badForm);
            }
            r.recorder().close();
            store.finishSession(r.session().id(), Instant.now());
          }
          return () -> {
            current = null;
            setRunning.set(false);
            sessionOpen.set(false);
            status.set(
                "Session " + r.session().id() + " saved: " + r.stream().writtenSamples() + " samples.");
          };
        });
  }

  /**
   * Saves an open session right now on the calling thread, for when the application quits (no
   * UI left to publish to). Blocks on the store; does nothing without a session.
   */
  public void saveOnExit() {
    Recording r = current;
    if (r == null) {
      return;
    }
    current = null;
    r.stream().stop();
    r.device().listenToClassification(ClassificationListener.NONE);
    try (SessionStore store = r.store()) {
      if (setRunning.get()) {
        stopSet(r, System.nanoTime(), incorrectForm.get());
      }
      r.recorder().close();
      store.finishSession(r.session().id(), Instant.now());
    } catch (Exception e) {
      // Nothing left to show it on; the store marks the session interrupted on next open.
    }
  }

  /**
   * The recorder stopped because the store can't take more; it has already marked the session
   * interrupted and closed its set. Stop feeding it, let go of the store, and say why.
   */
  private Runnable endAfterStoreStopped(Recording r, Exception stop) {
    r.stream().stop();
    r.device().listenToClassification(ClassificationListener.NONE);
    try (SessionStore store = r.store()) {
      r.recorder().close(); // throws the same failure again: it is already in hand
    } catch (Exception again) {
      // Nothing more to say than the recorder's own message.
    }
    return () -> {
      if (current != r) {
        return; // the session was ended by hand meanwhile
      }
      current = null;
      setRunning.set(false);
      sessionOpen.set(false);
      incorrectForm.set(false);
      status.set(
          "Recording of session " + r.session().id() + " stopped: " + r.stream().writtenSamples()
              + " samples saved.");
      storeProblem.set(stop.getMessage()); // last: the banner appearing means all of this is done
    };
  }

  /** Ends the running set with the athlete's form note, as the set's own field. */
  private static void stopSet(Recording r, long hostNanos, boolean incorrectForm) {
    r.recorder().stopSet(hostNanos, OptionalInt.empty(), incorrectForm).join();
  }

  /**
   * Stores what the model showed while recording (each window's label, each repetition counted),
   * so the athlete's own labels can be compared with what the coach saw. Runs on the device's
   * delivery thread and only queues.
   */
  private static final class ShownToStore implements ClassificationListener {
    private final SessionRecorder recorder;

    ShownToStore(SessionRecorder recorder) {
      this.recorder = recorder;
    }

    @Override
    public void onLabel(long hostNanos, String label, double confidence, String model) {
      try {
        recorder.predicted(new PredictedLabel(hostNanos, label, confidence, model));
      } catch (IllegalStateException closed) {
        // A window that ended as the session closed: nothing left to store it in.
      }
    }

    @Override
    public void onRepetition(org.imucompanion.models.reps.RepEvent rep, String model) {
      try {
        // The counter's seconds are host nanoTime / 1e9 (what the feeds push): zero is 0 ns.
        recorder.counted(RepEvent.fromCounter(rep, 0, "rep counter on " + model));
      } catch (IllegalStateException closed) {
        // As above.
      }
    }
  }

  /** Work that returns what to publish on the UI thread. */
  private interface Work {
    Runnable run() throws Exception;
  }

  private CompletableFuture<Void> background(Work work) {
    CompletableFuture<Void> published = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          Runnable publish;
          try {
            publish = work.run();
          } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            publish = () -> status.set("Recording failed: " + reason);
          }
          Runnable result = publish;
          ui.execute(
              () -> {
                result.run();
                published.complete(null);
              });
        },
        background);
    return published;
  }

  private static Athlete athleteNamed(SessionStore store, String name) throws Exception {
    for (Athlete a : store.athletes()) {
      if (a.name().equals(name)) {
        return a;
      }
    }
    return store.addAthlete(name, "");
  }
}
