package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.MyoProfile;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCaptureTest {

  @TempDir Path dir;

  @Test
  void capturesADeviceWithItsGattTableReadValuesAndEveryNotification() throws Exception {
    Path file = dir.resolve("live.btsnoop");
    VirtualWristband band =
        new VirtualWristband("C0:FF:EE:00:00:07", "IMU Wristband", SyntheticWorkout.demo());
    long sent;
    try (VirtualTransport transport = VirtualTransport.create();
        CaptureWriter writer = CaptureWriter.create(file)) {
      transport.addDevice(band);
      BleConnection c =
          transport.connect(band.address(), (s, x) -> {}, Runnable::run).get(5, TimeUnit.SECONDS);
      try (LiveCapture capture =
          LiveCapture.start(writer, c, band.name(), band.kind(), Set.of(WristbandUuids.CONFIG))
              .get(5, TimeUnit.SECONDS)) {
        assertThat(capture.streams()).isEqualTo(1);
        c.write(
                WristbandUuids.CONTROL,
                WristbandControl.startStream().encode(),
                WriteType.WITHOUT_RESPONSE)
            .join();
        Thread.sleep(300);
        c.write(
                WristbandUuids.CONTROL,
                WristbandControl.stopStream().encode(),
                WriteType.WITHOUT_RESPONSE)
            .join();
        sent = band.packetsSent();
        // Notifications reach the capture asynchronously: wait for the last one sent before
        // closing, or a packet still in flight at close would be missed by the test, not the code.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writer.written() < sent && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      assertThat(writer.failure()).isEmpty();
    }
    Capture read = CaptureReader.readAll(file);
    CaptureDevice d = read.devices().get(0);
    assertThat(d.address()).isEqualTo(band.address());
    assertThat(d.name()).isEqualTo(Optional.of("IMU Wristband"));
    assertThat(d.kind()).isEqualTo("wristband-v1");
    assertThat(d.characteristics()).isEqualTo(band.characteristics());
    assertThat(WristbandConfig.decode(d.readValues().get(WristbandUuids.CONFIG)))
        .isEqualTo(WristbandConfig.DEFAULT);
    assertThat(read.notifications()).hasSize((int) sent).isNotEmpty();
    for (int i = 0; i < read.notifications().size(); i++) {
      assertThat(
              WristbandCodec.decode(read.notifications().get(i).value(), WristbandConfig.DEFAULT)
                  .sequence())
          .isEqualTo(i);
    }
  }

  @Test
  void capturesEveryCharacteristicOfAMyoWithItsServicesAndFirmwareValues() throws Exception {
    Path file = dir.resolve("myo.btsnoop");
    VirtualMyo armband = new VirtualMyo("DE:AD:BE:EF:00:09", "Myo", SyntheticWorkout.demo());
    try (VirtualTransport transport = VirtualTransport.create();
        CaptureWriter writer = CaptureWriter.create(file)) {
      transport.addDevice(armband);
      BleConnection c =
          transport.connect(armband.address(), (s, x) -> {}, Runnable::run).get(5, TimeUnit.SECONDS);
      try (LiveCapture capture =
          LiveCapture.start(writer, c, armband.name(), DeviceKind.MYO).get(5, TimeUnit.SECONDS)) {
        // IMU, classifier events, four EMG and the battery level
        assertThat(capture.streams()).isEqualTo(7);
        c.write(MyoUuids.COMMAND, MyoProfile.SET_MODE.encode(), WriteType.WITH_RESPONSE).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writer.written() < 20 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      assertThat(writer.failure()).isEmpty();
    }
    Capture read = CaptureReader.readAll(file);
    CaptureDevice d = read.devices().get(0);
    assertThat(d.kind()).isEqualTo("myo");
    assertThat(d.characteristics()).isEqualTo(armband.characteristics());
    assertThat(d.readValues().keySet())
        .containsExactlyInAnyOrder(MyoUuids.FIRMWARE_VERSION, MyoUuids.FIRMWARE_INFO);
    assertThat(read.notifications()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(read.notifications())
        .extracting(CapturedNotification::characteristic)
        .contains(MyoUuids.IMU_DATA, MyoUuids.EMG_DATA_0, MyoUuids.EMG_DATA_3);
  }

  @Test
  void aReconnectedDeviceGoesOnInTheSameCapture() throws Exception {
    Path file = dir.resolve("reconnect.btsnoop");
    VirtualWristband band =
        new VirtualWristband("C0:FF:EE:00:00:08", "IMU Wristband", SyntheticWorkout.demo());
    try (VirtualTransport transport = VirtualTransport.create();
        CaptureWriter writer = CaptureWriter.create(file)) {
      transport.addDevice(band);
      for (int session = 1; session <= 2; session++) {
        BleConnection c =
            transport.connect(band.address(), (s, x) -> {}, Runnable::run).get(5, TimeUnit.SECONDS);
        try (LiveCapture capture =
            LiveCapture.start(writer, c, band.name(), DeviceKind.WRISTBAND_V1)
                .get(5, TimeUnit.SECONDS)) {
          c.write(
                  WristbandUuids.CONTROL,
                  WristbandControl.startStream().encode(),
                  WriteType.WITHOUT_RESPONSE)
              .join();
          long wanted = 5L * session;
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (writer.written() < wanted && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
          assertThat(writer.written()).isGreaterThanOrEqualTo(wanted);
        } finally {
          c.close();
        }
      }
      assertThat(writer.failure()).isEmpty();
      assertThat(writer.devices()).hasSize(1);
    }
    Capture read = CaptureReader.readAll(file);
    assertThat(read.devices()).hasSize(1);
    assertThat(read.notifications()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(read.damage()).isEmpty();
  }
}
