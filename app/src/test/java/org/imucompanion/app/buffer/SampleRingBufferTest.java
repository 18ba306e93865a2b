package org.imucompanion.app.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SampleRingBufferTest {
  private static final long MS = 1_000_000L;

  @Test
  void emptyBufferGivesAnEmptyWindow() {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a", "b"), 4);

    SampleWindow window = buffer.latest(Long.MAX_VALUE);

    assertThat(window.count()).isZero();
    assertThat(window.channel("b")).isEmpty();
    assertThat(window.samplesPerSecond()).isNaN();
    assertThat(buffer.written()).isZero();
  }

  @Test
  void windowHoldsSamplesOldestFirstWithTimesRelativeToTheNewest() {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a", "b"), 8);
    buffer.append(1_000 * MS, 1, 10);
    buffer.append(1_020 * MS, 2, 20);
    buffer.append(1_040 * MS, 3, 30);

    SampleWindow window = buffer.latest(Long.MAX_VALUE);

    assertThat(window.secondsBeforeNewest()).containsExactly(-0.04, -0.02, 0.0);
    assertThat(window.channel("a")).containsExactly(1, 2, 3);
    assertThat(window.channel("b")).containsExactly(10, 20, 30);
    assertThat(window.newestHostTimeNanos()).isEqualTo(1_040 * MS);
    assertThat(window.samplesPerSecond()).isCloseTo(50.0, within(1e-9));
  }

  @Test
  void fullBufferOverwritesTheOldestAndStillCountsEverySample() {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a"), 3);
    for (int i = 0; i < 7; i++) {
      buffer.append(i * MS, i);
    }

    SampleWindow window = buffer.latest(Long.MAX_VALUE);

    assertThat(window.channel("a")).containsExactly(4, 5, 6);
    assertThat(buffer.written()).isEqualTo(7);
    assertThat(window.totalWritten()).isEqualTo(7);
  }

  @Test
  void spanLeavesOutOlderSamples() {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a"), 100);
    for (int i = 0; i < 50; i++) {
      buffer.append(i * 100 * MS, i); // 10 Hz for 4.9 s
    }

    SampleWindow window = buffer.latest(1_000 * MS);

    assertThat(window.channel("a")).containsExactly(39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49);
  }

  @Test
  void windowIsACopyTheBufferNeverChanges() {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a"), 2);
    buffer.append(0, 1);
    buffer.append(MS, 2);
    SampleWindow window = buffer.latest(Long.MAX_VALUE);

    buffer.append(2 * MS, 3);
    buffer.append(3 * MS, 4);

    assertThat(window.channel("a")).containsExactly(1, 2);
  }

  @Test
  void rejectsSamplesWithTheWrongNumberOfChannels() {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a", "b"), 4);

    assertThatThrownBy(() -> buffer.append(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> buffer.latest(1).channel("c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("c");
  }

  @Property
  void windowIsAlwaysTheLastCapacitySamplesInOrder(
      @ForAll @Size(max = 300) List<Double> values, @ForAll @IntRange(min = 2, max = 64) int capacity) {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("v"), capacity);
    for (int i = 0; i < values.size(); i++) {
      buffer.append(i, values.get(i));
    }

    SampleWindow window = buffer.latest(Long.MAX_VALUE);

    List<Double> expected = values.subList(Math.max(0, values.size() - capacity), values.size());
    List<Double> actual = new ArrayList<>();
    for (double v : window.channel("v")) {
      actual.add(v);
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void aReaderNeverSeesATornSampleWhileAProducerWrites() throws InterruptedException {
    // Every sample has all channels equal to its index; a torn copy would mix two indices.
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("a", "b", "c"), 64);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread producer =
        new Thread(
            () -> {
              long i = 0;
              while (running.get()) {
                buffer.append(i, i, i, i);
                i++;
              }
            });
    producer.start();
    try {
      for (int read = 0; read < 2_000; read++) {
        SampleWindow w = buffer.latest(Long.MAX_VALUE);
        for (int s = 0; s < w.count(); s++) {
          assertThat(w.values()[1][s]).isEqualTo(w.values()[0][s]);
          assertThat(w.values()[2][s]).isEqualTo(w.values()[0][s]);
          if (s > 0) {
            assertThat(w.values()[0][s]).isEqualTo(w.values()[0][s - 1] + 1);
          }
        }
      }
    } finally {
      running.set(false);
      producer.join();
    }
  }
}
