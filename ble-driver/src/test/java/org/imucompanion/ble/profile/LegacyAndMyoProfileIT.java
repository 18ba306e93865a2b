package org.imucompanion.ble.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.virtualbluez.Await;
import org.imucompanion.ble.virtualbluez.VirtualBluezSession;
import org.imucompanion.ble.virtualbluez.VirtualLegacyWristband;
import org.imucompanion.ble.virtualbluez.VirtualMyo;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The legacy and Myo profiles through the BlueZ transport and the virtual BlueZ. */
class LegacyAndMyoProfileIT {

  static final Duration WAIT = Duration.ofSeconds(5);
  static final Executor DIRECT = Runnable::run;

  @RegisterExtension
  static final VirtualBluezSession bus = new VirtualBluezSession("CD:00:00:00:00:%02X");

  BleConnection connect(String address) throws Exception {
    BleConnection c = bus.transport().connect(address, ConnectionListener.IGNORE, DIRECT).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(c);
    return c;
  }

  @Test
  void legacyNotifyingFirmwareDecodesThe20BytesThatFitTheDefaultMtu() throws Exception {
    VirtualLegacyWristband band = VirtualLegacyWristband.add(bus.bluez(), bus.newAddress(), true);
    PacketLog<LegacyWristbandPacket> log = new PacketLog<>();
    BleConnection c = connect(band.peripheral().address());
    LegacyProfile.Session s =
        LegacyProfile.start(c, log, Optional.empty(), Duration.ofMillis(20)).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(s);
    assertThat(s.mode()).isEqualTo(LegacyProfile.Mode.NOTIFY);
    Recording r = new Recording();
    c.subscribe(LegacyUuids.DATA, n -> r.add(n.length())).get(5, TimeUnit.SECONDS);
    band.emit(20);
    Await.until(() -> log.size() == 20, WAIT, () -> log.size() + " packets");
    assertThat(log.values()).isEqualTo(band.generated());
    Await.until(() -> r.count() == 20, WAIT, r::toString);
    assertThat(r.lengths()).as("a 32-byte value arrives as its first 20 bytes at MTU 23").containsOnly(20);
  }

  @Test
  void legacyReadOnlyFirmwareIsPolledAtTheInterval() throws Exception {
    VirtualLegacyWristband band = VirtualLegacyWristband.add(bus.bluez(), bus.newAddress(), false);
    band.next();
    PacketLog<LegacyWristbandPacket> log = new PacketLog<>();
    BleConnection c = connect(band.peripheral().address());
    LegacyProfile.Session s =
        LegacyProfile.start(c, log, Optional.empty(), Duration.ofMillis(20)).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(s);
    assertThat(s.mode()).isEqualTo(LegacyProfile.Mode.POLL);
    Await.until(() -> log.size() >= 10, WAIT, () -> log.size() + " polls");
    assertThat(log.values()).allMatch(p -> p.equals(band.generated().get(0)));
    band.next();
    Await.until(() -> log.values().contains(band.generated().get(1)), WAIT, () -> log.size() + " polls");
    s.close();
    int after = log.size();
    Thread.sleep(100);
    assertThat(log.size()).as("no polling after close").isLessThanOrEqualTo(after + 1);
  }

  @Test
  void legacyMalformedValuesAreCountedWithTheirReason() throws Exception {
    VirtualLegacyWristband band = VirtualLegacyWristband.add(bus.bluez(), bus.newAddress(), true);
    PacketLog<LegacyWristbandPacket> log = new PacketLog<>();
    BleConnection c = connect(band.peripheral().address());
    StreamHealth health =
        StreamHealth.withoutSequenceNumbers(
            new StreamKey(c.address(), LegacyUuids.DATA), NominalRate.ofSamples(50, 1));
    bus.closeAfterEach(LegacyProfile.start(c, log, Optional.of(health), Duration.ofMillis(20)).get(5, TimeUnit.SECONDS));
    band.emit(2);
    band.peripheral().corruptNext(b -> java.util.Arrays.copyOf(b, 10));
    band.emit(2);
    Await.until(() -> log.size() + log.malformed().size() == 4, WAIT, () -> log.size() + " packets");
    assertThat(log.malformed()).extracting(MalformedNotification::reason).containsExactly(ProtocolException.Reason.TRUNCATED);
    assertThat(health.snapshot(System.nanoTime()).cumulative().malformed()).isEqualTo(1);
    assertThat(log.size()).isEqualTo(3);
  }

  @Test
  void legacyStallDeliversEverythingLateAndNothingIsLost() throws Exception {
    VirtualLegacyWristband band = VirtualLegacyWristband.add(bus.bluez(), bus.newAddress(), true);
    PacketLog<LegacyWristbandPacket> log = new PacketLog<>();
    BleConnection c = connect(band.peripheral().address());
    bus.closeAfterEach(LegacyProfile.start(c, log, Optional.empty(), Duration.ofMillis(20)).get(5, TimeUnit.SECONDS));
    band.emit(3);
    Await.until(() -> log.size() == 3, WAIT, () -> log.size() + " packets");
    band.peripheral().stall(Duration.ofMillis(250));
    band.emit(3);
    Thread.sleep(100);
    assertThat(log.size()).as("nothing arrives during the stall").isEqualTo(3);
    Await.until(() -> log.size() == 6, WAIT, () -> log.size() + " packets");
    assertThat(log.values()).isEqualTo(band.generated());
  }

  /** Collects Myo output. */
  static final class MyoLog implements MyoListener {
    final List<TimedPacket<MyoImuPacket>> imu = new ArrayList<>();
    final List<EmgReading> emg = new ArrayList<>();
    final List<MalformedNotification> malformed = new ArrayList<>();

    @Override
    public synchronized void onMalformed(MalformedNotification m) {
      malformed.add(m);
    }

    @Override
    public synchronized void onImu(TimedPacket<MyoImuPacket> p) {
      imu.add(p);
    }

    @Override
    public synchronized void onEmg(EmgReading r) {
      emg.add(r);
    }

    synchronized int imuCount() {
      return imu.size();
    }

    synchronized List<EmgReading> emg() {
      return List.copyOf(emg);
    }
  }

  /** Lengths of raw notifications. */
  static final class Recording {
    private final List<Integer> lengths = new ArrayList<>();

    synchronized void add(int length) {
      lengths.add(length);
    }

    synchronized int count() {
      return lengths.size();
    }

    synchronized List<Integer> lengths() {
      return List.copyOf(lengths);
    }

    @Override
    public synchronized String toString() {
      return lengths.toString();
    }
  }

  @Test
  void myoIsPutInRawEmgAndImuModeNeverSleepsAndMergesItsFourEmgCharacteristicsInOrder() throws Exception {
    VirtualMyo myo = VirtualMyo.add(bus.bluez(), bus.newAddress(), 64);
    BleConnection c = connect(myo.peripheral().address());
    MyoLog log = new MyoLog();
    MyoProfile.Session s = MyoProfile.start(c, log, Optional.empty(), Optional.empty()).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(s);
    assertThat(myo.commands())
        .containsExactly(
            MyoCommand.setMode(MyoCommand.EMG_RAW, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED),
            MyoCommand.setSleepMode(true));
    assertThat(myo.isConfigured()).isTrue();
    for (var uuid : MyoUuids.EMG_DATA) {
      assertThat(myo.peripheral().hasNotifySession(uuid)).isTrue();
    }
    myo.emitEmg(40);
    myo.emitImu(5);
    Await.until(() -> log.emg().size() == 80 && log.imuCount() == 5, WAIT, () -> log.emg().size() + " emg");
    List<EmgReading> emg = log.emg();
    assertThat(emg).extracting(EmgReading::sampleIndex).containsExactlyElementsOf(
        java.util.stream.LongStream.range(0, 80).boxed().toList());
    assertThat(emg).extracting(EmgReading::sample).containsExactlyElementsOf(myo.emgGenerated());
    assertThat(s.emgSamplesInferredLost()).isZero();
    s.vibrate(2).get(5, TimeUnit.SECONDS);
    assertThat(myo.commands()).last().isEqualTo(MyoCommand.vibrate(2));
    assertThat(s.battery().get(5, TimeUnit.SECONDS)).isEqualTo(OptionalInt.of(64));
  }

  @Test
  void myoLostEmgNotificationsAreInferredAndDuplicatesDropped() throws Exception {
    VirtualMyo myo = VirtualMyo.add(bus.bluez(), bus.newAddress(), 50);
    BleConnection c = connect(myo.peripheral().address());
    MyoLog log = new MyoLog();
    StreamHealth emgHealth =
        StreamHealth.withoutSequenceNumbers(new StreamKey(c.address(), MyoUuids.EMG_DATA_0), NominalRate.ofSamples(200, 2));
    MyoProfile.Session s = MyoProfile.start(c, log, Optional.empty(), Optional.of(emgHealth)).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(s);
    myo.emitEmg(4);
    myo.peripheral().dropNext(1); // the notification on EMG characteristic 0 of the second turn
    myo.emitEmg(4);
    myo.peripheral().duplicateNext(1);
    myo.emitEmg(4);
    Await.until(() -> log.emg().size() == 22, WAIT, () -> log.emg().size() + " emg");
    Thread.sleep(50);
    List<EmgReading> emg = log.emg();
    assertThat(emg).hasSize(22);
    assertThat(s.emgSamplesInferredLost()).isEqualTo(2);
    assertThat(s.duplicatesDropped()).isEqualTo(1);
    assertThat(emg).extracting(EmgReading::sampleIndex).doesNotHaveDuplicates().doesNotContain(8L, 9L);
    List<EmgSample> expected = new ArrayList<>(myo.emgGenerated());
    expected.subList(8, 10).clear();
    assertThat(emg).extracting(EmgReading::sample).containsExactlyElementsOf(expected);
    assertThat(emgHealth.snapshot(System.nanoTime()).lossInferred()).isTrue();
  }

  @Test
  void myoCorruptEmgIsMalformedAndItsTwoSamplesCountAsInferredLoss() throws Exception {
    VirtualMyo myo = VirtualMyo.add(bus.bluez(), bus.newAddress(), 50);
    BleConnection c = connect(myo.peripheral().address());
    MyoLog log = new MyoLog();
    MyoProfile.Session s = MyoProfile.start(c, log, Optional.empty(), Optional.empty()).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(s);
    myo.emitEmg(2);
    myo.peripheral().corruptNext(b -> java.util.Arrays.copyOf(b, 10)); // EMG characteristic 2
    myo.emitEmg(6);
    myo.emitImu(1);
    myo.peripheral().corruptNext(b -> java.util.Arrays.copyOf(b, 7));
    myo.emitImu(1);
    Await.until(() -> log.emg().size() == 14 && log.imuCount() == 1, WAIT, () -> log.emg().size() + " emg");
    Await.until(() -> s.malformed() == 2, WAIT, () -> s.malformed() + " malformed");
    synchronized (log) {
      assertThat(log.malformed).extracting(MalformedNotification::characteristic)
          .containsExactly(MyoUuids.EMG_DATA_2, MyoUuids.IMU_DATA);
    }
    assertThat(s.emgSamplesInferredLost()).isEqualTo(2);
    assertThat(log.emg()).extracting(EmgReading::sampleIndex).doesNotContain(4L, 5L).doesNotHaveDuplicates();
  }

  @Test
  void myoReorderedEmgIsPlacedAtItsOwnIndicesWithNoLoss() throws Exception {
    VirtualMyo myo = VirtualMyo.add(bus.bluez(), bus.newAddress(), 50);
    BleConnection c = connect(myo.peripheral().address());
    MyoLog log = new MyoLog();
    MyoProfile.Session s = MyoProfile.start(c, log, Optional.empty(), Optional.empty()).get(5, TimeUnit.SECONDS);
    bus.closeAfterEach(s);
    myo.emitEmg(1);
    myo.peripheral().reorderNext(); // characteristics 1 and 2 swap
    myo.emitEmg(7);
    Await.until(() -> log.emg().size() == 16, WAIT, () -> log.emg().size() + " emg");
    assertThat(s.emgSamplesInferredLost()).isZero();
    assertThat(s.emgLate()).isEqualTo(1);
    List<EmgReading> emg = log.emg();
    assertThat(emg).extracting(EmgReading::sampleIndex)
        .containsExactly(0L, 1L, 4L, 5L, 2L, 3L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
    List<EmgSample> byIndex = emg.stream()
        .sorted(java.util.Comparator.comparingLong(EmgReading::sampleIndex))
        .map(EmgReading::sample)
        .toList();
    assertThat(byIndex).isEqualTo(myo.emgGenerated());
  }
}
