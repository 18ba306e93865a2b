package org.imucompanion.app.ui.inspector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.PacketDescriber;
import org.imucompanion.app.workspace.ReplayFeed;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.CaptureDamage;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureFormatException;
import org.imucompanion.ble.capture.CaptureReader;
import org.imucompanion.ble.capture.CapturedNotification;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.stream.SequenceTracker;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * A btsnoop capture read into Inspector rows: every notification decoded as the live table would
 * (sequence gaps, duplicates and malformed packets flagged), with each stream's health over the
 * whole capture: a wristband's data stream, and each Myo IMU and EMG characteristic and legacy
 * data characteristic. Reading blocks on the file: do it off the FX thread.
 *
 * @param file the capture
 * @param rows one row per notification, in capture order, times in ms since the first
 * @param malformed packets that did not decode
 * @param irregular packets after a sequence gap, or duplicates, late or resyncs
 * @param skipped records the reader could not turn into notifications (cut short, unknown handle)
 * @param damage damaged stretches of the file the reader passed over (record number, byte offset,
 *     why), the first {@value CaptureReader#MAX_DAMAGE_KEPT}; the rows are what came after them too
 * @param health one line per device: name, kind and its stream health over the capture
 */
public record OpenedCapture(
    Path file,
    List<PacketRow> rows,
    long malformed,
    long irregular,
    long skipped,
    List<CaptureDamage> damage,
    String health) {

  /** Rows kept from one capture: a table this long still scrolls; more is a job for tshark. */
  public static final int MAX_ROWS = 200_000;

  /**
   * Freezes the rows.
   *
   * @param file see {@link #file()}
   * @param rows see {@link #rows()}
   * @param malformed see {@link #malformed()}
   * @param irregular see {@link #irregular()}
   * @param skipped see {@link #skipped()}
   * @param damage see {@link #damage()}
   * @param health see {@link #health()}
   */
  public OpenedCapture {
    Objects.requireNonNull(file, "file");
    rows = List.copyOf(rows);
    damage = List.copyOf(damage);
    Objects.requireNonNull(health, "health");
  }

  /**
   * Reads and decodes a capture.
   *
   * @param file the btsnoop file, its sidecar beside it
   * @return the rows and health
   * @throws CaptureFormatException if the file or its sidecar is not a capture; the message says
   *     what was wrong (damaged records inside a capture are passed over and listed in {@link
   *     #damage()})
   * @throws IOException if reading fails
   */
  public static OpenedCapture read(Path file) throws IOException {
    List<PacketRow> rows = new ArrayList<>();
    long malformed = 0;
    long irregular = 0;
    Map<String, CaptureDevice> devices = new LinkedHashMap<>();
    Map<String, WristbandConfig> configs = new HashMap<>();
    Map<String, StreamHealth> healths = new LinkedHashMap<>();
    Map<String, SequenceTracker> trackers = new HashMap<>();
    Map<String, Map<UUID, StreamHealth>> others = new LinkedHashMap<>();
    long count = 0;
    long firstMicros = Long.MIN_VALUE;
    long lastNanos = 0;
    long skipped;
    List<CaptureDamage> damage;
    long damagedStretches;
    try (CaptureReader reader = CaptureReader.open(file)) {
      for (CaptureDevice d : reader.devices()) {
        devices.put(d.address(), d);
        configs.put(d.address(), configOf(d));
      }
      while (true) {
        Optional<CapturedNotification> next = reader.next();
        if (next.isEmpty()) {
          break;
        }
        CapturedNotification c = next.get();
        count++;
        if (firstMicros == Long.MIN_VALUE) {
          firstMicros = c.epochMicros();
        }
        long t = (c.epochMicros() - firstMicros) * 1_000L;
        lastNanos = t;
        Notification n = new Notification(t, c.deviceAddress(), c.characteristic(), c.handle(), c.value());
        PacketRow row;
        if (c.characteristic().equals(WristbandUuids.DATA)) {
          WristbandConfig config = configs.getOrDefault(c.deviceAddress(), WristbandConfig.DEFAULT);
          row = InspectorViewModel.decode(n, 0, config);
          StreamHealth health =
              healths.computeIfAbsent(
                  c.deviceAddress(),
                  a ->
                      StreamHealth.withSequenceNumbers(
                          new StreamKey(a, WristbandUuids.DATA),
                          NominalRate.ofSamples(
                              config.outputDataRateHz(), Math.max(1, config.batchSize()))));
          try {
            WristbandDataPacket p = WristbandCodec.decode(c.value(), config);
            health.recordPacket(t, c.length(), p.sequence(), p.samples().size());
            SequenceTracker tracker =
                trackers.computeIfAbsent(c.deviceAddress(), a -> new SequenceTracker());
            String note = InspectorViewModel.note(tracker, p.sequence());
            if (!note.isEmpty()) {
              irregular++;
              row = row.withSequenceNote(note);
            }
          } catch (ProtocolException e) {
            health.recordMalformed(t, c.length(), e.reason());
            malformed++;
          }
        } else {
          // The Myo's and the legacy band's values decode without sequence numbers.
          row = InspectorViewModel.decode(n, 0, WristbandConfig.DEFAULT);
          if (row.malformed()) {
            malformed++;
          }
          Optional<NominalRate> nominal = ReplayFeed.nominalRate(devices.get(c.deviceAddress()), c.characteristic());
          if (nominal.isPresent()) {
            StreamHealth h =
                others
                    .computeIfAbsent(c.deviceAddress(), a -> new LinkedHashMap<>())
                    .computeIfAbsent(
                        c.characteristic(),
                        u ->
                            StreamHealth.withoutSequenceNumbers(
                                new StreamKey(c.deviceAddress(), u), nominal.get()));
            try {
              PacketDescriber.decodeOther(c.characteristic(), c.value());
              int perPacket =
                  (int)
                      Math.round(
                          nominal.get().samplesPerSecond() / nominal.get().packetsPerSecond());
              h.recordPacket(t, c.length(), perPacket);
            } catch (ProtocolException e) {
              h.recordMalformed(t, c.length(), e.reason());
            }
          }
        }
        if (rows.size() < MAX_ROWS) {
          rows.add(row);
        }
      }
      skipped = reader.skippedRecords();
      damage = reader.damage();
      damagedStretches = reader.damagedStretches();
    }
    StringBuilder health = new StringBuilder();
    for (CaptureDevice d : devices.values()) {
      if (health.length() > 0) {
        health.append('\n');
      }
      health.append(d.address()).append(" (").append(d.name().orElse("unnamed")).append(", ").append(d.kind()).append("): ");
      StreamHealth h = healths.get(d.address());
      Map<UUID, StreamHealth> streams = others.getOrDefault(d.address(), Map.of());
      if (h != null) {
        health.append(HealthSummary.cumulative(h.snapshot(lastNanos)));
      } else if (streams.isEmpty()) {
        health.append("no decoded stream");
      }
      for (Map.Entry<UUID, StreamHealth> e : streams.entrySet()) {
        health
            .append("\n  ")
            .append(e.getKey())
            .append(": ")
            .append(HealthSummary.cumulative(e.getValue().snapshot(lastNanos)));
      }
    }
    if (devices.isEmpty()) {
      health.append("no devices in the sidecar");
    }
    if (count > MAX_ROWS) {
      health.append("\nfirst ").append(MAX_ROWS).append(" of ").append(count).append(" notifications shown");
    }
    if (damagedStretches > 0) {
      health
          .append('\n')
          .append(damagedStretches)
          .append(damagedStretches == 1 ? " damaged stretch" : " damaged stretches")
          .append(" passed over; first: ")
          .append(damage.get(0).describe());
    }
    return new OpenedCapture(file, rows, malformed, irregular, skipped, damage, health.toString());
  }

  private static WristbandConfig configOf(CaptureDevice d) throws CaptureFormatException {
    byte[] value = d.readValues().get(WristbandUuids.CONFIG);
    if (value == null) {
      return WristbandConfig.DEFAULT; // captured without its config: the firmware's default
    }
    try {
      return WristbandConfig.decode(value);
    } catch (ProtocolException e) {
      throw new CaptureFormatException(
          d.address() + ": the configuration read while capturing does not decode: " + e.getMessage(), e);
    }
  }
}
