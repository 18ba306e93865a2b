package org.imucompanion.app.ui.inspector;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.PacketDescriber;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.health.StreamHealthSnapshot;
import org.imucompanion.protocol.stream.SequenceTracker;
import org.imucompanion.protocol.wristband.WristbandConfig;

/**
 * State of the Inspector. {@link #refresh(long)} runs once per frame on the UI thread: it takes
 * the notifications that arrived since the last frame, decodes them (a few dozen at most) and
 * appends rows, keeping the newest {@link #MAX_ROWS}. Paused, it takes nothing; what arrives
 * meanwhile stays in the device's log up to its capacity, and the count of overwritten ones is
 * shown so nothing is hidden.
 *
 * <p>A capture file can be opened into the table instead of the device's stream (read and decoded
 * on the background executor), the device's received packets saved to a capture, and a capture
 * replayed into the dashboard as a device through a handler the main window provides.
 */
public final class InspectorViewModel {
  /** Rows kept in the table. */
  public static final int MAX_ROWS = 500;

  private final ObjectProperty<LiveDevice> device = new SimpleObjectProperty<>();
  private final BooleanProperty paused = new SimpleBooleanProperty();
  private final BooleanProperty malformedOnly = new SimpleBooleanProperty();
  private final ObservableList<PacketRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyLongWrapper malformed = new ReadOnlyLongWrapper();
  private final ReadOnlyLongWrapper missed = new ReadOnlyLongWrapper();
  private final ReadOnlyStringWrapper health = new ReadOnlyStringWrapper("No device.");
  private final StringProperty characteristicFilter = new SimpleStringProperty("");
  private final ReadOnlyLongWrapper irregular = new ReadOnlyLongWrapper();
  private final Map<UUID, SequenceTracker> trackers = new HashMap<>();
  private final HealthTrend trend = new HealthTrend();
  private final ReadOnlyObjectWrapper<OpenedCapture> opened = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final Executor background;
  private final Executor ui;
  private Function<Path, CompletableFuture<String>> replay =
      file -> CompletableFuture.completedFuture("Replay needs the dashboard's workspace.");
  private long seen = -1;
  private long originNanos = Long.MIN_VALUE;

  /**
   * Creates the view model with no device; file work runs on a daemon thread of its own and
   * results come back through {@link Platform#runLater}.
   */
  public InspectorViewModel() {
    this(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "inspector-files");
              t.setDaemon(true);
              return t;
            }),
        Platform::runLater);
  }

  /**
   * Creates the view model with no device.
   *
   * @param background runs file reading and writing
   * @param ui runs updates of the view's state (the FX thread in the app)
   */
  public InspectorViewModel(Executor background, Executor ui) {
    this.background = background;
    this.ui = ui;
    device.addListener(
        (obs, old, now) -> {
          opened.set(null);
          rows.clear();
          seen = -1;
          originNanos = Long.MIN_VALUE;
          trackers.clear();
          trend.clear();
          irregular.set(0);
          malformed.set(0);
          missed.set(0);
        });
  }

  /**
   * The device inspected.
   *
   * @return the property
   */
  public ObjectProperty<LiveDevice> deviceProperty() {
    return device;
  }

  /**
   * Whether the table is frozen.
   *
   * @return the property
   */
  public BooleanProperty pausedProperty() {
    return paused;
  }

  /**
   * Whether only malformed packets get rows.
   *
   * @return the property
   */
  public BooleanProperty malformedOnlyProperty() {
    return malformedOnly;
  }

  /**
   * The table's rows, oldest first.
   *
   * @return the rows
   */
  public ObservableList<PacketRow> rows() {
    return rows;
  }

  /**
   * Malformed packets seen.
   *
   * @return the property
   */
  public ReadOnlyLongProperty malformedProperty() {
    return malformed.getReadOnlyProperty();
  }

  /**
   * Packets overwritten in the device's log before the Inspector looked (while paused).
   *
   * @return the property
   */
  public ReadOnlyLongProperty missedProperty() {
    return missed.getReadOnlyProperty();
  }

  /**
   * The stream's health in one line.
   *
   * @return the property
   */
  public ReadOnlyStringProperty healthProperty() {
    return health.getReadOnlyProperty();
  }

  /**
   * Rate vs nominal, loss and jitter over time, for the charts.
   *
   * @return the trend (FX thread only)
   */
  public HealthTrend healthTrend() {
    return trend;
  }

  /**
   * Shows only packets whose characteristic UUID contains this text (case-insensitive); empty
   * shows all. Like "malformed only", it applies to packets arriving from now on.
   *
   * @return the property
   */
  public StringProperty characteristicFilterProperty() {
    return characteristicFilter;
  }

  /**
   * How many packets so far came after a sequence gap, or were duplicates, late or a resync.
   *
   * @return the property
   */
  public ReadOnlyLongProperty irregularProperty() {
    return irregular.getReadOnlyProperty();
  }

  /**
   * Takes and decodes what arrived since the last call.
   *
   * @param nowNanos the current {@link System#nanoTime()}
   */
  public void refresh(long nowNanos) {
    if (opened.get() != null) {
      return; // an opened capture holds the table until the user goes back to the device
    }
    LiveDevice d = device.get();
    if (d == null) {
      health.set("No device.");
      return;
    }
    Optional<StreamHealthSnapshot> snapshot = d.health().map(h -> h.snapshot(nowNanos));
    health.set(snapshot.map(HealthSummary::oneLine).orElse("No stream yet."));
    // The trend keeps running while the table is paused: pausing is for reading packets, and
    // the charts should still show what the link did meanwhile.
    snapshot.ifPresent(trend::offer);
    if (paused.get()) {
      return;
    }
    long written = d.notifications().written();
    if (seen < 0) {
      seen = Math.max(0, written - MAX_ROWS);
    }
    List<Notification> fresh = d.notifications().since(seen);
    if (originNanos == Long.MIN_VALUE && !fresh.isEmpty()) {
      originNanos = fresh.get(0).hostTimeNanos(); // times are shown from the first packet seen
    }
    missed.set(missed.get() + (written - seen - fresh.size()));
    seen = written;
    String wanted = characteristicFilter.get() == null ? "" : characteristicFilter.get().strip().toLowerCase(Locale.ROOT);
    for (Notification n : fresh) {
      PacketRow row = decode(n, originNanos, WristbandConfig.DEFAULT);
      if (row.malformed()) {
        malformed.set(malformed.get() + 1);
      } else if (!row.sequence().isEmpty()) {
        // Sequences are followed per characteristic, even for rows filtered out, so a gap is
        // reported where it happened rather than where the filter lets the next row through.
        SequenceTracker tracker =
            trackers.computeIfAbsent(n.characteristic(), c -> new SequenceTracker());
        String note = note(tracker, Integer.parseInt(row.sequence()));
        if (!note.isEmpty()) {
          irregular.set(irregular.get() + 1);
          row = row.withSequenceNote(note);
        }
      }
      boolean shown =
          (!malformedOnly.get() || row.malformed())
              && (wanted.isEmpty() || n.characteristic().toString().contains(wanted));
      if (shown) {
        rows.add(row);
      }
    }
    if (rows.size() > MAX_ROWS) {
      rows.remove(0, rows.size() - MAX_ROWS);
    }
  }

  /**
   * The capture shown in the table instead of the device's stream, or null when showing the device.
   *
   * @return the property
   */
  public ReadOnlyObjectProperty<OpenedCapture> openedCaptureProperty() {
    return opened.getReadOnlyProperty();
  }

  /**
   * What the last open, save or replay did, or why it failed.
   *
   * @return the property
   */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * Sets how a capture is replayed into the dashboard (the main window adds it as a device).
   *
   * @param handler given the capture file, completes with a message for the user, or fails with
   *     what went wrong
   */
  public void onReplay(Function<Path, CompletableFuture<String>> handler) {
    this.replay = java.util.Objects.requireNonNull(handler, "handler");
  }

  /**
   * Reads and decodes a capture on the background executor and shows it in the table. A file that
   * is not a capture leaves the table as it was and says what was wrong in {@link
   * #statusProperty()}.
   *
   * @param file the btsnoop file
   * @return completes (on the UI executor) with the capture, or fails with the reading error
   */
  public CompletableFuture<OpenedCapture> openCapture(Path file) {
    status.set("Opening " + file.getFileName() + "…");
    CompletableFuture<OpenedCapture> reading = new CompletableFuture<>();
    background.execute(
        () -> {
          try {
            reading.complete(OpenedCapture.read(file));
          } catch (Exception | Error e) {
            reading.completeExceptionally(e);
          }
        });
    CompletableFuture<OpenedCapture> shown = new CompletableFuture<>();
    reading.whenCompleteAsync(
        (capture, failure) -> {
          if (failure != null) {
            status.set("Cannot open " + file + ": " + messageOf(failure));
            shown.completeExceptionally(failure);
            return;
          }
          opened.set(capture);
          rows.setAll(capture.rows());
          malformed.set(capture.malformed());
          irregular.set(capture.irregular());
          missed.set(0);
          health.set(capture.health());
          status.set(
              String.format(
                  Locale.ROOT,
                  "Opened %s: %d notifications%s%s.",
                  file.getFileName(),
                  capture.rows().size(),
                  capture.skipped() > 0 ? ", " + capture.skipped() + " records skipped" : "",
                  capture.damage().isEmpty()
                      ? ""
                      : "; damaged, passed over: " + capture.damage().get(0).describe()));
          shown.complete(capture);
        },
        ui);
    return shown;
  }

  /** Leaves an opened capture and shows the device's stream again (from its newest packets). */
  public void showDevice() {
    opened.set(null);
    rows.clear();
    seen = -1;
    originNanos = Long.MIN_VALUE;
    trackers.clear();
    irregular.set(0);
    malformed.set(0);
    missed.set(0);
    status.set("");
  }

  /**
   * Saves what the Inspector received from the device (the notifications its log still holds, the last 4,096, unfiltered) to a btsnoop capture and sidecar, written on the background executor.
   *
   * @param file the btsnoop file to write
   * @return completes (on the UI executor) with what was written, or fails
   */
  public CompletableFuture<SavedCapture> saveCapture(Path file) {
    LiveDevice d = device.get();
    if (d == null) {
      status.set("Select a device first: a capture holds one device's packets.");
      return CompletableFuture.failedFuture(new IllegalStateException("no device"));
    }
    List<Notification> received = d.notifications().since(0);
    status.set("Saving " + received.size() + " notifications…");
    CompletableFuture<SavedCapture> writing = new CompletableFuture<>();
    background.execute(
        () -> {
          try {
            writing.complete(SavedCapture.write(file, d, received));
          } catch (Exception | Error e) {
            writing.completeExceptionally(e);
          }
        });
    CompletableFuture<SavedCapture> done = new CompletableFuture<>();
    writing.whenCompleteAsync(
        (saved, failure) -> {
          if (failure != null) {
            status.set("Cannot save " + file + ": " + messageOf(failure));
            done.completeExceptionally(failure);
          } else {
            status.set("Saved " + saved.notifications() + " notifications to " + file + ".");
            done.complete(saved);
          }
        },
        ui);
    return done;
  }

  /**
   * Replays a capture into the dashboard as a device, through the handler set by {@link
   * #onReplay}.
   *
   * @param file the btsnoop file
   * @return completes (on the UI executor) with the message shown
   */
  public CompletableFuture<String> replayCapture(Path file) {
    status.set("Replaying " + file.getFileName() + "…");
    CompletableFuture<String> done = new CompletableFuture<>();
    replay
        .apply(file)
        .whenCompleteAsync(
            (message, failure) -> {
              String text =
                  failure != null ? "Cannot replay " + file + ": " + messageOf(failure) : message;
              status.set(text);
              done.complete(text);
            },
            ui);
    return done;
  }

  private static String messageOf(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }

  /**
   * Decodes one notification into a table row, by its characteristic: our wristband's data
   * (with its sequence number), the Myo's IMU and EMG, the legacy band's data; bytes of any other
   * characteristic are shown raw, not called malformed.
   *
   * @param n the notification
   * @param originNanos host time shown as 0
   * @param config the wristband's configuration (layout of its samples)
   * @return the row, malformed ones with reason and offset
   */
  static PacketRow decode(Notification n, long originNanos, WristbandConfig config) {
    byte[] value = n.value();
    String time = String.format(Locale.ROOT, "%.1f", (n.hostTimeNanos() - originNanos) / 1e6);
    String hex = HexFormat.ofDelimiter(" ").formatHex(value);
    PacketDescriber.Description d = PacketDescriber.describe(n, Optional.of(config));
    return new PacketRow(
        time,
        n.deviceAddress(),
        shortUuid(n),
        d.sequence().isPresent() ? Integer.toString(d.sequence().getAsInt()) : "",
        value.length,
        hex,
        ascii(value),
        d.decoded(),
        d.malformed(),
        "");
  }

  static String note(SequenceTracker tracker, int sequence) {
    return switch (tracker.accept(sequence)) {
      case FIRST, IN_ORDER -> "";
      case GAP -> "gap: " + tracker.lastGap() + " lost";
      case DUPLICATE -> "duplicate";
      case LATE -> "late";
      case RESYNC -> "resync";
    };
  }

  private static String shortUuid(Notification n) {
    return n.characteristic().toString().substring(0, 8);
  }

  /** Firmware strings (names, versions) stand out in the ASCII column; other bytes are dots. */
  static String ascii(byte[] value) {
    StringBuilder out = new StringBuilder(value.length);
    for (byte b : value) {
      out.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return out.toString();
  }


}
