package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreRollTest {
  private final List<String> seen = new ArrayList<>();
  private final SampleSink recording =
      new SampleSink() {
        @Override
        public void onSample(int stream, long hostNanos, long deviceMicros, double[] values) {
          seen.add(stream + "@" + hostNanos + "=" + values[0]);
        }

        @Override
        public void onOutage(long lostAtNanos, long resumedAtNanos, String cause) {
          seen.add("gap " + lostAtNanos + ".." + resumedAtNanos);
        }
      };

  @Test
  void whatCameBeforeTheRecordingIsHandedOverInOrderThenEverythingAfter() {
    PreRoll p = new PreRoll(10);
    double[] reused = {1};
    p.onSample(0, 1, 1, reused);
    reused[0] = 2; // the feed reuses its array: the pre-roll must have copied it
    p.onOutage(2, 3, "lost");
    p.onSample(1, 4, 4, new double[] {3});
    p.attach(recording);
    p.onSample(0, 5, 5, new double[] {4});
    assertThat(seen).containsExactly("0@1=1.0", "gap 2..3", "1@4=3.0", "0@5=4.0");
  }

  @Test
  void pastItsCapacityTheOldestAreDroppedAndCounted() {
    PreRoll p = new PreRoll(2);
    for (int i = 0; i < 5; i++) {
      p.onSample(0, i, i, new double[] {i});
    }
    p.attach(recording);
    assertThat(seen).containsExactly("0@3=3.0", "0@4=4.0");
    assertThat(p.dropped()).isEqualTo(3);
  }

  @Test
  void afterDetachNothingIsForwarded() {
    PreRoll p = new PreRoll(2);
    p.attach(recording);
    p.detach();
    p.onSample(0, 1, 1, new double[] {1});
    assertThat(seen).isEmpty();
    assertThatThrownBy(() -> new PreRoll(0)).hasMessage("capacity must be positive: 0");
  }
}
