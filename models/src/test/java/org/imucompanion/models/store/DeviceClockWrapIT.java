package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imucompanion.models.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session crossing the device clock's 32-bit wrap, with a real store file: recorded from a
 * feed that only has the device's 32 bits, and stored that way by an older recorder; both come
 * back whole through {@link StoredRecordings} (what re-running a model reads) and the CSV export.
 */
class DeviceClockWrapIT {
  private static final List<String> CHANNELS = List.of("accel_x", "accel_y", "accel_z");
  private static final long PERIOD_US = 20_000; // 50 Hz
  /** 50 samples before the wrap, 50 after. */
  private static final long FIRST_US = WrappingDeviceClock.RANGE - 50 * PERIOD_US;

  @TempDir Path dir;

  private static long wrapped(int i) {
    return (FIRST_US + i * PERIOD_US) & 0xFFFF_FFFFL; // what the live feeds hand over
  }

  @Test
  void theRecorderStoresSixtyFourBitDeviceTimeAcrossTheWrap() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      SessionRecorder recorder = SessionRecorder.start(store, session.id());
      SessionRecorder.RecordedStream stream =
          recorder.openStream(new NewStream("wrist", "wristband", "AA", CHANNELS, 50));
      for (int i = 0; i < 100; i++) {
        stream.offer(i * PERIOD_US * 1000, wrapped(i), new double[] {i, 0, 1});
      }
      recorder.flush().get(10, TimeUnit.SECONDS);
      recorder.close();
      long streamId = stream.info().get().id();

      SampleBlock stored = store.readSamples(streamId);
      assertThat(stored.size()).isEqualTo(100);
      for (int i = 0; i < 100; i++) {
        assertThat(stored.deviceMicros(i)).isEqualTo(FIRST_US + i * PERIOD_US);
      }
      assertWhole(StoredRecordings.toRecording(store, streamId));
      assertExportedWhole(store, session.id(), FIRST_US);
    }
  }

  @Test
  void aSessionStoredWithThirtyTwoBitDeviceTimeIsUnwrappedNotCutAtTheWrap() throws Exception {
    try (SessionStore store = SessionStore.open(dir.resolve("s.db"))) {
      Session session = StoreFiles.session(store);
      StreamInfo st = store.addStream(session.id(), new NewStream("wrist", "wristband", "AA", CHANNELS, 50));
      SampleBlock old = new SampleBlock(CHANNELS.size(), 100);
      for (int i = 0; i < 100; i++) {
        old.add(i * PERIOD_US * 1000, wrapped(i), new double[] {i, 0, 1});
      }
      store.appendSamples(st.id(), old);
      byte[] before = Files.readAllBytes(dir.resolve("s.db"));

      assertWhole(StoredRecordings.toRecording(store, st.id()));
      assertExportedWhole(store, session.id(), FIRST_US);
      // A range read past the wrap counts the wraps before it too.
      SampleBlock afterWrap = store.readSamples(st.id(), 60 * PERIOD_US * 1000, 69 * PERIOD_US * 1000);
      assertThat(afterWrap.size()).isEqualTo(10);
      assertThat(afterWrap.deviceMicros(0)).isEqualTo(FIRST_US + 60 * PERIOD_US);
      // Reading unwraps; what is stored stays as it was.
      assertThat(Files.readAllBytes(dir.resolve("s.db"))).isEqualTo(before);
    }
  }

  private static void assertWhole(Recording r) {
    assertThat(r.size()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(r.time(i)).isCloseTo(i * PERIOD_US / 1e6, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(r.value(0, i)).isEqualTo(i);
    }
  }

  private void assertExportedWhole(SessionStore store, long sessionId, long firstDeviceUs)
      throws Exception {
    List<Path> csv = SessionCsv.exportSession(store, sessionId, dir.resolve("csv"));
    assertThat(csv).hasSize(1);
    List<String> rows =
        Files.readAllLines(csv.get(0)).stream().filter(l -> !l.startsWith("#")).skip(1).toList();
    assertThat(rows).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(rows.get(i).split(",")[1]).isEqualTo(Long.toString(firstDeviceUs + i * PERIOD_US));
    }
  }
}
