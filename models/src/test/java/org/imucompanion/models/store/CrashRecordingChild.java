package org.imucompanion.models.store;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@link RecorderCrashIT}: records a wristband and a Myo EMG stream at
 * 200 Hz in real time, inside a running set, until it is killed. After each offer it prints
 * {@code offered <index> <hostNanos>} so the parent knows exactly what was handed to the recorder
 * and when (System.nanoTime is the system-wide monotonic clock on Linux, shared by both JVMs).
 */
public final class CrashRecordingChild {
  private CrashRecordingChild() {}

  /**
   * Records until killed.
   *
   * @param args the database file
   * @throws Exception on any failure (the parent then sees the child exit early)
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    SessionStore store = SessionStore.open(Path.of(args[0]));
    Session session =
        store.startSession(NewSession.startingNow(Optional.empty(), "mixed", "1.0", "right forearm", "crash test"));
    SessionRecorder rec = SessionRecorder.start(store, session.id());
    SessionRecorder.RecordedStream wrist =
        rec.openStream(new NewStream("wrist", "wristband", "AA:BB:CC:00:00:01", StoreFiles.WRIST_CHANNELS, 200));
    SessionRecorder.RecordedStream emg =
        rec.openStream(
            new NewStream(
                "emg",
                "myo",
                "AA:BB:CC:00:00:02",
                List.of("emg_0", "emg_1", "emg_2", "emg_3", "emg_4", "emg_5", "emg_6", "emg_7"),
                200));
    rec.startSet("Squat", System.nanoTime()).get(30, TimeUnit.SECONDS);
    out.println("session " + session.id());
    out.flush();
    double[] w = new double[9];
    double[] e = new double[8];
    long start = System.nanoTime();
    for (long i = 0; ; i++) {
      long due = start + i * 5_000_000L;
      for (long now; (now = System.nanoTime()) < due; ) {
        LockSupport.parkNanos(due - now);
      }
      long t = System.nanoTime();
      for (int c = 0; c < 9; c++) {
        w[c] = i + c * 0.5;
      }
      for (int c = 0; c < 8; c++) {
        e[c] = (i + c) % 128;
      }
      wrist.offer(t, i * 5_000, w);
      emg.offer(t, i * 5_000, e);
      out.println("offered " + i + " " + t);
      out.flush();
    }
  }
}
