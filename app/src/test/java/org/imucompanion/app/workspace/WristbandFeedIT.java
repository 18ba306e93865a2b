package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.health.StreamHealthSnapshot;
import org.junit.jupiter.api.Test;

/** The built-in virtual wristband, connected through ble-driver, fills a device's ring buffer. */
class WristbandFeedIT {

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void virtualWristbandStreamsSamplesAndHealthUntilClosed() throws Exception {
    LiveDevice device = WristbandFeed.startVirtual();
    try {
      await(() -> device.imuSamples().written() >= 100, "100 samples");
      assertThat(device.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
      assertThat(device.problem()).isEmpty();

      SampleWindow window = device.imuSamples().latest(2_000_000_000L);
      // The virtual wristband runs at its default 50 Hz; host arrival times show it.
      assertThat(window.samplesPerSecond()).isBetween(35.0, 65.0);
      for (int i = 0; i < window.count(); i++) {
        double ax = window.channel("accel x")[i];
        double ay = window.channel("accel y")[i];
        double az = window.channel("accel z")[i];
        assertThat(Math.sqrt(ax * ax + ay * ay + az * az)).isBetween(0.2, 4.0);
      }

      StreamHealthSnapshot health = device.health().orElseThrow().snapshot(System.nanoTime());
      assertThat(health.cumulative().packets()).isGreaterThanOrEqualTo(100);
      assertThat(health.cumulative().malformed()).isZero();
      assertThat(health.cumulative().lost()).isZero();
    } finally {
      device.close();
    }
    assertThat(device.state()).isEqualTo(ConnectionState.CLOSED);
    long after = device.imuSamples().written();
    Thread.sleep(300);
    assertThat(device.imuSamples().written()).isEqualTo(after);
  }

  @Test
  void anUnknownAddressIsReportedAsAProblemNotAnException() throws Exception {
    org.imucompanion.ble.virtualdevice.VirtualTransport transport =
        org.imucompanion.ble.virtualdevice.VirtualTransport.create();
    LiveDevice device =
        WristbandFeed.start(transport, "02:00:00:00:00:99", "Nobody", true);
    try {
      await(() -> device.problem().isPresent(), "a problem report");
      assertThat(device.problem().get()).contains("02:00:00:00:00:99");
      assertThat(device.imuSamples().written()).isZero();
    } finally {
      device.close();
    }
  }
}
