package org.imucompanion.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;
import org.junit.jupiter.api.Test;

/** A haptic cue reaches the armband through its command characteristic; a wristband has none. */
class MyoHapticsIT {

  @Test
  void aCueIsWrittenToTheMyosCommandCharacteristic() throws Exception {
    VirtualTransport transport = VirtualTransport.create();
    VirtualMyo myo = new VirtualMyo("02:00:00:00:00:42", "Myo", AthleteMotion.demo());
    transport.addDevice(myo);
    LiveDevice device =
        DeviceFeed.start(transport, myo.address(), "Myo", Optional.of(DeviceKind.MYO), true, SampleSink.NONE);
    try {
      device.firstStreaming().get(10, TimeUnit.SECONDS);
      assertThat(device.canVibrate()).isTrue();
      device.buzz(HapticCues.MEDIUM);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (myo.vibrations() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(myo.vibrations()).isEqualTo(1);
    } finally {
      device.close();
    }
    assertThat(device.canVibrate()).isFalse();
  }

  @Test
  void aWristbandCannotVibrateAndACueDoesNothing() throws Exception {
    VirtualTransport transport = VirtualTransport.create();
    VirtualWristband band = new VirtualWristband("02:00:00:00:00:43", "Band", AthleteMotion.demo());
    transport.addDevice(band);
    LiveDevice device =
        DeviceFeed.start(transport, band.address(), "Band", Optional.empty(), true, SampleSink.NONE);
    try {
      device.firstStreaming().get(10, TimeUnit.SECONDS);
      assertThat(device.canVibrate()).isFalse();
      device.buzz(HapticCues.MEDIUM); // no effect, no failure
      assertThat(device.problem()).isEmpty();
    } finally {
      device.close();
    }
  }
}
