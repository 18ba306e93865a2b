package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.junit.jupiter.api.Test;

/** A virtual legacy wristband (poll-only firmware) read through ble-driver's legacy profile. */
class LegacyFeedIT {

  @Test
  void aPolledLegacyBandGivesAboutThreeSamplesASecondInG() throws Exception {
    LiveDevice device =
        LegacyFeed.startVirtual("02:00:00:00:03:01", "Legacy", SyntheticWorkout.demo());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (device.imuSamples().written() < 8 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(device.problem()).isEmpty();
      assertThat(device.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
      SampleWindow window = device.imuSamples().latest(10_000_000_000L);
      assertThat(window.count()).isGreaterThanOrEqualTo(8);
      assertThat(window.samplesPerSecond()).isBetween(2.0, 4.0);
      int last = window.count() - 1;
      double ax = window.channel("accel x")[last];
      double ay = window.channel("accel y")[last];
      double az = window.channel("accel z")[last];
      assertThat(Math.sqrt(ax * ax + ay * ay + az * az)).isBetween(0.2, 4.0);
    } finally {
      device.close();
    }
    assertThat(device.state()).isEqualTo(ConnectionState.CLOSED);
  }
}
