package org.imucompanion.ble.archfixture;

import io.fair_acc.chartfx.XYChart;

/** Breaks "only app uses ChartFX" by building a chart inside ble-driver. */
public final class BleClassDrawingAChart {
  /**
   * Builds a chart.
   *
   * @return a chart
   */
  public XYChart chart() {
    return new XYChart();
  }
}
