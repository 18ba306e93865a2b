package org.imucompanion.ble.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.health.HealthWindow;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.virtualbluez.Await;
import org.imucompanion.ble.virtualbluez.VirtualBluezSession;
import org.imucompanion.ble.virtualbluez.VirtualWristband;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wristband profile through the BlueZ transport and the virtual BlueZ, with every fault the
 * virtual device can inject, asserting what a user of the stream sees.
 */
class WristbandProfileIT {

  static final Duration WAIT = Duration.ofSeconds(5);
  static final Executor DIRECT = Runnable::run;
  static final WristbandConfig CONFIG =
      new WristbandConfig(200, AccelRange.G8, GyroRange.DPS1000, false, true, 2);

  @RegisterExtension
  static final VirtualBluezSession bus = new VirtualBluezSession("AB:00:00:00:00:%02X");

  VirtualWristband band;
  BleConnection connection;
  StreamHealth health;
  PacketLog<WristbandDataPacket> log;
  WristbandProfile.Session session;

  @BeforeEach
  void startStream() throws Exception {
    String address = bus.newAddress();
    band = VirtualWristband.add(bus.bluez(), address, CONFIG, false);
    connection =
        bus.closeAfterEach(
            bus.transport().connect(address, ConnectionListener.IGNORE, DIRECT).get(5, TimeUnit.SECONDS));
    health =
        StreamHealth.withSequenceNumbers(
            new StreamKey(address, WristbandUuids.DATA), NominalRate.ofSamples(200, 2));
    log = new PacketLog<>();
    session =
        bus.closeAfterEach(
            WristbandProfile.start(connection, log, Optional.of(health)).get(5, TimeUnit.SECONDS));
  }

  HealthWindow cumulative() {
    return health.snapshot(System.nanoTime()).cumulative();
  }

  @Test
  void startReadsConfigSubscribesThenStartsAndPacketsDecodeExactly() throws Exception {
    assertThat(session.config()).isEqualTo(CONFIG);
    assertThat(band.isStreaming()).isTrue();
    assertThat(band.peripheral().writes(WristbandUuids.CONTROL))
        .containsExactly(WristbandControl.startStream().encode());
    band.emit(100);
    Await.until(() -> log.size() == 100, WAIT, () -> log.size() + " packets");
    assertThat(log.values()).isEqualTo(band.generated());
    HealthWindow c = cumulative();
    assertThat(c.packets()).isEqualTo(100);
    assertThat(c.samples()).isEqualTo(200);
    assertThat(c.lost()).isZero();
    assertThat(c.duplicates()).isZero();
    assertThat(c.malformed()).isZero();
  }

  @Test
  void aGattTableChangeMidStreamKeepsTheProfilesSubscriptionWithoutLossOrRepeats() {
    band.emit(10);
    Await.until(() -> log.size() == 10, WAIT, () -> log.size() + " packets");
    band.peripheral().changeServices();
    // the old objects and their notify session are gone; the connection subscribes again, once
    Await.until(
        () -> band.peripheral().hasNotifySession(WristbandUuids.DATA),
        WAIT,
        () -> band.peripheral().startNotifyCalls(WristbandUuids.DATA) + " StartNotify calls");
    band.emit(10);
    Await.until(() -> log.size() == 20, WAIT, () -> log.size() + " packets");
    assertThat(log.values()).isEqualTo(band.generated());
    assertThat(band.peripheral().startNotifyCalls(WristbandUuids.DATA)).isEqualTo(2);
    assertThat(connection.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    assertThat(cumulative().lost()).isZero();
    assertThat(cumulative().duplicates()).isZero();
  }

  @Test
  void droppedPacketsAreCountedLostAndTheRestStillArrive() {
    band.emit(10);
    band.peripheral().dropNext(3);
    band.emit(20);
    Await.until(() -> log.size() == 27, WAIT, () -> log.size() + " packets");
    List<WristbandDataPacket> expected = new java.util.ArrayList<>(band.generated());
    expected.subList(10, 13).clear();
    assertThat(log.values()).isEqualTo(expected);
    assertThat(cumulative().lost()).isEqualTo(3);
    assertThat(band.peripheral().droppedByFault()).isEqualTo(3);
  }

  @Test
  void duplicatedPacketsAreCountedAndNoSampleReachesTheUserTwice() {
    band.emit(5);
    band.peripheral().duplicateNext(2);
    band.emit(5);
    Await.until(() -> session.duplicatesDropped() == 2 && log.size() == 10, WAIT, () -> log.size() + " packets, dups " + session.duplicatesDropped());
    assertThat(log.values()).isEqualTo(band.generated());
    assertThat(log.values().stream().map(WristbandDataPacket::sequence).distinct().count()).isEqualTo(10);
    assertThat(cumulative().duplicates()).isEqualTo(2);
    assertThat(cumulative().lost()).isZero();
  }

  @Test
  void reorderedPacketsAreCountedOutOfOrderAndNotLost() {
    band.emit(5);
    band.peripheral().reorderNext();
    band.emit(5);
    Await.until(() -> log.size() == 10, WAIT, () -> log.size() + " packets");
    List<Integer> seqs = log.values().stream().map(WristbandDataPacket::sequence).toList();
    assertThat(seqs).containsExactly(0, 1, 2, 3, 4, 6, 5, 7, 8, 9);
    assertThat(cumulative().outOfOrder()).isEqualTo(1);
    assertThat(cumulative().lost()).isZero();
  }

  @Test
  void corruptedPacketsAreCountedMalformedWithTheirReasonAndTheStreamGoesOn() {
    band.emit(3);
    band.peripheral().corruptNext(1); // flips the CRC's last byte
    band.peripheral().corruptNext(b -> java.util.Arrays.copyOf(b, 5)); // cut inside the header
    band.emit(4);
    Await.until(() -> log.size() + log.malformed().size() == 7, WAIT, () -> log.size() + " packets");
    assertThat(log.malformed()).extracting(MalformedNotification::reason)
        .containsExactly(ProtocolException.Reason.CRC_MISMATCH, ProtocolException.Reason.TRUNCATED);
    assertThat(session.malformed()).isEqualTo(2);
    assertThat(log.values()).extracting(WristbandDataPacket::sequence).containsExactly(0, 1, 2, 5, 6);
    HealthWindow c = cumulative();
    assertThat(c.malformed()).isEqualTo(2);
    assertThat(health.snapshot(System.nanoTime()).malformedByReason())
        .containsEntry(ProtocolException.Reason.CRC_MISMATCH, 1L)
        .containsEntry(ProtocolException.Reason.TRUNCATED, 1L);
    // the two corrupt packets' sequence numbers never arrived intact: they count as lost too
    assertThat(c.lost()).isEqualTo(2);
  }

  @Test
  void aStalledLinkDeliversEverythingLateInABurst() {
    band.emit(5);
    Await.until(() -> log.size() == 5, WAIT, () -> log.size() + " packets");
    band.peripheral().stall(Duration.ofMillis(300));
    band.emit(5);
    Await.until(() -> log.size() == 10, WAIT, () -> log.size() + " packets");
    List<TimedPacket<WristbandDataPacket>> got = log.packets();
    long gapNanos = got.get(5).hostTimeNanos() - got.get(4).hostTimeNanos();
    assertThat(Duration.ofNanos(gapNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(log.values()).isEqualTo(band.generated());
    assertThat(cumulative().lost()).isZero();
  }

  @Test
  void stopStreamingTellsTheDevice() throws Exception {
    session.stopStreaming().get(5, TimeUnit.SECONDS);
    assertThat(band.isStreaming()).isFalse();
    assertThat(band.emit(5)).isZero();
  }
}
