package org.imucompanion.ble.supervise;

import org.imucompanion.ble.BleException;

/** Receives a supervised device's state changes and gaps, on the caller's executor. */
public interface SupervisorListener {

  /** A listener that ignores everything. */
  SupervisorListener IGNORE = new SupervisorListener() {};

  /**
   * The supervisor moved to a new state.
   *
   * @param state the new state
   */
  default void onStateChanged(SupervisedState state) {}

  /**
   * The stream is running again after an outage.
   *
   * @param gap when it stopped and resumed
   */
  default void onGap(StreamGap gap) {}

  /**
   * An attempt failed (connect refused, timeout, profile start-up failed); another may follow.
   *
   * @param failure why
   */
  default void onAttemptFailed(BleException failure) {}

  /**
   * Another attempt is scheduled.
   *
   * @param attempt its number since the link was lost (or since the first connect), from 2
   * @param wait how long until it starts (backoff with jitter)
   */
  default void onRetryScheduled(int attempt, java.time.Duration wait) {}
}
