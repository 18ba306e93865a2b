package org.imucompanion.app.workspace;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Holds a device's samples from its first one until a recording is ready for them, then hands
 * them over in order and forwards every later one: a recording made right after connecting (the
 * {@code record} command opens its session once the device streams, so that a device that never
 * streams leaves none) loses nothing of the stream's start. Bounded: past {@link #capacity()}
 * the oldest samples are dropped and counted.
 *
 * <p>Called on the delivery thread; {@link #attach} and {@link #detach} from any thread.
 */
public final class PreRoll implements SampleSink {
  private final int capacity;
  private final ArrayDeque<Object[]> held = new ArrayDeque<>();
  private SampleSink target;
  private long dropped;

  /**
   * Creates an empty pre-roll.
   *
   * @param capacity how many samples to hold at most before a recording attaches
   */
  public PreRoll(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Returns how many samples it holds at most.
   *
   * @return the capacity
   */
  public int capacity() {
    return capacity;
  }

  /**
   * Returns how many samples were dropped because nobody attached in time.
   *
   * @return the oldest samples dropped
   */
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public synchronized void onSample(int stream, long hostNanos, long deviceMicros, double[] values) {
    if (target != null) {
      target.onSample(stream, hostNanos, deviceMicros, values);
      return;
    }
    if (held.size() == capacity) {
      held.removeFirst();
      dropped++;
    }
    held.addLast(new Object[] {stream, hostNanos, deviceMicros, values.clone()});
  }

  @Override
  public synchronized void onOutage(long lostAtNanos, long resumedAtNanos, String cause) {
    if (target != null) {
      target.onOutage(lostAtNanos, resumedAtNanos, cause);
      return;
    }
    held.addLast(new Object[] {lostAtNanos, resumedAtNanos, cause});
  }

  /**
   * Hands what was held to a sink, in order, and forwards everything after it.
   *
   * @param sink the recording
   */
  public synchronized void attach(SampleSink sink) {
    Objects.requireNonNull(sink, "sink");
    for (Object[] e : held) {
      if (e.length == 4) {
        sink.onSample((Integer) e[0], (Long) e[1], (Long) e[2], (double[]) e[3]);
      } else {
        sink.onOutage((Long) e[0], (Long) e[1], (String) e[2]);
      }
    }
    held.clear();
    target = sink;
  }

  /** Stops forwarding; what comes later is dropped (the recording ended). */
  public synchronized void detach() {
    target = SampleSink.NONE;
  }
}
