package org.imucompanion.models.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Small fixtures shared by the store's tests: a session with one stream, generated samples. */
final class StoreFiles {
  static final List<String> WRIST_CHANNELS =
      List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z");

  private StoreFiles() {}

  static Session session(SessionStore store) throws SessionStoreException {
    return store.startSession(
        new NewSession(
            Optional.empty(),
            "wristband",
            "1.2.0",
            "left wrist",
            "",
            java.time.Instant.parse("2026-11-21T00:00:00Z"),
            0));
  }

  static StreamInfo wristStream(SessionStore store, long sessionId) throws SessionStoreException {
    return store.addStream(
        sessionId, new NewStream("left-wrist", "wristband", "AA:BB:CC:DD:EE:01", WRIST_CHANNELS, 200));
  }

  /** Deterministic samples: value = stream-wide index * 0.001 + channel, host time 5 ms apart. */
  static SampleBlock samples(int channels, long firstIndex, int count) {
    SampleBlock b = new SampleBlock(channels, count);
    double[] v = new double[channels];
    for (int i = 0; i < count; i++) {
      long idx = firstIndex + i;
      for (int c = 0; c < channels; c++) {
        v[c] = idx * 0.001 + c;
      }
      b.add(idx * 5_000_000L, idx * 5_000L, v);
    }
    return b;
  }

  static byte[] bytes(Path p) throws IOException {
    return Files.readAllBytes(p);
  }
}
