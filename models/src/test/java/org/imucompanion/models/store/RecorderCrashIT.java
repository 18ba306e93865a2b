package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: a child JVM records in real time and is killed with SIGKILL mid-set; the
 * store is reopened and must hold every sample offered more than one second before the kill, with
 * the session marked interrupted.
 */
class RecorderCrashIT {
  @TempDir Path dir;

  @Test
  void sigkillMidSetLosesNothingOlderThanOneSecond() throws Exception {
    Path db = dir.resolve("crash.db");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path err = dir.resolve("child.err");
    Process child =
        new ProcessBuilder(
                javaBin,
                "-cp",
                cp,
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                CrashRecordingChild.class.getName(),
                db.toString())
            .redirectError(err.toFile())
            .start();
    ConcurrentHashMap<Long, Long> offeredAt = new ConcurrentHashMap<>();
    long[] sessionId = {-1};
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  String[] f = line.split(" ");
                  if (f[0].equals("session")) {
                    sessionId[0] = Long.parseLong(f[1]);
                  } else if (f[0].equals("offered")) {
                    offeredAt.put(Long.parseLong(f[1]), Long.parseLong(f[2]));
                  }
                }
              } catch (java.io.IOException e) {
                // The pipe closes when the child dies; what was read is what we check.
              }
            });
    reader.start();
    // Let it record about three seconds (600 samples per stream) after startup.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (offeredAt.size() < 600) {
      assertThat(child.isAlive()).as("child died early: %s", Files.readString(err)).isTrue();
      assertThat(System.nanoTime()).as("child too slow").isLessThan(deadline);
      Thread.sleep(20);
    }
    long killedAt = System.nanoTime();
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);
    assertThat(child.exitValue()).isEqualTo(137);

    long oneSecondBefore = killedAt - TimeUnit.SECONDS.toNanos(1);
    long mustHave =
        offeredAt.entrySet().stream()
            .filter(e -> e.getValue() <= oneSecondBefore)
            .mapToLong(java.util.Map.Entry::getKey)
            .max()
            .orElseThrow();
    assertThat(mustHave).isGreaterThan(300);

    try (SessionStore store = SessionStore.open(db)) {
      assertThat(store.interruptedOnOpen()).containsExactly(sessionId[0]);
      Session s = store.findSession(sessionId[0]).orElseThrow();
      assertThat(s.state()).isEqualTo(SessionState.INTERRUPTED);
      List<StreamInfo> streams = store.streams(s.id());
      assertThat(streams).extracting(StreamInfo::name).containsExactly("wrist", "emg");
      long lastHost = Long.MIN_VALUE;
      for (StreamInfo st : streams) {
        SampleBlock samples = store.readSamples(st.id());
        assertThat(samples.size()).as("%s samples stored", st.name()).isGreaterThan((int) mustHave);
        for (int i = 0; i < samples.size(); i++) {
          // Contiguous from 0: nothing in the middle is missing either.
          assertThat(samples.deviceMicros(i)).isEqualTo(i * 5_000L);
          assertThat(samples.hostNanos(i)).isEqualTo(offeredAt.get((long) i));
        }
        double expected = st.name().equals("wrist") ? mustHave : mustHave % 128;
        assertThat(samples.value((int) mustHave, 0)).isEqualTo(expected);
        lastHost = Math.max(lastHost, samples.hostNanos(samples.size() - 1));
      }
      assertThat(store.segments(s.id()))
          .singleElement()
          .satisfies(
              set -> {
                assertThat(set.exercise()).isEqualTo("Squat");
                assertThat(set.endHostNanos()).as("set closed at the last sample").isPresent();
              });
      // Everything after the last stored sample was offered less than 1 s before the kill.
      long lastStored = lastHost;
      assertThat(offeredAt.entrySet())
          .filteredOn(e -> e.getValue() > lastStored)
          .allSatisfy(e -> assertThat(e.getValue()).isGreaterThan(oneSecondBefore));
    }
  }
}
