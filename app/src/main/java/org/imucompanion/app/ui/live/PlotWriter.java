package org.imucompanion.app.ui.live;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.imucompanion.app.buffer.SampleWindow;

/**
 * Writes sample windows into ChartFX data sets on a background thread, newest window wins.
 *
 * <p>Why not on the FX thread: ChartFX 11.3 read-locks every plotted data set from its pre-layout
 * phase until its drawing is done, and the data set's write lock is not reentrant. Measured here
 * (Monocle and a plain window alike): calling {@code DoubleDataSet.set} from an {@code
 * AnimationTimer} blocks the FX thread for good. ChartFX's documented model is that data sets are
 * written by other threads under their write lock, and the chart picks the change up in its next
 * pulse; a writer thread that waits for the chart's read lock costs the UI nothing.
 *
 * <p>Windows are coalesced: if the UI offers frames faster than they are written, only the newest
 * is written, so the writer can never fall behind.
 */
final class PlotWriter {
  private final List<DoubleDataSet> dataSets;
  private final int maxPoints;
  private double[] tBuffer = new double[0];
  private double[] yBuffer = new double[0];
  private final AtomicReference<SampleWindow> pending = new AtomicReference<>();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "live-plot-writer");
            t.setDaemon(true);
            return t;
          });

  /**
   * Creates a writer for data sets named after the window's channels.
   *
   * @param dataSets the data sets; each one's name is the channel it shows
   */
  PlotWriter(List<DoubleDataSet> dataSets) {
    this(dataSets, Integer.MAX_VALUE);
  }

  /**
   * Creates a writer that plots at most {@code maxPoints} points per channel, keeping every k-th
   * sample of a longer window. The software renderer's cost grows with the points drawn, and a
   * panel a few hundred pixels wide cannot show more than one point per pixel anyway.
   *
   * @param dataSets the data sets; each one's name is the channel it shows
   * @param maxPoints the most points per channel
   */
  PlotWriter(List<DoubleDataSet> dataSets, int maxPoints) {
    this.dataSets = List.copyOf(dataSets);
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints must be at least 2: " + maxPoints);
    }
    this.maxPoints = maxPoints;
  }

  /**
   * Hands over a window to write; returns at once.
   *
   * @param window the newest samples
   */
  void offer(SampleWindow window) {
    if (pending.getAndSet(window) == null && !thread.isShutdown()) {
      thread.execute(this::writeNewest);
    }
  }

  /** Stops the writer thread; windows offered later are ignored. */
  void close() {
    thread.shutdownNow();
  }

  private void writeNewest() {
    SampleWindow window = pending.getAndSet(null);
    if (window == null) {
      return;
    }
    double[] t = window.secondsBeforeNewest();
    int n = t.length;
    if (n <= maxPoints) {
      for (DoubleDataSet set : dataSets) {
        set.set(t, window.channel(set.getName()), n, true);
      }
      return;
    }
    int stride = (n + maxPoints - 1) / maxPoints;
    // Keep the newest sample: count strides back from the end.
    int first = (n - 1) % stride;
    int m = (n - 1 - first) / stride + 1;
    if (tBuffer.length < m) {
      tBuffer = new double[m];
      yBuffer = new double[m];
    }
    for (int i = 0; i < m; i++) {
      tBuffer[i] = t[first + i * stride];
    }
    for (DoubleDataSet set : dataSets) {
      double[] y = window.channel(set.getName());
      for (int i = 0; i < m; i++) {
        yBuffer[i] = y[first + i * stride];
      }
      set.set(tBuffer, yBuffer, m, true); // copies
    }
  }
}
