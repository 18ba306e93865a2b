package org.imucompanion.ble.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.virtualbluez.Await;
import org.imucompanion.ble.virtualbluez.VirtualBluezSession;
import org.imucompanion.ble.virtualbluez.VirtualWristband;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session over the BlueZ transport and the virtual BlueZ, captured to btsnoop while it runs,
 * replays through the same profile to the same decoded packets, malformed ones included.
 */
class LiveCaptureReplayIT {

  static final Duration WAIT = Duration.ofSeconds(5);
  static final Executor DIRECT = Runnable::run;
  static final WristbandConfig CONFIG =
      new WristbandConfig(100, AccelRange.G16, GyroRange.DPS2000, true, true, 1);
  @RegisterExtension
  static final VirtualBluezSession bus = new VirtualBluezSession("CA:97:00:00:00:%02X");

  @Test
  void aCaptureOfALiveSessionReplaysToIdenticalDecodedPackets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("live.btsnoop");
    VirtualWristband band = VirtualWristband.add(bus.bluez(), "CA:97:00:00:00:01", CONFIG, false);
    PacketLog<WristbandDataPacket> live = new PacketLog<>();
    try (BluezTransport transport = bus.openTransport();
        CaptureWriter capture = CaptureWriter.create(file)) {
      BleConnection c =
          transport.connect(band.peripheral().address(), ConnectionListener.IGNORE, DIRECT).get(5, TimeUnit.SECONDS);
      var chars = c.characteristics().get(5, TimeUnit.SECONDS);
      byte[] config = c.read(WristbandUuids.CONFIG).get(5, TimeUnit.SECONDS);
      capture.addDevice(
          new CaptureDevice(
              c.address(), Optional.of("IMU Wristband"), "wristband-v1", chars, Map.of(WristbandUuids.CONFIG, config)));
      // The capture subscribes first, so it holds every notification the profile sees.
      c.subscribe(WristbandUuids.DATA, capture.listener()).get(5, TimeUnit.SECONDS);
      WristbandProfile.Session s = WristbandProfile.start(c, live, Optional.empty()).get(5, TimeUnit.SECONDS);
      band.emit(40);
      band.peripheral().dropNext(2);
      band.emit(5);
      band.peripheral().corruptNext(1);
      band.emit(5);
      band.peripheral().duplicateNext(1);
      band.emit(30);
      Await.until(() -> live.size() + live.malformed().size() == 78, WAIT, () -> live.size() + " live packets");
      Await.until(() -> capture.written() == 79, WAIT, () -> capture.written() + " captured");
      assertThat(capture.failure()).isEmpty();
      assertThat(live.size()).isEqualTo(77); // 80 made, 2 dropped, 1 corrupt, 1 duplicate dropped
      assertThat(live.malformed()).hasSize(1);
      s.close();
      c.close();
    }
    assertThat(Files.size(file)).isPositive();

    PacketLog<WristbandDataPacket> replayed = new PacketLog<>();
    try (CaptureReplay replay = CaptureReplay.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE)) {
      BleConnection c =
          replay.connect("CA:97:00:00:00:01", ConnectionListener.IGNORE, DIRECT).get(5, TimeUnit.SECONDS);
      WristbandProfile.Session s = WristbandProfile.start(c, replayed, Optional.empty()).get(5, TimeUnit.SECONDS);
      assertThat(s.config()).isEqualTo(CONFIG);
      CaptureReplay.Report report = replay.play().get(10, TimeUnit.SECONDS);
      assertThat(report.delivered()).isEqualTo(79);
      Await.until(() -> replayed.size() + replayed.malformed().size() == 78, WAIT, () -> replayed.size() + " replayed");
      assertThat(s.duplicatesDropped()).isEqualTo(1);
      s.close();
      c.close();
    }
    assertThat(replayed.values()).isEqualTo(live.values());
    assertThat(replayed.malformed()).extracting(MalformedNotification::reason)
        .isEqualTo(live.malformed().stream().map(MalformedNotification::reason).toList());
    assertThat(replayed.malformed()).extracting(m -> java.util.HexFormat.of().formatHex(m.value()))
        .isEqualTo(live.malformed().stream().map(m -> java.util.HexFormat.of().formatHex(m.value())).toList());
  }
}
