package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.DoubleSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.DoubleStream;
import org.imucompanion.app.buffer.SampleWindow;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.models.classifier.ClassifierOptions;
import org.imucompanion.models.classifier.DefaultModel;
import java.util.List;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.myo.MyoUuids;
import org.junit.jupiter.api.Test;

/**
 * The built-in virtual Myo through ble-driver's Myo profile: IMU at 50 Hz, EMG merged to 200 Hz,
 * battery and firmware version, and the shipped model classifying with the armband's quaternion.
 */
class MyoFeedIT {

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void virtualMyoStreamsImuEmgAndDeviceInfo() throws Exception {
    LiveDevice device = MyoFeed.startVirtual(SampleSink.NONE);
    try {
      await(() -> device.emgSamples().orElseThrow().written() >= 400, "400 EMG samples");
      assertThat(device.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
      assertThat(device.problem()).isEmpty();
      await(() -> device.firmwareVersion().isPresent(), "firmware version");
      assertThat(device.firmwareVersion()).contains("1.5.1970 (hw rev 2)");
      await(() -> device.batteryPercent().isPresent(), "battery");
      assertThat(device.batteryPercent().getAsInt()).isBetween(0, 100);

      SampleWindow imu = device.imuSamples().latest(2_000_000_000L);
      assertThat(imu.samplesPerSecond()).isBetween(35.0, 65.0);
      SampleWindow emg = device.emgSamples().orElseThrow().latest(2_000_000_000L);
      assertThat(emg.samplesPerSecond()).isBetween(150.0, 250.0);
      assertThat(emg.channels()).isEqualTo(LiveDevice.EMG_CHANNELS);
      // Raw EMG is a signed byte per electrode; a silent channel would mean a broken merge.
      for (String channel : LiveDevice.EMG_CHANNELS) {
        DoubleSummaryStatistics values = DoubleStream.of(emg.channel(channel)).summaryStatistics();
        assertThat(values.getMin()).as(channel).isGreaterThanOrEqualTo(-128.0);
        assertThat(values.getMax()).as(channel).isLessThanOrEqualTo(127.0);
        assertThat(values.getMax()).as(channel).isGreaterThan(values.getMin());
      }
      // The Inspector sees every IMU and EMG value as it came, all four EMG characteristics.
      List<Notification> raw = device.notifications().since(0);
      assertThat(raw).extracting(Notification::characteristic)
          .contains(MyoUuids.IMU_DATA)
          .containsAll(MyoUuids.EMG_DATA);
      // The health of the IMU stream is the one the Devices view shows.
      assertThat(device.health().orElseThrow().snapshot(System.nanoTime()).cumulative().packets())
          .isGreaterThan(50);
    } finally {
      device.close();
    }
    assertThat(device.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void theShippedModelClassifiesTheMyoWithItsOwnQuaternion() throws Exception {
    LiveDevice device = MyoFeed.startVirtual(SampleSink.NONE);
    try {
      device.attachClassification(
          new LiveClassification(
              DefaultModel.open(ClassifierOptions.DEFAULT),
              VirtualMyo.IMU_RATE_HZ,
              LiveClassification.ACCEL_GYRO_QUAT));
      await(
          () -> device.classification().flatMap(LiveClassification::latest).isPresent(),
          "a first estimate");
      ExerciseEstimate e = device.classification().orElseThrow().latest().orElseThrow();
      assertThat(e.classes()).contains(e.exercise());
      assertThat(e.confidence()).isBetween(0.0, 1.0);
      assertThat(e.windows()).isPositive();
    } finally {
      device.close();
    }
  }
}
