package org.imucompanion.ble.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.junit.jupiter.api.Test;

class EmgMergerTest {

  private static MyoEmgPacket packet(int k) {
    return new MyoEmgPacket(new EmgSample(k, 0, 0, 0, 0, 0, 0, 0), new EmgSample(k, 1, 0, 0, 0, 0, 0, 0));
  }

  private static byte[] raw(int k) {
    return new byte[] {(byte) k, 1, 2};
  }

  @Test
  void theRotationGivesConsecutiveIndices() {
    EmgMerger m = new EmgMerger();
    for (int k = 0; k < 8; k++) {
      assertThat(m.place(k % 4, raw(k), packet(k))).containsExactly(2L * k, 2L * k + 1);
    }
    assertThat(m.lostSamples()).isZero();
  }

  @Test
  void aSkippedCharacteristicCostsTwoSamplesAndTheIndicesJump() {
    EmgMerger m = new EmgMerger();
    m.place(0, raw(0), packet(0));
    m.place(1, raw(1), packet(1));
    assertThat(m.place(3, raw(3), packet(3))).containsExactly(6L, 7L);
    assertThat(m.lostSamples()).isEqualTo(2);
  }

  @Test
  void anIdenticalRepeatIsADuplicateButADifferentValueThereIsLoss() {
    EmgMerger m = new EmgMerger();
    m.place(0, raw(0), packet(0));
    assertThat(m.place(0, raw(0), packet(0))).isEmpty();
    assertThat(m.duplicates()).isEqualTo(1);
    assertThat(m.place(0, raw(9), packet(9))).containsExactly(8L, 9L);
    assertThat(m.lostSamples()).isEqualTo(6);
  }

  @Test
  void resetRestartsTheRotationButNotTheIndex() {
    EmgMerger m = new EmgMerger();
    m.place(0, raw(0), packet(0));
    m.reset();
    assertThat(m.place(2, raw(2), packet(2))).containsExactly(2L, 3L);
    assertThatThrownBy(() -> m.place(4, raw(0), packet(0))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLateNotificationFillsItsHoleAndTakesTheLossBack() {
    EmgMerger m = new EmgMerger();
    m.place(0, raw(0), packet(0));
    assertThat(m.place(2, raw(2), packet(2))).containsExactly(4L, 5L);
    assertThat(m.lostSamples()).isEqualTo(2);
    assertThat(m.place(1, raw(1), packet(1))).containsExactly(2L, 3L);
    assertThat(m.lostSamples()).isZero();
    assertThat(m.late()).isEqualTo(1);
    assertThat(m.place(3, raw(3), packet(3))).containsExactly(6L, 7L);
  }

  @Test
  void aHoleIsForgottenWhenItsCharacteristicsTurnComesAgain() {
    EmgMerger m = new EmgMerger();
    m.place(0, raw(0), packet(0));
    m.place(2, raw(2), packet(2)); // 1 lost
    m.place(3, raw(3), packet(3));
    m.place(0, raw(4), packet(4));
    assertThat(m.place(1, raw(5), packet(5))).containsExactly(10L, 11L); // the next turn, not late
    assertThat(m.lostSamples()).isEqualTo(2);
    assertThat(m.late()).isZero();
  }
}
