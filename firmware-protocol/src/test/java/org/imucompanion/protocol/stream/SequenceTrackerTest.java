package org.imucompanion.protocol.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.imucompanion.protocol.stream.SequenceTracker.Outcome;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

  @Test
  void wrapAroundIsAnOrdinaryStep() {
    SequenceTracker t = new SequenceTracker();
    assertThat(t.accept(65534)).isEqualTo(Outcome.FIRST);
    assertThat(t.accept(65535)).isEqualTo(Outcome.IN_ORDER);
    assertThat(t.accept(0)).isEqualTo(Outcome.IN_ORDER);
    assertThat(t.accept(1)).isEqualTo(Outcome.IN_ORDER);
    assertThat(t.lost()).isZero();
    assertThat(t.received()).isEqualTo(4);
  }

  @Test
  void gapAcrossTheWrapCountsTheMissingPackets() {
    SequenceTracker t = new SequenceTracker();
    t.accept(65533);
    assertThat(t.accept(2)).isEqualTo(Outcome.GAP);
    assertThat(t.lastGap()).isEqualTo(4); // 65534, 65535, 0, 1
    assertThat(t.lost()).isEqualTo(4);
  }

  @Test
  void lateArrivalFillsItsGapAndARepeatIsADuplicate() {
    SequenceTracker t = new SequenceTracker();
    t.accept(10);
    t.accept(12);
    assertThat(t.lost()).isEqualTo(1);
    assertThat(t.accept(11)).isEqualTo(Outcome.LATE);
    assertThat(t.lost()).isZero();
    assertThat(t.accept(11)).isEqualTo(Outcome.DUPLICATE);
    assertThat(t.accept(12)).isEqualTo(Outcome.DUPLICATE);
    assertThat(t.duplicates()).isEqualTo(2);
    assertThat(t.late()).isEqualTo(1);
    assertThat(t.received()).isEqualTo(3);
  }

  @Test
  void aNumberFromBeforeTheFirstPacketIsLateButWasNeverLost() {
    SequenceTracker t = new SequenceTracker();
    t.accept(100);
    assertThat(t.accept(99)).isEqualTo(Outcome.LATE);
    assertThat(t.lost()).isZero();
  }

  @Test
  void aHugeJumpIsAResyncNotThousandsLost() {
    SequenceTracker t = new SequenceTracker();
    t.accept(5);
    assertThat(t.accept(30000)).isEqualTo(Outcome.RESYNC);
    assertThat(t.lost()).isZero();
    assertThat(t.accept(30001)).isEqualTo(Outcome.IN_ORDER);
  }

  @Property(tries = 200)
  void lostPlusReceivedCoversTheSentRangeWhateverIsDroppedOrShuffled(
      @ForAll @IntRange(min = 0, max = 65535) int start,
      @ForAll @IntRange(min = 2, max = 500) int count,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    List<Integer> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add((start + i) % 65536);
    }
    List<Integer> delivered = new ArrayList<>(sent);
    delivered.removeIf(x -> x != sent.get(0) && x != sent.get(count - 1) && rnd.nextInt(10) == 0);
    int dropped = count - delivered.size();
    // Swap a few neighbours (reordering by at most a few places, as radios do).
    for (int i = 1; i + 1 < delivered.size() - 1; i += 7) {
      if (rnd.nextBoolean()) {
        Collections.swap(delivered, i, i + 1);
      }
    }
    SequenceTracker t = new SequenceTracker();
    for (int s : delivered) {
      t.accept(s);
    }
    assertThat(t.received()).isEqualTo(delivered.size());
    assertThat(t.lost()).isEqualTo(dropped);
    assertThat(t.duplicates()).isZero();
  }
}
