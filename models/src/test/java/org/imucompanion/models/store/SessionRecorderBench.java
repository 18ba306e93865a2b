package org.imucompanion.models.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures how many samples per second the recorder sustains into a real SQLite file, against
 * the load the issue asks for: four wristbands at 200 Hz with 12 channels (accel, gyro, mag,
 * plus 3 spare) and a Myo's EMG at 200 Hz x 8, i.e. 1,000 samples/s.
 *
 * <p>Run: {@code mvn -f models/pom.xml -o test-compile exec:java
 * -Dexec.mainClass=org.imucompanion.models.store.SessionRecorderBench -Dexec.classpathScope=test
 * [-Dexec.args="<seconds> <dir>"]}. Producers offer as fast as the writer keeps up (they back off
 * when the queue is half full, so nothing is dropped), which gives the sustained ceiling; a second
 * phase replays the real rate and reports the longest commit, which bounds what a crash can lose.
 */
public final class SessionRecorderBench {
  private static final int WRISTBANDS = 4;
  private static final int WRIST_CHANNELS = 12;
  private static final int EMG_CHANNELS = 8;
  private static final double REQUIRED_SAMPLES_PER_SECOND = WRISTBANDS * 200 + 200;

  private SessionRecorderBench() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args optional: seconds per phase (default 10), directory for the database (default a
   *     temp directory)
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("recorder-bench");
    System.out.printf(
        "machine: %d cpus, %s %s, java %s; %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"),
        Instant.now());
    System.out.printf("database directory: %s%n", dir);

    Phase max = run(dir.resolve("max.db"), seconds, false);
    double perSecond = max.samples / max.seconds;
    System.out.printf(
        "sustained (as fast as possible, no drops): %,d samples in %.2f s = %,.0f samples/s"
            + " (%,.0f values/s); head-room vs %,.0f samples/s needed: %.1fx; drops %d;"
            + " commits %d, longest %.1f ms; %.1f bytes/sample on disk%n",
        max.samples,
        max.seconds,
        perSecond,
        max.values / max.seconds,
        REQUIRED_SAMPLES_PER_SECOND,
        perSecond / REQUIRED_SAMPLES_PER_SECOND,
        max.stats.droppedSamples(),
        max.stats.commits(),
        max.stats.maxCommitNanos() / 1e6,
        max.bytesPerSample);

    Phase real = run(dir.resolve("realtime.db"), seconds, true);
    System.out.printf(
        "real time (4 x 200 Hz x 12 + 200 Hz x 8 for %.0f s): %,d samples, drops %d, commits %d,"
            + " longest commit %.1f ms%n",
        real.seconds, real.samples, real.stats.droppedSamples(), real.stats.commits(), real.stats.maxCommitNanos() / 1e6);
  }

  private record Phase(long samples, long values, double seconds, RecorderStats stats, double bytesPerSample) {}

  private static Phase run(Path db, int seconds, boolean realTime) throws Exception {
    Files.deleteIfExists(db);
    try (SessionStore store = SessionStore.open(db)) {
      Session session =
          store.startSession(NewSession.startingNow(Optional.empty(), "mixed", "bench", "", ""));
      SessionRecorder rec = SessionRecorder.start(store, session.id());
      List<SessionRecorder.RecordedStream> streams = new ArrayList<>();
      List<Integer> widths = new ArrayList<>();
      for (int d = 0; d < WRISTBANDS; d++) {
        List<String> ch = new ArrayList<>();
        for (int c = 0; c < WRIST_CHANNELS; c++) {
          ch.add("ch_" + c);
        }
        streams.add(rec.openStream(new NewStream("wrist-" + d, "wristband", "AA:" + d, ch, 200)));
        widths.add(WRIST_CHANNELS);
      }
      List<String> emg = new ArrayList<>();
      for (int c = 0; c < EMG_CHANNELS; c++) {
        emg.add("emg_" + c);
      }
      streams.add(rec.openStream(new NewStream("emg", "myo", "BB:00", emg, 200)));
      widths.add(EMG_CHANNELS);

      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      long samples = 0;
      long values = 0;
      double[][] buf = new double[streams.size()][];
      for (int s = 0; s < streams.size(); s++) {
        buf[s] = new double[widths.get(s)];
      }
      for (long tick = 0; ; tick++) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (realTime) {
          long due = start + tick * 5_000_000L;
          while ((now = System.nanoTime()) < due) {
            java.util.concurrent.locks.LockSupport.parkNanos(due - now);
          }
        } else {
          while (rec.queuedSamples() > SessionRecorder.DEFAULT_QUEUE_CAPACITY / 2) {
            Thread.onSpinWait();
          }
        }
        for (int s = 0; s < streams.size(); s++) {
          double[] v = buf[s];
          for (int c = 0; c < v.length; c++) {
            v[c] = Math.sin(tick * 0.01 + c);
          }
          streams.get(s).offer(now, tick * 5_000L, v);
          samples++;
          values += v.length;
        }
      }
      rec.flush().get(60, TimeUnit.SECONDS);
      double elapsed = (System.nanoTime() - start) / 1e9;
      RecorderStats stats = rec.stats();
      rec.close();
      long bytes = Files.size(db) + (Files.exists(Path.of(db + "-wal")) ? Files.size(Path.of(db + "-wal")) : 0);
      return new Phase(samples, values, elapsed, stats, (double) bytes / samples);
    }
  }
}
