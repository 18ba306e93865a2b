package org.imucompanion.ble.bluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.NotificationListener;

/** Collects notifications and lets a test wait for them. */
final class Recorder implements NotificationListener {

  private final List<Notification> received = new ArrayList<>();
  private final List<String> threads = new ArrayList<>();

  @Override
  public synchronized void onNotification(Notification n) {
    received.add(n);
    threads.add(Thread.currentThread().getName());
    notifyAll();
  }

  synchronized List<Notification> received() {
    return List.copyOf(received);
  }

  synchronized List<String> threads() {
    return List.copyOf(threads);
  }

  synchronized List<Notification> awaitCount(int n, Duration timeout) throws InterruptedException {
    return await(l -> l.size() >= n, timeout);
  }

  synchronized List<Notification> await(Predicate<List<Notification>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(received)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return List.copyOf(received);
  }
}
