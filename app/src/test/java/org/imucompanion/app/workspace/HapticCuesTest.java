package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HapticCuesTest {
  private final List<Integer> buzzes = new ArrayList<>();
  private final HapticCues cues = new HapticCues();

  private void feed(int... repetitionsInSet) {
    for (int n : repetitionsInSet) {
      cues.onRepetitionsInSet(n, buzzes::add);
    }
  }

  @Test
  void offNeverBuzzes() {
    feed(0, 1, 2, 3, 0, 1, 0);
    assertThat(buzzes).isEmpty();
  }

  @Test
  void aSetEndBuzzesOnceMedium() {
    cues.configure(new HapticCues.Settings(true, 0));
    feed(0, 0, 1, 1, 2, 3, 3, 0, 0, 0);
    assertThat(buzzes).containsExactly(HapticCues.MEDIUM);
  }

  @Test
  void everyNRepetitionsBuzzesShortOncePerMultiple() {
    cues.configure(new HapticCues.Settings(false, 2));
    // The same count is published with every window: each multiple buzzes once.
    feed(1, 1, 2, 2, 2, 3, 4, 4, 5, 0, 1, 2);
    assertThat(buzzes).containsExactly(HapticCues.SHORT, HapticCues.SHORT, HapticCues.SHORT);
  }

  @Test
  void bothTogether() {
    cues.configure(new HapticCues.Settings(true, 3));
    feed(1, 2, 3, 4, 0);
    assertThat(buzzes).containsExactly(HapticCues.SHORT, HapticCues.MEDIUM);
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThatThrownBy(() -> new HapticCues.Settings(true, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("everyReps must be >= 0: -1");
  }
}
