package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;
import org.junit.jupiter.api.Test;

class RecordedMotionTest {

  private static MotionSample sample(double ax, Quaternion q, int emg) {
    return new MotionSample(
        new Vector3(ax, 0, 1),
        new Vector3(0, ax, 0),
        new Vector3(20, 0, -43),
        q,
        new EmgSample(emg, 0, 0, 0, 0, 0, 0, 0));
  }

  private static final Quaternion ROLL_90 =
      new Quaternion(Math.cos(Math.PI / 4), Math.sin(Math.PI / 4), 0, 0);

  private final RecordedMotion looping =
      new RecordedMotion(
          10,
          List.of(
              sample(0, Quaternion.IDENTITY, 1),
              sample(1, ROLL_90, 2),
              sample(2, Quaternion.IDENTITY, 3)),
          true);

  @Test
  void recordedSamplesComeBackAtTheirTimesAndInBetweenIsInterpolated() {
    assertThat(looping.sampleAt(0)).isEqualTo(sample(0, Quaternion.IDENTITY, 1));
    assertThat(looping.sampleAt(100_000_000L)).isEqualTo(sample(1, ROLL_90, 2));
    MotionSample half = looping.sampleAt(50_000_000L);
    assertThat(half.accelG().x()).isCloseTo(0.5, within(1e-12));
    assertThat(half.gyroRadPerS().y()).isCloseTo(0.5, within(1e-12));
    assertThat(half.emg().channel(0)).as("EMG is held, not blended").isEqualTo(1);
    // Half way to a 90° roll is a 45° roll.
    assertThat(half.orientation().w()).isCloseTo(Math.cos(Math.PI / 8), within(1e-12));
    assertThat(half.orientation().x()).isCloseTo(Math.sin(Math.PI / 8), within(1e-12));
    assertThat(looping.durationNanos()).isEqualTo(300_000_000L);
  }

  @Test
  void loopsOrHoldsAfterTheEnd() {
    assertThat(looping.sampleAt(300_000_000L)).isEqualTo(sample(0, Quaternion.IDENTITY, 1));
    assertThat(looping.sampleAt(250_000_000L).accelG().x()).isCloseTo(1.0, within(1e-12));
    RecordedMotion holding =
        new RecordedMotion(
            10, List.of(sample(0, Quaternion.IDENTITY, 1), sample(1, ROLL_90, 2)), false);
    assertThat(holding.sampleAt(5_000_000_000L)).isEqualTo(sample(1, ROLL_90, 2));
    assertThat(holding.sampleAt(-5)).isEqualTo(sample(0, Quaternion.IDENTITY, 1));
  }

  @Test
  void aVirtualWristbandCanPlayARecording() throws Exception {
    try (VirtualTransport transport = VirtualTransport.create()) {
      VirtualWristband band = new VirtualWristband("C0:FF:EE:00:00:09", "Replay", looping);
      transport.addDevice(band);
      var c =
          transport
              .connect(band.address(), (s, x) -> {}, Runnable::run)
              .get(5, java.util.concurrent.TimeUnit.SECONDS);
      NotificationLog log = new NotificationLog();
      c.subscribe(org.imucompanion.protocol.wristband.WristbandUuids.DATA, log).join();
      c.write(
              org.imucompanion.protocol.wristband.WristbandUuids.CONTROL,
              org.imucompanion.protocol.wristband.WristbandControl.startStream().encode(),
              org.imucompanion.ble.WriteType.WITHOUT_RESPONSE)
          .join();
      Await.until("packets", () -> log.size() >= 10);
      var cfg = org.imucompanion.protocol.wristband.WristbandConfig.DEFAULT;
      for (var n : log.all()) {
        var p = org.imucompanion.protocol.wristband.WristbandCodec.decode(n.value(), cfg);
        long t = band.motionNanosOf(p.sampleTimeMicros(0, cfg.outputDataRateHz()));
        assertThat(p.samples().get(0).accelG().x())
            .isCloseTo(
                looping.sampleAt(t).accelG().x(), within(cfg.accelRange().scale().unitsPerLsb()));
      }
    }
  }

  @Test
  void refusesAnEmptyRecording() {
    assertThatThrownBy(() -> new RecordedMotion(10, List.of(), true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RecordedMotion(0, List.of(sample(0, Quaternion.IDENTITY, 0)), true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
