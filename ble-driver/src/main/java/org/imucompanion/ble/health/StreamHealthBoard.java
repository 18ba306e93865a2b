package org.imucompanion.ble.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every stream's health in one place, for the firmware developer's view: profiles register the
 * streams they decode, the view asks for all snapshots at once, as often as it repaints.
 *
 * <p>A stream keeps its tracker across reconnects (so cumulative figures span the whole session)
 * until it is {@link #remove removed}. Thread-safe.
 */
public final class StreamHealthBoard {

  private final Map<StreamKey, StreamHealth> streams = new ConcurrentHashMap<>();

  /**
   * Returns the tracker of a stream, making it on first use.
   *
   * @param key the device and characteristic
   * @param nominal what the device should send (used only when the tracker is made)
   * @param sequenced whether its packets carry sequence numbers (idem)
   * @return the stream's tracker
   */
  public StreamHealth track(StreamKey key, NominalRate nominal, boolean sequenced) {
    return streams.computeIfAbsent(
        key,
        k ->
            sequenced
                ? StreamHealth.withSequenceNumbers(k, nominal)
                : StreamHealth.withoutSequenceNumbers(k, nominal));
  }

  /**
   * Returns the tracker of a stream, if one is registered.
   *
   * @param key the device and characteristic
   * @return the tracker, or empty
   */
  public Optional<StreamHealth> get(StreamKey key) {
    return Optional.ofNullable(streams.get(key));
  }

  /**
   * Forgets a stream (its device was removed from the session).
   *
   * @param key the device and characteristic
   * @return the tracker it had, or empty
   */
  public Optional<StreamHealth> remove(StreamKey key) {
    return Optional.ofNullable(streams.remove(key));
  }

  /**
   * Describes every stream now, ordered by device address then characteristic.
   *
   * @param nowNanos the host's {@link System#nanoTime()}
   * @return one snapshot per stream
   */
  public List<StreamHealthSnapshot> snapshots(long nowNanos) {
    List<StreamHealthSnapshot> out = new ArrayList<>();
    for (StreamHealth h : streams.values()) {
      out.add(h.snapshot(nowNanos));
    }
    out.sort(
        Comparator.comparing((StreamHealthSnapshot s) -> s.stream().deviceAddress())
            .thenComparing(s -> s.stream().characteristic()));
    return out;
  }
}
