package org.imucompanion.app.buffer;

import java.util.ArrayList;
import java.util.List;
import org.imucompanion.ble.Notification;

/**
 * The most recent raw notifications of a stream, for the packet Inspector. The delivery thread
 * appends; the UI takes what is new since its last look, once per frame. When full the oldest
 * are overwritten, and the reader learns how many it missed.
 */
public final class NotificationLog {
  private final Notification[] ring;
  private long written;

  /**
   * Creates an empty log.
   *
   * @param capacity notifications kept
   */
  public NotificationLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    ring = new Notification[capacity];
  }

  /**
   * Appends a notification (any thread).
   *
   * @param n the notification
   */
  public synchronized void append(Notification n) {
    ring[(int) (written % ring.length)] = n;
    written++;
  }

  /**
   * Counts every notification ever appended.
   *
   * @return the count
   */
  public synchronized long written() {
    return written;
  }

  /**
   * Copies the notifications appended after the first {@code seen} ones.
   *
   * @param seen how many the caller has already taken ({@link #written()} at its last look)
   * @return the new ones, oldest first; fewer than {@code written() - seen} if some were
   *     overwritten before the caller looked
   */
  public synchronized List<Notification> since(long seen) {
    long from = Math.max(seen, written - ring.length);
    List<Notification> out = new ArrayList<>((int) Math.max(0, written - from));
    for (long i = from; i < written; i++) {
      out.add(ring[(int) (i % ring.length)]);
    }
    return out;
  }
}
