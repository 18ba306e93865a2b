package org.imucompanion.ble.virtualdevice;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline: these tests assert outcomes, not speed. */
final class Await {

  private Await() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    until(what, Duration.ofSeconds(10), condition);
  }

  static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }
}
