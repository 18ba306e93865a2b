package org.imucompanion.ble.virtualbluez;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for asynchronous outcomes in integration tests, failing with what was last seen. */
public final class Await {

  private Await() {}

  /**
   * Polls a condition until it holds.
   *
   * @param condition what must become true
   * @param timeout how long to wait
   * @param whatWasSeen described in the failure message
   * @throws AssertionError if the condition does not hold in time
   */
  public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatWasSeen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + "; seen: " + whatWasSeen.get());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
