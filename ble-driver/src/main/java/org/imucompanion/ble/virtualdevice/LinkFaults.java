package org.imucompanion.ble.virtualdevice;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Faults injected between one virtual device and the host, on command, so the app and tests can
 * show what stream health and reconnect supervision do with them: drop, duplicate, reorder,
 * corrupt, stall, disconnect, refuse a connection.
 *
 * <p>Faults belong to the device and outlive a connection (a refusal is consumed by the next
 * connection attempt). Each command applies to the next notifications sent, in this order: a stall
 * holds everything; then drops; then corruption; then reordering (per characteristic: the held
 * notification arrives right after the next one); then duplication. {@link #counts()} says what was
 * actually done, for tests to compare with what the host measured.
 */
public final class LinkFaults {

  /**
   * What the faults did so far.
   *
   * @param dropped notifications never delivered
   * @param duplicated notifications delivered twice
   * @param reordered notifications delivered after their successor
   * @param corrupted notifications whose bytes were damaged
   * @param stalled notifications held by a stall and delivered late in a burst
   * @param disconnects links dropped on command
   * @param refusals connection attempts refused
   */
  public record Counts(
      long dropped,
      long duplicated,
      long reordered,
      long corrupted,
      long stalled,
      long disconnects,
      long refusals) {}

  /** One notification on its way: its bytes and, for replays, the host time it must carry. */
  record Pending(UUID characteristic, byte[] value, long hostTimeNanos) {
    static final long STAMP_ON_DELIVERY = Long.MIN_VALUE;
  }

  private final VirtualDevice device;
  private int dropNext;
  private double dropProbability;
  private Random random = new Random(0);
  private int duplicateNext;
  private int reorderNext;
  private final ArrayDeque<Corruption> corruptions = new ArrayDeque<>();
  private long stallUntilNanos;
  private boolean stallActive;
  private final List<Pending> stalledQueue = new ArrayList<>();
  private final Map<UUID, Pending> heldForSwap = new HashMap<>();
  private int refuseConnections;
  private long dropped;
  private long duplicated;
  private long reordered;
  private long corrupted;
  private long stalled;
  private long disconnects;
  private long refusals;

  LinkFaults(VirtualDevice device) {
    this.device = device;
  }

  /**
   * Drops the next notifications.
   *
   * @param n how many
   */
  public synchronized void dropNext(int n) {
    dropNext += requireCount(n);
  }

  /**
   * Drops each notification with a probability, from a seeded generator so a run can be repeated.
   *
   * @param probability 0 (never, the default) to 1 (always)
   * @param seed the generator's seed
   */
  public synchronized void dropRandomly(double probability, long seed) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be 0..1: " + probability);
    }
    dropProbability = probability;
    random = new Random(seed);
  }

  /**
   * Delivers each of the next notifications twice.
   *
   * @param n how many
   */
  public synchronized void duplicateNext(int n) {
    duplicateNext += requireCount(n);
  }

  /**
   * Swaps each of the next notifications with the one that follows it on the same characteristic.
   *
   * @param n how many swaps
   */
  public synchronized void reorderNext(int n) {
    reorderNext += requireCount(n);
  }

  /**
   * Damages the next notifications' bytes.
   *
   * @param n how many
   * @param corruption what to do to each
   */
  public synchronized void corruptNext(int n, Corruption corruption) {
    Objects.requireNonNull(corruption, "corruption");
    for (int i = 0; i < requireCount(n); i++) {
      corruptions.addLast(corruption);
    }
  }

  /**
   * Stops delivery for a while, as a link with a fading radio does: what the device sends meanwhile
   * arrives in one burst when the stall ends (the link layer retried it).
   *
   * @param duration how long nothing arrives
   */
  public synchronized void stall(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    if (!stallActive || until > stallUntilNanos) {
      stallUntilNanos = until;
    }
    stallActive = true;
    device.link().ifPresent(l -> scheduleStallEnd(l.scheduler(), duration.toNanos()));
  }

  /** Drops the device's current link now, as if it went out of range; nothing if not connected. */
  public void disconnect() {
    device
        .link()
        .ifPresent(
            l -> {
              synchronized (this) {
                disconnects++;
              }
              l.disconnect();
            });
  }

  /**
   * Refuses the next connection attempts with {@code REFUSED}.
   *
   * @param n how many attempts
   */
  public synchronized void refuseNextConnections(int n) {
    refuseConnections += requireCount(n);
  }

  /** Cancels every pending fault (a running stall ends now and releases what it held). */
  public void clear() {
    synchronized (this) {
      dropNext = 0;
      dropProbability = 0;
      duplicateNext = 0;
      reorderNext = 0;
      corruptions.clear();
      refuseConnections = 0;
      stallUntilNanos = System.nanoTime();
    }
    device.link().ifPresent(l -> scheduleStallEnd(l.scheduler(), 0));
  }

  /**
   * Returns what the faults did so far.
   *
   * @return the counts
   */
  public synchronized Counts counts() {
    return new Counts(dropped, duplicated, reordered, corrupted, stalled, disconnects, refusals);
  }

  private static int requireCount(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("count < 0: " + n);
    }
    return n;
  }

  // ------------------------------------------------------------------ used by the connection

  /** Consumes one refusal, if any is pending. */
  synchronized boolean refuseConnection() {
    if (refuseConnections > 0) {
      refuseConnections--;
      refusals++;
      return true;
    }
    return false;
  }

  /**
   * Passes one notification through the faults.
   *
   * @return what reaches the host now, in order (empty if dropped or held); the caller delivers it
   *     outside this object's lock, so a listener never runs while faults are locked
   */
  synchronized List<Pending> pass(Pending p) {
    List<Pending> out = new ArrayList<>(2);
    if (stallActive) {
      if (System.nanoTime() < stallUntilNanos) {
        stalledQueue.add(p);
        stalled++;
        return out;
      }
      releaseStall(out);
    }
    if (dropNext > 0) {
      dropNext--;
      dropped++;
      return out;
    }
    if (dropProbability > 0 && random.nextDouble() < dropProbability) {
      dropped++;
      return out;
    }
    Pending current = p;
    Corruption c = corruptions.pollFirst();
    if (c != null) {
      current = new Pending(p.characteristic(), c.apply(p.value().clone()), p.hostTimeNanos());
      corrupted++;
    }
    Pending held = heldForSwap.remove(current.characteristic());
    if (held == null && reorderNext > 0) {
      reorderNext--;
      heldForSwap.put(current.characteristic(), current);
      return out;
    }
    emit(current, out);
    if (held != null) {
      reordered++;
      emit(held, out);
    }
    return out;
  }

  private void emit(Pending p, List<Pending> out) {
    out.add(p);
    if (duplicateNext > 0) {
      duplicateNext--;
      duplicated++;
      out.add(p);
    }
  }

  /** Called by the stall's timer: what a stall that has ended releases, in order. */
  synchronized List<Pending> endStallIfDue() {
    List<Pending> out = new ArrayList<>();
    if (stallActive && System.nanoTime() >= stallUntilNanos) {
      releaseStall(out);
    }
    return out;
  }

  private void releaseStall(List<Pending> out) {
    stallActive = false;
    out.addAll(stalledQueue);
    stalledQueue.clear();
  }

  /** Forgets notifications held for a link that went down: they never arrive. */
  synchronized void linkDown() {
    dropped += stalledQueue.size() + heldForSwap.size();
    stalledQueue.clear();
    heldForSwap.clear();
  }

  private void scheduleStallEnd(ScheduledExecutorService scheduler, long delayNanos) {
    device
        .link()
        .ifPresent(
            l -> {
              if (l instanceof VirtualConnection.Link link) {
                scheduler.schedule(link::endStall, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
              }
            });
  }
}
