package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  @Test
  void firstWindowAfterLengthThenEveryHopOldestFirst() {
    SlidingWindow w = new SlidingWindow(4, 3, 2);
    List<Integer> readyAt = new ArrayList<>();
    float[] flat = new float[8];
    float[][] rows = new float[4][2];
    for (int i = 0; i < 12; i++) {
      if (w.push(new double[] {i, -i})) {
        readyAt.add(i);
        w.copyTo(flat, 0);
        w.copyTo(rows);
        for (int t = 0; t < 4; t++) {
          assertThat(flat[2 * t]).isEqualTo(i - 3 + t);
          assertThat(flat[2 * t + 1]).isEqualTo(-(i - 3 + t));
          assertThat(rows[t]).containsExactly(i - 3 + t, -(i - 3 + t));
        }
      }
    }
    assertThat(readyAt).containsExactly(3, 6, 9);
  }

  @Test
  void resetEmptiesTheWindow() {
    SlidingWindow w = new SlidingWindow(2, 1, 1);
    w.push(new double[] {1});
    w.push(new double[] {2});
    w.reset();
    assertThat(w.push(new double[] {3})).isFalse();
    assertThatThrownBy(() -> w.copyTo(new float[2], 0)).isInstanceOf(IllegalStateException.class);
    assertThat(w.push(new double[] {4})).isTrue();
  }
}
