package org.imucompanion.app.ui.sessions;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.imucompanion.app.ui.models.ModelChoice;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.classifier.ModelContract;
import org.imucompanion.models.classifier.ModelLoadException;
import org.imucompanion.models.classifier.OnnxClassifier;
import org.imucompanion.models.evaluation.StreamingEvaluation;
import org.imucompanion.models.export.ClassMapping;
import org.imucompanion.models.store.Athlete;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Segment;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionCsv;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;
import org.imucompanion.models.store.StoredRecordings;
import org.imucompanion.models.store.StreamInfo;

/**
 * State of the Sessions view. Every store access opens the store on the background executor,
 * does its work and closes it (the recorder may hold the same file open: SQLite's WAL mode lets
 * readers and a writer share it); results are published on the UI executor.
 */
public final class SessionsViewModel {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

  /** Opens the store; may block, never called on the FX thread. */
  @FunctionalInterface
  public interface StoreOpener {
    /**
     * Opens the store.
     *
     * @return the open store (the caller closes it)
     * @throws SessionStoreException if it cannot be opened
     */
    SessionStore open() throws SessionStoreException;
  }

  private final StoreOpener opener;
  private final Supplier<String> storeName;
  private final Executor background;
  private final Executor ui;
  private final ObservableList<SessionRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Not loaded yet.");
  private final ObservableList<SetRow> sets = FXCollections.observableArrayList();
  private final ReadOnlyLongWrapper selectedSession = new ReadOnlyLongWrapper(-1);
  private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
  private final ReadOnlyObjectWrapper<SessionPlot> plot = new ReadOnlyObjectWrapper<>(SessionPlot.EMPTY);
  private final ReadOnlyBooleanWrapper comparing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper comparisonProgress = new ReadOnlyDoubleWrapper();
  /** What a replayed wristband sends when a stream lacks the model's own channels. */
  private static final List<String> ACCEL_GYRO =
      java.util.stream.Stream.concat(Channels.ACCEL.stream(), Channels.GYRO.stream()).toList();

  private final ObservableList<String> streams = FXCollections.observableArrayList();
  private final ReadOnlyIntegerWrapper plottedStream = new ReadOnlyIntegerWrapper(0);
  private final ObjectProperty<ModelChoice> model =
      new SimpleObjectProperty<>(ModelChoice.shippedDefault());

  /**
   * Creates the view model.
   *
   * @param opener opens the session store
   * @param storeName names the store in messages
   * @param background where store access runs
   * @param ui where results are published
   */
  public SessionsViewModel(
      StoreOpener opener, Supplier<String> storeName, Executor background, Executor ui) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.storeName = Objects.requireNonNull(storeName, "storeName");
    this.background = Objects.requireNonNull(background, "background");
    this.ui = Objects.requireNonNull(ui, "ui");
  }

  /**
   * The sessions, newest first.
   *
   * @return the rows (UI thread only)
   */
  public ObservableList<SessionRow> rows() {
    return rows;
  }

  /**
   * What happened last (loaded, exported, or what failed).
   *
   * @return the property
   */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * Reloads the session list.
   *
   * @return completes when the result is published
   */
  public CompletableFuture<Void> refresh() {
    return run(
        store -> {
          Map<Long, String> names = new HashMap<>();
          for (Athlete a : store.athletes()) {
            names.put(a.id(), a.name());
          }
          List<SessionRow> loaded = new ArrayList<>();
          for (Session s : store.sessions()) {
            loaded.add(
                new SessionRow(
                    s.id(),
                    s.athleteId().map(names::get).orElse(""),
                    WHEN.format(s.startedAt()),
                    s.deviceKind(),
                    s.state().name().toLowerCase(Locale.ROOT),
                    s.notes()));
          }
          loaded.sort((a, b) -> Long.compare(b.id(), a.id()));
          return () -> {
            rows.setAll(loaded);
            status.set(loaded.size() + " session(s) in " + storeName.get());
          };
        });
  }

  /**
   * Exports a session's streams to CSV files.
   *
   * @param sessionId the session
   * @param directory where the files go
   * @return completes when the result is published
   */
  public CompletableFuture<Void> export(long sessionId, Path directory) {
    return run(
        store -> {
          List<Path> written = SessionCsv.exportSession(store, sessionId, directory);
          return () ->
              status.set(
                  "Exported session " + sessionId + " to " + written.size() + " file(s) in " + directory);
        });
  }

  /**
   * The labeled sets of the selected session, in time order (the per-set summary).
   *
   * @return the rows (UI thread only)
   */
  public ObservableList<SetRow> sets() {
    return sets;
  }

  /**
   * The session whose sets are shown, or -1 when none is selected.
   *
   * @return the property
   */
  public ReadOnlyLongProperty selectedSessionProperty() {
    return selectedSession.getReadOnlyProperty();
  }

  /**
   * Shows a session's sets: exercise, reps, duration, athlete, form and whether it was edited.
   *
   * @param sessionId the session
   * @return completes when the result is published
   */
  public CompletableFuture<Void> select(long sessionId) {
    return run(
        store -> {
          List<SetRow> loaded = loadSets(store, sessionId);
          SessionPlot drawn = loadPlot(store, sessionId, loaded, 0);
          List<String> names = streamNames(store, sessionId);
          return () -> {
            selectedSession.set(sessionId);
            sets.setAll(loaded);
            streams.setAll(names);
            plottedStream.set(0);
            plot.set(drawn);
            status.set("Session " + sessionId + ": " + loaded.size() + " set(s)");
          };
        });
  }

  /**
   * Changes a set's exercise label (kept as an edit in the store; samples are not touched).
   *
   * @param segmentId the set
   * @param exercise the new label
   * @return completes when the result is published
   */
  public CompletableFuture<Void> relabel(long segmentId, String exercise) {
    return edit(
        store -> store.relabelSegment(segmentId, exercise.strip()).sessionId(),
        "Set " + segmentId + " relabeled to " + exercise.strip());
  }

  /**
   * Marks a set as done with incorrect form, or clears the mark.
   *
   * @param segmentId the set
   * @param incorrect whether the form was incorrect
   * @return completes when the result is published
   */
  public CompletableFuture<Void> markIncorrectForm(long segmentId, boolean incorrect) {
    return edit(
        store -> store.markIncorrectForm(segmentId, incorrect).sessionId(),
        "Set " + segmentId + (incorrect ? " marked incorrect form" : " marked correct form"));
  }

  /**
   * Splits a set in two at a time given in seconds from the set's start.
   *
   * @param segmentId the set
   * @param secondsIntoSet where to split, seconds after the set's start
   * @return completes when the result is published
   */
  public CompletableFuture<Void> split(long segmentId, double secondsIntoSet) {
    return edit(
        store -> {
          Segment set =
              store
                  .findSegment(segmentId)
                  .orElseThrow(() -> new IllegalArgumentException("no set " + segmentId));
          long at = set.startHostNanos() + Math.round(secondsIntoSet * 1e9);
          return store.splitSegment(segmentId, at).get(0).sessionId();
        },
        "Set " + segmentId + " split " + secondsIntoSet + " s after its start");
  }

  /**
   * Merges a set with the one that follows it in the selected session.
   *
   * @param segmentId the earlier set
   * @return completes when the result is published
   */
  public CompletableFuture<Void> mergeWithNext(long segmentId) {
    return edit(
        store -> {
          Segment set =
              store
                  .findSegment(segmentId)
                  .orElseThrow(() -> new IllegalArgumentException("no set " + segmentId));
          List<Segment> all = store.segments(set.sessionId());
          int i = indexOf(all, segmentId);
          if (i + 1 >= all.size()) {
            throw new IllegalArgumentException("set " + segmentId + " is the session's last set");
          }
          return store.mergeSegments(segmentId, all.get(i + 1).id()).sessionId();
        },
        "Set " + segmentId + " merged with the next set");
  }

  /**
   * The selected session's plotted stream over time with its sets as bands.
   *
   * @return the property; {@link SessionPlot#EMPTY} when nothing is selected
   */
  public ReadOnlyObjectProperty<SessionPlot> plotProperty() {
    return plot.getReadOnlyProperty();
  }

  /**
   * The selected session's streams, in the store's order, for the plot's stream selector.
   *
   * @return names like {@code wristband v1 · 6 channels} (UI thread only)
   */
  public ObservableList<String> streams() {
    return streams;
  }

  /**
   * Which of {@link #streams()} is plotted.
   *
   * @return the index
   */
  public ReadOnlyIntegerProperty plottedStreamProperty() {
    return plottedStream.getReadOnlyProperty();
  }

  /**
   * Plots another stream of the selected session, read on the background executor.
   *
   * @param index into {@link #streams()}
   * @return completes when the plot is published
   */
  public CompletableFuture<Void> plotStream(int index) {
    long sessionId = selectedSession.get();
    if (sessionId < 0 || index < 0 || index >= streams.size()) {
      return CompletableFuture.completedFuture(null);
    }
    List<SetRow> current = List.copyOf(sets);
    return run(
        store -> {
          SessionPlot drawn = loadPlot(store, sessionId, current, index);
          return () -> {
            if (selectedSession.get() == sessionId) {
              plottedStream.set(index);
              plot.set(drawn);
            }
          };
        });
  }

  /**
   * The model a re-run uses: the one loaded in the Models view (the shipped default until then).
   *
   * @return the property
   */
  public ObjectProperty<ModelChoice> modelProperty() {
    return model;
  }

  /**
   * Re-runs the model of {@link #modelProperty()} over a session and compares it with the labels.
   *
   * @param sessionId the session
   * @return completes when the result is published
   */
  public CompletableFuture<Void> compareWithModel(long sessionId) {
    ModelChoice chosen = model.get();
    return compareWithModel(sessionId, chosen::open);
  }

  private static List<String> streamNames(SessionStore store, long sessionId)
      throws SessionStoreException {
    List<String> names = new ArrayList<>();
    for (StreamInfo stream : store.streams(sessionId)) {
      names.add(stream.name() + " · " + stream.channels().size() + " channels");
    }
    return names;
  }

  private static SessionPlot loadPlot(
      SessionStore store, long sessionId, List<SetRow> sets, int streamIndex)
      throws SessionStoreException {
    List<StreamInfo> streams = store.streams(sessionId);
    Session session = store.findSession(sessionId).orElseThrow();
    List<SessionPlot.Band> bands = new ArrayList<>();
    for (SetRow set : sets) {
      String label =
          set.exercise() + (set.incorrectForm() ? " (incorrect)" : "") + (set.edited() ? " *" : "");
      bands.add(
          new SessionPlot.Band(
              set.startSeconds(), set.startSeconds() + set.durationSeconds(), label));
    }
    if (streams.isEmpty()) {
      return new SessionPlot("", List.of(), new double[0], new double[0][], bands);
    }
    StreamInfo stream = streams.get(Math.min(Math.max(0, streamIndex), streams.size() - 1));
    SampleBlock samples = store.readSamples(stream.id());
    int n = samples.size();
    int stride = Math.max(1, (n + SessionPlot.MAX_POINTS - 1) / SessionPlot.MAX_POINTS);
    int points = (n + stride - 1) / stride;
    double[] seconds = new double[points];
    double[][] values = new double[samples.channelCount()][points];
    for (int p = 0; p < points; p++) {
      int i = p * stride;
      seconds[p] = (samples.hostNanos(i) - session.hostOriginNanos()) / 1e9;
      for (int c = 0; c < samples.channelCount(); c++) {
        values[c][p] = samples.value(i, c);
      }
    }
    return new SessionPlot(stream.name(), stream.channels(), seconds, values, bands);
  }

  /** Opens the model a session is re-run through; blocks, never called on the FX thread. */
  @FunctionalInterface
  public interface ClassifierOpener {
    /**
     * Opens the model.
     *
     * @return the classifier (the caller closes it)
     * @throws ModelLoadException if it cannot be loaded
     */
    OnnxClassifier open() throws ModelLoadException;
  }

  /**
   * The last comparison of a model with a session's labels: confusion matrix, per-set outcome
   * and repetition errors, as text.
   *
   * @return the property; empty until a comparison ran
   */
  public ReadOnlyStringProperty comparisonProperty() {
    return comparison.getReadOnlyProperty();
  }

  /**
   * Whether a model is being re-run over a session.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty comparingProperty() {
    return comparing.getReadOnlyProperty();
  }

  /**
   * Share of the session's streams replayed so far, 0 to 1.
   *
   * @return the property
   */
  public ReadOnlyDoubleProperty comparisonProgressProperty() {
    return comparisonProgress.getReadOnlyProperty();
  }

  /**
   * Re-runs a model over every stream of a session, through the same pipeline, classifier,
   * smoother and rep counter as live, and compares it with the session's labels (sets not
   * labelled are rest). Runs on the background executor; progress is published per stream.
   *
   * @param sessionId the session
   * @param model opens the model to run
   * @return completes when the result is published
   */
  public CompletableFuture<Void> compareWithModel(long sessionId, ClassifierOpener model) {
    comparing.set(true);
    comparisonProgress.set(0);
    CompletableFuture<Void> done =
        run(
            store -> {
              List<StreamInfo> streams = store.streams(sessionId);
              if (streams.isEmpty()) {
                throw new IllegalArgumentException("session " + sessionId + " has no streams");
              }
              try (OnnxClassifier classifier = model.open()) {
                ModelContract contract = classifier.contract();
                Map<String, String> sameName = new LinkedHashMap<>();
                classifier.classes().forEach(c -> sameName.put(c, c));
                StreamingEvaluation evaluation =
                    new StreamingEvaluation(
                        classifier.classes(),
                        new ClassMapping(classifier.classes(), sameName, contract.restClass()),
                        StreamingEvaluation.Options.defaults());
                List<String> skipped = new ArrayList<>();
                for (int i = 0; i < streams.size(); i++) {
                  Recording recording = StoredRecordings.toRecording(store, streams.get(i).id());
                  // A stream the model cannot read (a Myo's EMG beside a wristband) is left out
                  // and named, rather than failing the whole session.
                  if (!recording.layout().containsAll(contract.channels())
                      && !recording.layout().containsAll(ACCEL_GYRO)) {
                    skipped.add(streams.get(i).name());
                  } else {
                    evaluation.add(recording, classifier, contract);
                  }
                  double share = (i + 1.0) / streams.size();
                  ui.execute(() -> comparisonProgress.set(share));
                }
                if (skipped.size() == streams.size()) {
                  throw new IllegalArgumentException(
                      "no stream of session "
                          + sessionId
                          + " has the model's channels or accelerometer+gyroscope: "
                          + skipped);
                }
                String text =
                    evaluation.pooled().text()
                        + (skipped.isEmpty()
                            ? ""
                            : "left out (no channels the model can use): " + skipped + "\n")
                        + String.format(
                            Locale.ROOT,
                            "model %s (SHA-256 %s)%n",
                            classifier.source(),
                            classifier.sha256());
                return () -> {
                  comparison.set(text);
                  status.set("Session " + sessionId + " compared with " + classifier.source());
                };
              }
            });
    return done.whenComplete((ok, failed) -> ui.execute(() -> comparing.set(false)));
  }

  /** An edit against an open store that returns the session whose sets to reload. */
  private interface SetEdit {
    long apply(SessionStore store) throws Exception;
  }

  private CompletableFuture<Void> edit(SetEdit edit, String done) {
    int plotted = plottedStream.get(); // an edit keeps the stream the user is looking at
    return run(
        store -> {
          long sessionId = edit.apply(store);
          List<SetRow> loaded = loadSets(store, sessionId);
          SessionPlot drawn = loadPlot(store, sessionId, loaded, plotted);
          return () -> {
            selectedSession.set(sessionId);
            sets.setAll(loaded);
            plot.set(drawn);
            status.set(done);
          };
        });
  }

  private static int indexOf(List<Segment> segments, long id) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).id() == id) {
        return i;
      }
    }
    return -1;
  }

  private static List<SetRow> loadSets(SessionStore store, long sessionId)
      throws SessionStoreException {
    Session session =
        store
            .findSession(sessionId)
            .orElseThrow(() -> new IllegalArgumentException("there is no session " + sessionId));
    String athlete =
        session.athleteId().flatMap(id -> findAthlete(store, id)).map(Athlete::name).orElse("");
    List<SetRow> out = new ArrayList<>();
    for (Segment s : store.segments(sessionId)) {
      double start = (s.startHostNanos() - session.hostOriginNanos()) / 1e9;
      double duration =
          s.endHostNanos().isPresent()
              ? (s.endHostNanos().getAsLong() - s.startHostNanos()) / 1e9
              : 0;
      out.add(
          new SetRow(
              s.id(),
              s.exercise(),
              s.repCount(),
              start,
              duration,
              athlete,
              s.incorrectForm(),
              store.isEdited(s.id())));
    }
    return out;
  }

  private static Optional<Athlete> findAthlete(SessionStore store, long id) {
    try {
      return store.findAthlete(id);
    } catch (SessionStoreException e) {
      // A name is decoration: the sets still show without it.
      return Optional.empty();
    }
  }

  /** Work against an open store that returns what to publish on the UI thread. */
  private interface StoreWork {
    Runnable apply(SessionStore store) throws Exception;
  }

  private CompletableFuture<Void> run(StoreWork work) {
    CompletableFuture<Void> published = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          Runnable publish;
          try (SessionStore store = opener.open()) {
            publish = work.apply(store);
          } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            publish = () -> status.set("Session store " + storeName.get() + ": " + reason);
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
}
