package org.imucompanion.app.ui.inspector;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
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
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.health.StreamHealthSnapshot;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.stream.SequenceTracker;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;

/**
 * State of the Inspector. {@link #refresh(long)} runs once per frame on the UI thread: it takes
 * the notifications that arrived since the last frame, decodes them (a few dozen at most) and
 * appends rows, keeping the newest {@link #MAX_ROWS}. Paused, it takes nothing; what arrives
 * meanwhile stays in the device's log up to its capacity, and the count of overwritten ones is
 * shown so nothing is hidden.
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
  private long seen = -1;
  private long originNanos = Long.MIN_VALUE;

  /** Creates the view model with no device. */
  public InspectorViewModel() {
    device.addListener(
        (obs, old, now) -> {
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
      } else {
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
   * Decodes one notification into a table row.
   *
   * @param n the notification
   * @param originNanos host time shown as 0
   * @param config the device's configuration (layout of the samples)
   * @return the row, malformed ones with reason and offset
   */
  static PacketRow decode(Notification n, long originNanos, WristbandConfig config) {
    byte[] value = n.value();
    String time = String.format(Locale.ROOT, "%.1f", (n.hostTimeNanos() - originNanos) / 1e6);
    String hex = HexFormat.ofDelimiter(" ").formatHex(value);
    try {
      WristbandDataPacket p = WristbandCodec.decode(value, config);
      StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "t %d µs", p.deviceTimeMicros()));
      for (WristbandSample s : p.samples()) {
        text.append("  a ").append(vector(s.accelG())).append(" g  ω ").append(vector(s.gyroRadPerS()));
      }
      return new PacketRow(
          time,
          n.deviceAddress(),
          shortUuid(n),
          Integer.toString(p.sequence()),
          value.length,
          hex,
          ascii(value),
          text.toString(),
          false,
          "");
    } catch (ProtocolException e) {
      return new PacketRow(
          time,
          n.deviceAddress(),
          shortUuid(n),
          "",
          value.length,
          hex,
          ascii(value),
          "MALFORMED " + e.getMessage(),
          true,
          "");
    }
  }

  private static String note(SequenceTracker tracker, int sequence) {
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

  private static String vector(Vector3 v) {
    return String.format(Locale.ROOT, "(%+.2f %+.2f %+.2f)", v.x(), v.y(), v.z());
  }
}
