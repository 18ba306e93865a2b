package org.imucompanion.ble.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Drops, duplicates and swaps packets of a generated stream at random and checks that the tracker's
 * books add up to exactly what was done to it, across the 16-bit wrap.
 */
class SequenceAccountingTest {

  private static final long MS = 1_000_000L;

  @Property(tries = 300)
  void lostDuplicatesAndReorderingAreCountedExactly(
      @ForAll @IntRange(min = 0, max = 65535) int firstSequence,
      @ForAll @IntRange(min = 2, max = 3000) int length,
      @ForAll long seed) {
    Random random = new Random(seed);
    double dropP = random.nextDouble() * 0.3;
    double dupP = random.nextDouble() * 0.1;
    double swapP = random.nextDouble() * 0.1;

    // Slots in sending order; the first and last always arrive so the span is known.
    List<long[]> arrivals = new ArrayList<>(); // {sequence index, time}
    int drops = 0;
    for (int i = 0; i < length; i++) {
      boolean edge = i == 0 || i == length - 1;
      if (!edge && random.nextDouble() < dropP) {
        drops++;
      } else {
        arrivals.add(new long[] {i, i * 20 * MS});
      }
    }
    int swaps = 0;
    for (int k = 1; k + 2 < arrivals.size(); k += 2) {
      long[] a = arrivals.get(k);
      long[] b = arrivals.get(k + 1);
      // Swap neighbours that were sent back to back: the later one overtakes the earlier one.
      if (b[0] == a[0] + 1 && random.nextDouble() < swapP) {
        long tmp = a[0];
        a[0] = b[0];
        b[0] = tmp;
        swaps++;
      }
    }
    int duplicates = 0;
    List<long[]> withDuplicates = new ArrayList<>();
    for (long[] a : arrivals) {
      withDuplicates.add(a);
      if (random.nextDouble() < dupP) {
        withDuplicates.add(new long[] {a[0], a[1]});
        duplicates++;
      }
    }

    StreamHealth h =
        StreamHealth.withSequenceNumbers(
            new StreamKey("AA:BB:CC:DD:EE:02", UUID.randomUUID()), NominalRate.ofSamples(50, 1));
    for (long[] a : withDuplicates) {
      h.recordPacket(a[1], 20, (int) ((firstSequence + a[0]) & 0xFFFF), 1);
    }
    StreamHealthSnapshot s = h.snapshot((length + 10) * 20 * MS);
    HealthWindow all = s.cumulative();
    assertThat(s.sequenceRestarts()).isZero();
    assertThat(all.lost()).isEqualTo(drops);
    assertThat(all.duplicates()).isEqualTo(duplicates);
    assertThat(all.outOfOrder()).isEqualTo(swaps);
    assertThat(all.packets()).isEqualTo(withDuplicates.size());
    assertThat(all.lostPercent())
        .isCloseTo(100.0 * drops / length, org.assertj.core.api.Assertions.within(1e-9));
  }
}
