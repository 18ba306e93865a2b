package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Pure logic of the store's value types and default location, without a database. */
class SessionStoreTest {
  @Test
  void defaultLocationFollowsXdgDataHome() {
    Path home = Path.of("/home/ana");
    assertThat(SessionStore.defaultLocation(Map.of("XDG_DATA_HOME", "/data"), home))
        .isEqualTo(Path.of("/data/imu-companion/sessions.db"));
    assertThat(SessionStore.defaultLocation(Map.of(), home))
        .isEqualTo(Path.of("/home/ana/.local/share/imu-companion/sessions.db"));
    // The XDG spec says relative paths are invalid and must be ignored.
    assertThat(SessionStore.defaultLocation(Map.of("XDG_DATA_HOME", "rel"), home))
        .isEqualTo(Path.of("/home/ana/.local/share/imu-companion/sessions.db"));
  }

  @Test
  void sampleBlockGrowsAndRoundTripsThroughItsBlobs() {
    SampleBlock b = new SampleBlock(3, 1);
    for (int i = 0; i < 100; i++) {
      b.add(i * 10L, -i, new double[] {i, -i, Math.PI * i});
    }
    SampleBlock back =
        SampleBlock.fromBlobs(3, 100, b.hostNanosBlob(), b.deviceMicrosBlob(), b.valuesBlob());
    assertThat(back.size()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(back.hostNanos(i)).isEqualTo(i * 10L);
      assertThat(back.deviceMicros(i)).isEqualTo(-i);
      assertThat(back.values(i)).containsExactly(i, -i, Math.PI * i);
    }
    assertThatThrownBy(() -> b.add(0, 0, new double[2])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SampleBlock.fromBlobs(3, 99, b.hostNanosBlob(), b.deviceMicrosBlob(), b.valuesBlob()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void segmentRejectsNonsense() {
    assertThatThrownBy(() -> new Segment(0, 1, "Squat", 10, OptionalLong.of(5), OptionalInt.empty(), false, ""))
        .hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> new Segment(0, 1, " ", 10, OptionalLong.empty(), OptionalInt.empty(), false, ""))
        .hasMessageContaining("blank");
    Segment open = new Segment(0, 1, "Squat", 10, OptionalLong.empty(), OptionalInt.empty(), false, "");
    assertThat(open.contains(Long.MAX_VALUE)).isTrue();
    assertThat(open.withBounds(10, 20).contains(21)).isFalse();
  }

  @Test
  void streamRejectsDuplicateOrCommaChannels() {
    assertThatThrownBy(() -> new NewStream("a", "k", "x", java.util.List.of("accel_x", "accel_x"), 50))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> new NewStream("a", "k", "x", java.util.List.of("a,b"), 50))
        .hasMessageContaining("bad channel name");
  }
}
