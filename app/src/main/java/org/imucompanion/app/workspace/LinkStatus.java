package org.imucompanion.app.workspace;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.imucompanion.ble.supervise.SupervisedState;

/**
 * Where a device's supervised link is, for the Devices view, the Live panel and {@code connect}:
 * connecting, streaming, reconnecting (attempt n, next try in s), or given up and why.
 *
 * @param state the supervisor's state
 * @param attempt the attempt under way or next, counted since the link was lost (1 = first)
 * @param nextAttemptAtNanos when the next attempt starts ({@link System#nanoTime()} scale), 0 when
 *     none is scheduled
 * @param outages how many times the link was lost and came back
 * @param lostTime how long the stream was down in all, outages that ended
 * @param lastFailure what the last failed attempt said, if any
 */
public record LinkStatus(
    SupervisedState state,
    int attempt,
    long nextAttemptAtNanos,
    int outages,
    Duration lostTime,
    Optional<String> lastFailure) {

  /** The status before the first attempt. */
  public static final LinkStatus STARTING =
      new LinkStatus(SupervisedState.CONNECTING, 1, 0, 0, Duration.ZERO, Optional.empty());

  /** Validates. */
  public LinkStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lostTime, "lostTime");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }

  /**
   * Says it in a few words: {@code streaming}, {@code reconnecting (attempt 3, next in 1.2 s)}.
   *
   * @param nowNanos the time to count the wait from
   * @return the text
   */
  public String describe(long nowNanos) {
    return switch (state) {
      case CONNECTING, RECONNECTING -> {
        String what = state == SupervisedState.CONNECTING ? "connecting" : "reconnecting";
        if (nextAttemptAtNanos > nowNanos) {
          yield String.format(
              java.util.Locale.ROOT,
              "%s (attempt %d, next in %.1f s)",
              what,
              attempt,
              (nextAttemptAtNanos - nowNanos) / 1e9);
        }
        yield attempt > 1 ? what + " (attempt " + attempt + ")" : what;
      }
      case STREAMING -> "streaming";
      case GAVE_UP -> "gave up" + lastFailure.map(f -> ": " + f).orElse("");
      case STOPPED -> "stopped";
    };
  }
}
