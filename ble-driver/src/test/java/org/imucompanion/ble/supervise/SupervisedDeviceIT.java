package org.imucompanion.ble.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.MyoListener;
import org.imucompanion.ble.profile.MyoProfile;
import org.imucompanion.ble.profile.EmgReading;
import org.imucompanion.ble.profile.PacketListener;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.ble.virtualbluez.Await;
import org.imucompanion.ble.virtualbluez.VirtualBluezSession;
import org.imucompanion.ble.virtualbluez.VirtualMyo;
import org.imucompanion.ble.virtualbluez.VirtualWristband;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reconnect supervision end to end: real BlueZ client code, virtual BlueZ, paced devices. */
class SupervisedDeviceIT {

  static final Duration WAIT = Duration.ofSeconds(8);
  static final Executor DIRECT = Runnable::run;
  static final WristbandConfig CONFIG =
      new WristbandConfig(200, AccelRange.G4, GyroRange.DPS500, false, false, 2); // 100 packets/s
  static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0);

  @RegisterExtension
  static final VirtualBluezSession bus = new VirtualBluezSession("5E:00:00:00:00:%02X");

  /** Everything a supervised wristband stream shows its user. */
  static final class Watched implements PacketListener<WristbandDataPacket>, SupervisorListener {
    final List<Integer> sequences = new CopyOnWriteArrayList<>();
    final List<StreamGap> gaps = new CopyOnWriteArrayList<>();
    final List<SupervisedState> states = new CopyOnWriteArrayList<>();
    final List<BleException> failures = new CopyOnWriteArrayList<>();
    StreamHealth health;

    @Override
    public void onPacket(TimedPacket<WristbandDataPacket> p) {
      sequences.add(p.packet().sequence());
    }

    @Override
    public void onStateChanged(SupervisedState s) {
      states.add(s);
    }

    @Override
    public void onGap(StreamGap gap) {
      gaps.add(gap);
    }

    @Override
    public void onAttemptFailed(BleException failure) {
      failures.add(failure);
    }

    String seen() {
      return "states " + states + " gaps " + gaps + " packets " + sequences.size() + " failures " + failures;
    }
  }

  SupervisedDevice<WristbandProfile.Session> superviseWristband(VirtualWristband band, Watched w) {
    w.health =
        StreamHealth.withSequenceNumbers(
            new StreamKey(band.peripheral().address(), WristbandUuids.DATA), NominalRate.ofSamples(200, 2));
    SupervisedDevice<WristbandProfile.Session> d =
        SupervisedDevice.start(
            bus.transport(),
            band.peripheral().address(),
            c -> WristbandProfile.start(c, w, Optional.of(w.health)),
            FAST,
            w,
            DIRECT);
    bus.closeAfterEach(d);
    return d;
  }

  @Test
  void afterALinkLossItReconnectsResubscribesOnceAndReportsTheGapWithoutDuplicates() {
    VirtualWristband band = VirtualWristband.add(bus.bluez(), bus.newAddress(), CONFIG, true);
    Watched w = new Watched();
    SupervisedDevice<?> d = superviseWristband(band, w);
    Await.until(() -> w.sequences.size() >= 30, WAIT, w::seen);
    band.peripheral().disconnectNow();
    Await.until(() -> w.gaps.size() == 1, WAIT, w::seen);
    int atResume = w.sequences.size();
    Await.until(() -> w.sequences.size() >= atResume + 30, WAIT, w::seen);

    assertThat(w.states).containsSubsequence(
        SupervisedState.STREAMING, SupervisedState.RECONNECTING, SupervisedState.STREAMING);
    assertThat(d.sessionsStarted()).isEqualTo(2);
    assertThat(d.session()).isPresent();
    assertThat(band.peripheral().startNotifyCalls(WristbandUuids.DATA)).as("one StartNotify per connection").isEqualTo(2);
    assertThat(band.peripheral().connectCalls()).isEqualTo(2);
    StreamGap gap = w.gaps.get(0);
    assertThat(gap.attempts()).isEqualTo(1);
    assertThat(gap.cause()).get().extracting(BleException::reason).isEqualTo(BleException.Reason.DISCONNECTED);
    assertThat(gap.duration()).isPositive().isLessThan(WAIT);
    // exactly one callback per packet: no sequence number twice, in order
    assertThat(w.sequences).doesNotHaveDuplicates().isSorted();
    assertThat(w.health.snapshot(System.nanoTime()).cumulative().duplicates()).isZero();
  }

  @Test
  void refusedReconnectsBackOffAndRetryUntilTheDeviceAccepts() {
    VirtualWristband band = VirtualWristband.add(bus.bluez(), bus.newAddress(), CONFIG, true);
    Watched w = new Watched();
    SupervisedDevice<?> d = superviseWristband(band, w);
    Await.until(() -> w.sequences.size() >= 10, WAIT, w::seen);
    band.peripheral().refuseConnections(2);
    band.peripheral().disconnectNow();
    Await.until(() -> w.gaps.size() == 1, WAIT, w::seen);
    assertThat(w.failures).extracting(BleException::reason)
        .containsExactly(BleException.Reason.CONNECT_FAILED, BleException.Reason.CONNECT_FAILED);
    assertThat(w.gaps.get(0).attempts()).isEqualTo(3);
    // 20 ms then 40 ms of backoff before the third attempt
    assertThat(w.gaps.get(0).duration()).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    assertThat(band.peripheral().connectCalls()).isEqualTo(4);
    assertThat(d.state()).isEqualTo(SupervisedState.STREAMING);
    int at = w.sequences.size();
    Await.until(() -> w.sequences.size() >= at + 10, WAIT, w::seen);
    assertThat(w.sequences).doesNotHaveDuplicates();
  }

  @Test
  void itGivesUpAfterThePolicysAttempts() {
    VirtualWristband band = VirtualWristband.add(bus.bluez(), bus.newAddress(), CONFIG, true);
    Watched w = new Watched();
    SupervisedDevice<?> d =
        SupervisedDevice.start(
            bus.transport(),
            band.peripheral().address(),
            c -> WristbandProfile.start(c, w, Optional.empty()),
            new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(10), 1.0, 3),
            w,
            DIRECT);
    bus.closeAfterEach(d);
    Await.until(() -> d.state() == SupervisedState.STREAMING, WAIT, w::seen);
    band.peripheral().refuseConnections(100);
    band.peripheral().disconnectNow();
    Await.until(() -> d.state() == SupervisedState.GAVE_UP, WAIT, w::seen);
    assertThat(w.failures).hasSize(3);
    assertThat(w.gaps).isEmpty();
  }

  @Test
  void closingTheTransportUnderASupervisorMakesItGiveUpInsteadOfRetryingForever() {
    VirtualWristband band = VirtualWristband.add(bus.bluez(), bus.newAddress(), CONFIG, true);
    Watched w = new Watched();
    SupervisedDevice<?> d = superviseWristband(band, w);
    Await.until(() -> d.state() == SupervisedState.STREAMING, WAIT, w::seen);
    bus.transport().close();
    Await.until(() -> d.state() == SupervisedState.GAVE_UP, WAIT, w::seen);
    assertThat(w.failures).extracting(BleException::reason).containsExactly(BleException.Reason.CLOSED);
    Await.until(() -> !band.peripheral().isConnected(), WAIT, () -> "still connected");
  }

  @Test
  void fourDevicesAtOnceEachRecoverIndependently() {
    List<VirtualWristband> bands = new ArrayList<>();
    List<Watched> watched = new ArrayList<>();
    List<SupervisedDevice<?>> devices = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      VirtualWristband b = VirtualWristband.add(bus.bluez(), bus.newAddress(), CONFIG, true);
      Watched w = new Watched();
      bands.add(b);
      watched.add(w);
      devices.add(superviseWristband(b, w));
    }
    for (Watched w : watched) {
      Await.until(() -> w.sequences.size() >= 20, WAIT, w::seen);
    }
    bands.get(1).peripheral().disconnectNow();
    bands.get(3).peripheral().disconnectNow();
    Await.until(() -> watched.get(1).gaps.size() == 1 && watched.get(3).gaps.size() == 1, WAIT, () -> watched.get(1).seen() + " / " + watched.get(3).seen());
    for (Watched w : watched) {
      int at = w.sequences.size();
      Await.until(() -> w.sequences.size() >= at + 20, WAIT, w::seen);
      assertThat(w.sequences).doesNotHaveDuplicates().isSorted();
    }
    assertThat(watched.get(0).gaps).isEmpty();
    assertThat(watched.get(2).gaps).isEmpty();
    assertThat(devices).extracting(SupervisedDevice::state).containsOnly(SupervisedState.STREAMING);
  }

  @Test
  void aMyoIsConfiguredAgainAfterEveryReconnectBecauseItForgetsItsMode() {
    VirtualMyo myo = VirtualMyo.add(bus.bluez(), bus.newAddress(), 70);
    myo.pace();
    List<Long> emgIndices = new CopyOnWriteArrayList<>();
    List<StreamGap> gaps = new CopyOnWriteArrayList<>();
    MyoListener l =
        new MyoListener() {
          @Override
          public void onImu(TimedPacket<MyoImuPacket> packet) {}

          @Override
          public void onEmg(EmgReading reading) {
            emgIndices.add(reading.sampleIndex());
          }
        };
    SupervisedDevice<?> d =
        SupervisedDevice.start(
            bus.transport(),
            myo.peripheral().address(),
            c -> MyoProfile.start(c, l, Optional.empty(), Optional.empty()),
            FAST,
            new SupervisorListener() {
              @Override
              public void onGap(StreamGap gap) {
                gaps.add(gap);
              }
            },
            DIRECT);
    bus.closeAfterEach(d);
    Await.until(() -> emgIndices.size() >= 40, WAIT, () -> emgIndices.size() + " emg");
    myo.peripheral().disconnectNow();
    assertThat(myo.isConfigured()).isFalse();
    Await.until(() -> gaps.size() == 1 && myo.isConfigured(), WAIT, () -> gaps + " " + myo.commands());
    int at = emgIndices.size();
    Await.until(() -> emgIndices.size() >= at + 40, WAIT, () -> emgIndices.size() + " emg");
    assertThat(myo.commands().stream().filter(c -> c.opcode() == MyoCommand.Opcode.SET_MODE).count()).isEqualTo(2);
    // Indices count from 0 in each session (the gap says how long the outage was): exactly two
    // runs, each strictly increasing, so no sample was delivered twice.
    List<List<Long>> runs = new ArrayList<>();
    for (long i : emgIndices) {
      if (runs.isEmpty() || i <= runs.get(runs.size() - 1).get(runs.get(runs.size() - 1).size() - 1)) {
        runs.add(new ArrayList<>());
      }
      runs.get(runs.size() - 1).add(i);
    }
    assertThat(runs).hasSize(2);
    assertThat(runs).allSatisfy(r -> assertThat(r.get(0)).isZero());
  }

  @Test
  void aMixedRoomOfFourDevicesStreamsAtRealRatesAndEachSurvivesALinkLoss() {
    VirtualWristband band1 = VirtualWristband.add(bus.bluez(), bus.newAddress(), CONFIG, true);
    VirtualWristband band2 = VirtualWristband.add(bus.bluez(), bus.newAddress(), WristbandConfig.DEFAULT, true);
    VirtualMyo myo = VirtualMyo.add(bus.bluez(), bus.newAddress(), 90);
    myo.pace();
    org.imucompanion.ble.virtualbluez.VirtualLegacyWristband legacy =
        org.imucompanion.ble.virtualbluez.VirtualLegacyWristband.add(bus.bluez(), bus.newAddress(), true);
    legacy.streamWhileConnected(Duration.ofMillis(20));

    Watched w1 = new Watched();
    Watched w2 = new Watched();
    superviseWristband(band1, w1);
    superviseWristband(band2, w2);
    List<Long> emg = new CopyOnWriteArrayList<>();
    List<StreamGap> myoGaps = new CopyOnWriteArrayList<>();
    bus.closeAfterEach(
        SupervisedDevice.start(
            bus.transport(),
            myo.peripheral().address(),
            c ->
                MyoProfile.start(
                    c,
                    new MyoListener() {
                      @Override
                      public void onImu(TimedPacket<MyoImuPacket> packet) {}

                      @Override
                      public void onEmg(EmgReading reading) {
                        emg.add(reading.sampleIndex());
                      }
                    },
                    Optional.empty(),
                    Optional.empty()),
            FAST,
            new SupervisorListener() {
              @Override
              public void onGap(StreamGap gap) {
                myoGaps.add(gap);
              }
            },
            DIRECT));
    List<Long> legacyTimes = new CopyOnWriteArrayList<>();
    List<StreamGap> legacyGaps = new CopyOnWriteArrayList<>();
    bus.closeAfterEach(
        SupervisedDevice.start(
            bus.transport(),
            legacy.peripheral().address(),
            c ->
                org.imucompanion.ble.profile.LegacyProfile.start(
                    c, p -> legacyTimes.add(p.hostTimeNanos()), Optional.empty(), Duration.ofMillis(20)),
            FAST,
            new SupervisorListener() {
              @Override
              public void onGap(StreamGap gap) {
                legacyGaps.add(gap);
              }
            },
            DIRECT));

    Await.until(
        () -> w1.sequences.size() >= 30 && w2.sequences.size() >= 10 && emg.size() >= 60 && legacyTimes.size() >= 10,
        WAIT,
        () -> w1.sequences.size() + "/" + w2.sequences.size() + "/" + emg.size() + "/" + legacyTimes.size());
    band1.peripheral().disconnectNow();
    band2.peripheral().disconnectNow();
    myo.peripheral().disconnectNow();
    legacy.peripheral().disconnectNow();
    Await.until(
        () -> w1.gaps.size() == 1 && w2.gaps.size() == 1 && myoGaps.size() == 1 && legacyGaps.size() == 1,
        WAIT,
        () -> w1.gaps + " " + w2.gaps + " " + myoGaps + " " + legacyGaps);
    int s1 = w1.sequences.size();
    int s2 = w2.sequences.size();
    int e = emg.size();
    int l = legacyTimes.size();
    Await.until(
        () -> w1.sequences.size() >= s1 + 30 && w2.sequences.size() >= s2 + 10 && emg.size() >= e + 60 && legacyTimes.size() >= l + 10,
        WAIT,
        () -> w1.sequences.size() + "/" + w2.sequences.size() + "/" + emg.size() + "/" + legacyTimes.size());
    assertThat(w1.sequences).doesNotHaveDuplicates().isSorted();
    assertThat(w2.sequences).doesNotHaveDuplicates().isSorted();
    assertThat(legacyTimes).isSorted();
    assertThat(band1.peripheral().startNotifyCalls(WristbandUuids.DATA)).isEqualTo(2);
    assertThat(band2.peripheral().startNotifyCalls(WristbandUuids.DATA)).isEqualTo(2);
  }
}
