package org.imucompanion.app.ui.sessions;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.imucompanion.models.store.Athlete;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionCsv;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.SessionStoreException;

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
