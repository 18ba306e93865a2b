package org.imucompanion.app.workspace;

import java.util.Locale;
import org.imucompanion.ble.health.HealthWindow;
import org.imucompanion.ble.health.StreamHealthSnapshot;

/** Stream health in one line, the same in the Devices view and on the command line. */
public final class HealthSummary {
  private HealthSummary() {}

  /**
   * Summarises a snapshot: delivered against nominal sample rate, loss (marked when inferred from
   * timing), inter-arrival jitter and malformed packets.
   *
   * @param s the snapshot
   * @return e.g. {@code 50/50 Hz · loss 0.0 % · jitter p99 1.2 ms · 0 malformed}
   */
  public static String oneLine(StreamHealthSnapshot s) {
    HealthWindow live = s.live();
    String jitter = jitter(live);
    return String.format(
        Locale.ROOT,
        "%.0f/%.0f Hz · loss %.1f %%%s · %s · %d malformed",
        live.samplesPerSecond(),
        s.nominal().samplesPerSecond(),
        s.cumulative().lostPercent(),
        s.lossInferred() ? " (inferred)" : "",
        jitter,
        s.cumulative().malformed())
        + disconnected(s);
  }

  /** Disconnect time, when the link was lost: {@code  · down 1.2 s in 1 outage}. */
  private static String disconnected(StreamHealthSnapshot s) {
    return s.outages() == 0
        ? ""
        : String.format(
            Locale.ROOT,
            " · down %.1f s in %d outage%s",
            s.disconnected().toMillis() / 1e3,
            s.outages(),
            s.outages() == 1 ? "" : "s");
  }

  /**
   * Summarises everything since the stream started (for replays and end-of-run reports, where
   * "the last second" means little): rate over the whole span, loss, jitter, malformed.
   *
   * @param s the snapshot
   * @return e.g. {@code 50.0/50 Hz over 12.0 s · loss 0.0 % · jitter p99 1.2 ms · 0 malformed}
   */
  public static String cumulative(StreamHealthSnapshot s) {
    HealthWindow all = s.cumulative();
    String jitter = jitter(all);
    return String.format(
        Locale.ROOT,
        "%.1f/%.0f Hz over %.1f s · loss %.1f %%%s · %s · %d malformed",
        all.samplesPerSecond(),
        s.nominal().samplesPerSecond(),
        all.span().toNanos() / 1e9,
        all.lostPercent(),
        s.lossInferred() ? " (inferred)" : "",
        jitter,
        all.malformed())
        + disconnected(s);
  }

  private static String jitter(HealthWindow w) {
    return w.interArrival()
        .map(ia -> String.format(Locale.ROOT, "jitter p99 %.1f ms", ia.jitterP99().toNanos() / 1e6))
        .orElse("jitter n/a");
  }
}
