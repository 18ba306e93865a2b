package org.imucompanion.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.buffer.SampleWindow;
import org.junit.jupiter.api.Test;

/** Plots are decimated to a point budget, always keeping the newest sample. */
class PlotWriterTest {
  private static final long MS = 1_000_000L;

  private static SampleWindow window(int samples) {
    SampleRingBuffer buffer = new SampleRingBuffer(List.of("emg 1"), samples);
    for (int i = 0; i < samples; i++) {
      buffer.append(i * 5 * MS, i);
    }
    return buffer.latest(100_000 * MS);
  }

  private static void awaitCount(DoubleDataSet set, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000 * MS;
    while (set.getDataCount() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void aLongWindowIsDecimatedToTheBudgetEndingAtTheNewestSample() throws Exception {
    DoubleDataSet set = new DoubleDataSet("emg 1", 10);
    PlotWriter writer = new PlotWriter(List.of(set), 250);
    writer.offer(window(2_000));
    awaitCount(set, 1);
    writer.close();

    assertThat(set.getDataCount()).isEqualTo(250);
    assertThat(set.get(1, 249)).isEqualTo(1_999.0);
    assertThat(set.get(0, 249)).isEqualTo(0.0); // seconds before the newest
    assertThat(set.get(1, 248)).isEqualTo(1_991.0); // every 8th sample
  }

  @Test
  void aShortWindowIsPlottedWhole() throws Exception {
    DoubleDataSet set = new DoubleDataSet("emg 1", 10);
    PlotWriter writer = new PlotWriter(List.of(set), 250);
    writer.offer(window(100));
    awaitCount(set, 100);
    writer.close();

    assertThat(set.getDataCount()).isEqualTo(100);
    assertThat(set.get(1, 0)).isEqualTo(0.0);
    assertThat(set.get(1, 99)).isEqualTo(99.0);
  }
}
