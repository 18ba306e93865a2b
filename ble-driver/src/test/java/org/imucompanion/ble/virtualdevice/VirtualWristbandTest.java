package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamHealthSnapshot;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualWristbandTest {

  private static final Executor DIRECT = Runnable::run;
  private final VirtualTransport transport = VirtualTransport.create();
  private final VirtualWristband band =
      new VirtualWristband("C0:FF:EE:00:00:01", "IMU Wristband", SyntheticWorkout.demo());

  @AfterEach
  void close() {
    transport.close();
  }

  private BleConnection connect() throws Exception {
    transport.addDevice(band);
    BleConnection c =
        transport.connect(band.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    c.servicesResolved().get(5, TimeUnit.SECONDS);
    return c;
  }

  private static void control(BleConnection c, WristbandControl command) {
    c.write(WristbandUuids.CONTROL, command.encode(), WriteType.WITHOUT_RESPONSE).join();
  }

  /** Quantisation of one count at the config's ranges (the encoder rounds to the nearest). */
  private static void assertSampleMatches(
      WristbandSample got, MotionSample want, WristbandConfig cfg) {
    double accelStep = cfg.accelRange().scale().unitsPerLsb();
    double gyroStep = cfg.gyroRange().scale().unitsPerLsb();
    assertVector(got.accelG(), want.accelG(), accelStep);
    assertVector(got.gyroRadPerS(), want.gyroRadPerS(), gyroStep);
    if (cfg.magnetometer()) {
      assertVector(got.magMicroTesla().orElseThrow(), want.magMicroTesla(), 0.15);
    } else {
      assertThat(got.magMicroTesla()).isEmpty();
    }
  }

  private static void assertVector(Vector3 got, Vector3 want, double step) {
    assertThat(got.x()).isCloseTo(want.x(), within(step * 0.51));
    assertThat(got.y()).isCloseTo(want.y(), within(step * 0.51));
    assertThat(got.z()).isCloseTo(want.z(), within(step * 0.51));
  }

  @Test
  void notificationsDecodeToTheMotionSourcesSamplesInOrderAtTheNominalRate() throws Exception {
    BleConnection c = connect();
    assertThat(WristbandConfig.decode(c.read(WristbandUuids.CONFIG).join()))
        .isEqualTo(WristbandConfig.DEFAULT);
    WristbandConfig cfg = new WristbandConfig(100, AccelRange.G8, GyroRange.DPS1000, true, true, 4);
    c.write(WristbandUuids.CONFIG, cfg.encode(), WriteType.WITH_RESPONSE).join();
    assertThat(WristbandConfig.decode(c.read(WristbandUuids.CONFIG).join())).isEqualTo(cfg);

    NotificationLog log = new NotificationLog();
    c.subscribe(WristbandUuids.DATA, log).get(5, TimeUnit.SECONDS);
    RateWindow window = RateWindow.start(() -> control(c, WristbandControl.startStream()));
    Thread.sleep(2000);
    window.stop(() -> control(c, WristbandControl.stopStream()));
    // what the band sent before it stopped may still be on its way to the listener
    Await.until("every packet sent is delivered", () -> log.size() == band.packetsSent());
    List<Notification> got = log.all();

    StreamHealth health =
        StreamHealth.withSequenceNumbers(
            new StreamKey(band.address(), WristbandUuids.DATA), NominalRate.ofSamples(100, 4));
    long previous = -1;
    for (int i = 0; i < got.size(); i++) {
      Notification n = got.get(i);
      WristbandDataPacket p = WristbandCodec.decode(n.value(), cfg);
      assertThat(p.sequence()).isEqualTo(i);
      assertThat(p.samples()).hasSize(4);
      for (int k = 0; k < p.samples().size(); k++) {
        long t = band.motionNanosOf(p.sampleTimeMicros(k, 100));
        if (previous >= 0) {
          assertThat(t - previous)
              .as("one sample period, across packets too")
              .isEqualTo(10_000_000L);
        }
        previous = t;
        assertSampleMatches(p.samples().get(k), band.motion().sampleAt(t), cfg);
      }
      health.recordPacket(n.hostTimeNanos(), n.length(), p.sequence(), p.samples().size());
    }
    // 100 Hz in packets of 4: 25 packets a second for as long as the stream ran.
    window.assertCount("wristband packets", got.size(), 25, 2);
    StreamHealthSnapshot s = health.snapshot(got.get(got.size() - 1).hostTimeNanos());
    assertThat(s.cumulative().lost()).isZero();
    assertThat(s.cumulative().samplesPerSecond()).isCloseTo(100.0, within(10.0));
    assertThat(band.packetsSent()).isEqualTo(got.size());
  }

  @Test
  void deviceClockWrapsAndSequenceRestartsAtEachStart() throws Exception {
    BleConnection c = connect();
    NotificationLog log = new NotificationLog();
    c.subscribe(WristbandUuids.DATA, log).get(5, TimeUnit.SECONDS);
    control(c, WristbandControl.startStream());
    Await.until("10 packets", () -> log.size() >= 10);
    control(c, WristbandControl.stopStream());
    int first = log.size();
    control(c, WristbandControl.startStream());
    Await.until("10 more", () -> log.size() >= first + 10);
    control(c, WristbandControl.stopStream());
    List<Integer> seqs = new ArrayList<>();
    for (Notification n : log.all()) {
      seqs.add(WristbandCodec.decode(n.value(), WristbandConfig.DEFAULT).sequence());
    }
    assertThat(seqs.subList(0, 3)).containsExactly(0, 1, 2);
    assertThat(seqs.subList(first, first + 3)).containsExactly(0, 1, 2);
    // Device time: 50 Hz, one sample a packet, 20 ms apart even across the 2^32 wrap.
    VirtualWristband wrapping =
        new VirtualWristband(
            "C0:FF:EE:00:00:02", "Wrap", SyntheticWorkout.demo(), 0xFFFF_FFFFL - 30_000);
    transport.addDevice(wrapping);
    BleConnection w =
        transport.connect(wrapping.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    NotificationLog wlog = new NotificationLog();
    w.subscribe(WristbandUuids.DATA, wlog).get(5, TimeUnit.SECONDS);
    control(w, WristbandControl.startStream());
    Await.until("packets across the wrap", () -> wlog.size() >= 20);
    List<Long> t0 = new ArrayList<>();
    for (Notification n : wlog.all().subList(0, 20)) {
      t0.add(WristbandCodec.decode(n.value(), WristbandConfig.DEFAULT).deviceTimeMicros());
    }
    assertThat(t0).anyMatch(t -> t < 1_000_000L); // wrapped
    for (int i = 1; i < t0.size(); i++) {
      assertThat((t0.get(i) - t0.get(i - 1)) & 0xFFFF_FFFFL).isEqualTo(20_000L);
    }
  }

  @Test
  void configTheLinkCannotCarryIsRefused() throws Exception {
    band.setMtu(23);
    BleConnection c = connect();
    WristbandConfig nineAxisCrc =
        new WristbandConfig(50, AccelRange.G4, GyroRange.DPS500, true, true, 1);
    CompletionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class,
            () ->
                c.write(WristbandUuids.CONFIG, nineAxisCrc.encode(), WriteType.WITH_RESPONSE)
                    .join());
    assertThat(((BleException) e.getCause()).reason()).isEqualTo(BleException.Reason.REFUSED);
    assertThat(band.config()).isEqualTo(WristbandConfig.DEFAULT);
  }

  @Test
  void injectedFaultsShowUpInStreamHealthExactly() throws Exception {
    BleConnection c = connect();
    WristbandConfig cfg = new WristbandConfig(200, AccelRange.G4, GyroRange.DPS500, false, true, 2);
    c.write(WristbandUuids.CONFIG, cfg.encode(), WriteType.WITH_RESPONSE).join();
    StreamHealth health =
        StreamHealth.withSequenceNumbers(
            new StreamKey(band.address(), WristbandUuids.DATA), NominalRate.ofSamples(200, 2));
    NotificationLog log = new NotificationLog();
    c.subscribe(WristbandUuids.DATA, log).get(5, TimeUnit.SECONDS);
    LinkFaults faults = band.faults();
    control(c, WristbandControl.startStream());
    // Loss before the first packet cannot be seen: let the stream start first.
    Await.until("first packets", () -> log.size() >= 5);
    // One fault at a time, each on packets of its own, so that the expected figures add up.
    faults.dropNext(3);
    Await.until("drops", () -> faults.counts().dropped() == 3);
    faults.corruptNext(2, Corruption.flipByte(-1)); // breaks the CRC
    Await.until("corruption", () -> faults.counts().corrupted() == 2);
    faults.reorderNext(1);
    Await.until("reordering", () -> faults.counts().reordered() == 1);
    faults.duplicateNext(2);
    Await.until("duplicates", () -> faults.counts().duplicated() == 2);
    int seen = log.size();
    Await.until("clean packets after the faults", () -> log.size() >= seen + 10);
    control(c, WristbandControl.stopStream());
    // 3 dropped, 2 duplicated; the last ones may still be on their way to the listener
    Await.until("the rest delivered", () -> log.size() >= band.packetsSent() - 3 + 2);

    for (Notification n : log.all()) {
      try {
        WristbandDataPacket p = WristbandCodec.decode(n.value(), cfg);
        health.recordPacket(n.hostTimeNanos(), n.length(), p.sequence(), p.samples().size());
      } catch (ProtocolException e) {
        health.recordMalformed(n.hostTimeNanos(), n.length(), e.reason());
      }
    }
    StreamHealthSnapshot s = health.snapshot(System.nanoTime());
    assertThat(faults.counts()).isEqualTo(new LinkFaults.Counts(3, 2, 1, 2, 0, 0, 0));
    assertThat(s.malformedByReason())
        .containsEntry(ProtocolException.Reason.CRC_MISMATCH, 2L)
        .hasSize(1);
    // Dropped packets and packets whose bytes were ruined both leave gaps in the sequence.
    assertThat(s.cumulative().lost()).isEqualTo(3 + 2);
    assertThat(s.cumulative().duplicates()).isEqualTo(2);
    assertThat(s.cumulative().outOfOrder()).isEqualTo(1);
    assertThat(log.size()).isEqualTo(band.packetsSent() - 3 + 2);
  }

  @Test
  void stallHoldsPacketsAndReleasesThemInABurst() throws Exception {
    BleConnection c = connect();
    StreamHealth health =
        StreamHealth.withSequenceNumbers(
            new StreamKey(band.address(), WristbandUuids.DATA), NominalRate.ofSamples(50, 1));
    NotificationLog log = new NotificationLog();
    c.subscribe(WristbandUuids.DATA, log).get(5, TimeUnit.SECONDS);
    control(c, WristbandControl.startStream());
    Await.until("stream runs", () -> log.size() >= 5);
    band.faults().stall(Duration.ofMillis(400));
    Thread.sleep(700);
    control(c, WristbandControl.stopStream());
    Await.until("the stalled burst delivered", () -> log.size() >= band.packetsSent());
    for (Notification n : log.all()) {
      WristbandDataPacket p = WristbandCodec.decode(n.value(), WristbandConfig.DEFAULT);
      health.recordPacket(n.hostTimeNanos(), n.length(), p.sequence(), 1);
    }
    StreamHealthSnapshot s = health.snapshot(System.nanoTime());
    assertThat(band.faults().counts().stalled()).isGreaterThanOrEqualTo(15);
    assertThat(s.cumulative().lost()).as("a stall delays, it does not lose").isZero();
    assertThat(s.cumulative().interArrival().orElseThrow().p99())
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(log.size()).isEqualTo(band.packetsSent());
  }
}
