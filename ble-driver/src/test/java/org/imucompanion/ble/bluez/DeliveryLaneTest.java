package org.imucompanion.ble.bluez;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.Notification;
import org.junit.jupiter.api.Test;

class DeliveryLaneTest {

  private static final UUID C = UUID.fromString("0000aaaa-0000-1000-8000-00805f9b34fb");

  private static Notification n(int i) {
    return new Notification(i, "AA:BB:CC:DD:EE:FF", C, 1, new byte[] {(byte) i});
  }

  @Test
  void whenFullTheOldestAreDroppedAndCountedAndEventsAreNeverDropped() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> got = new ArrayList<>();
    List<String> events = new ArrayList<>();
    try (DeliveryLane lane =
        new DeliveryLane(
            "t",
            4,
            Runnable::run,
            note -> {
              if (note.hostTimeNanos() == 0) {
                blocked.countDown();
                try {
                  release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              synchronized (got) {
                got.add((int) note.hostTimeNanos());
              }
            })) {
      lane.offer(n(0));
      assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i <= 10; i++) {
        lane.offer(n(i));
      }
      lane.post(() -> events.add("state"));
      assertThat(lane.dropped()).isEqualTo(6);
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        synchronized (got) {
          if (got.size() == 5) {
            break;
          }
        }
        Thread.sleep(1);
      }
      synchronized (got) {
        assertThat(got).containsExactly(0, 7, 8, 9, 10);
      }
      assertThat(events).containsExactly("state");
    }
  }

  @Test
  void aThrowingListenerDoesNotStopDelivery() throws Exception {
    List<Integer> got = new ArrayList<>();
    try (DeliveryLane lane =
        new DeliveryLane(
            "t",
            16,
            Runnable::run,
            note -> {
              if (note.hostTimeNanos() == 1) {
                throw new IllegalStateException("listener bug");
              }
              synchronized (got) {
                got.add((int) note.hostTimeNanos());
              }
            })) {
      for (int i = 0; i < 3; i++) {
        lane.offer(n(i));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (System.nanoTime() < deadline) {
        synchronized (got) {
          if (got.size() == 2) {
            break;
          }
        }
        Thread.sleep(1);
      }
      synchronized (got) {
        assertThat(got).containsExactly(0, 2);
      }
    }
  }
}
