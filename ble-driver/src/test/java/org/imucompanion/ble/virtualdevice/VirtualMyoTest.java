package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamHealthSnapshot;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualMyoTest {

  private static final Executor DIRECT = Runnable::run;
  private final VirtualTransport transport = VirtualTransport.create();
  private final SyntheticWorkout workout = SyntheticWorkout.demo();
  private final VirtualMyo myo = new VirtualMyo("DE:AD:BE:EF:00:01", "Myo", workout);

  @AfterEach
  void close() {
    transport.close();
  }

  private BleConnection connectAndSubscribe(NotificationLog log) throws Exception {
    BleConnection c =
        transport.connect(myo.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    c.subscribe(MyoUuids.IMU_DATA, log).get(5, TimeUnit.SECONDS);
    for (var emg : MyoUuids.EMG_DATA) {
      c.subscribe(emg, log).get(5, TimeUnit.SECONDS);
    }
    return c;
  }

  private static void command(BleConnection c, MyoCommand command) {
    c.write(MyoUuids.COMMAND, command.encode(), WriteType.WITH_RESPONSE).join();
  }

  @Test
  void sendsNothingUntilSetModeThenImuAt50HzAndEmgAt200HzOverFourCharacteristics()
      throws Exception {
    transport.addDevice(myo);
    NotificationLog log = new NotificationLog();
    BleConnection c = connectAndSubscribe(log);
    Thread.sleep(200);
    assertThat(log.size()).as("a Myo streams only after set-mode").isZero();

    command(c, MyoCommand.setSleepMode(true));
    RateWindow window =
        RateWindow.start(
            () ->
                command(
                    c,
                    MyoCommand.setMode(
                        MyoCommand.EMG_RAW, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED)));
    Thread.sleep(2000);
    window.stop(
        () ->
            command(
                c,
                MyoCommand.setMode(
                    MyoCommand.EMG_NONE, MyoCommand.IMU_NONE, MyoCommand.CLASSIFIER_DISABLED)));
    // what the armband sent before it stopped may still be on its way to the listener
    Await.until(
        "every notification sent is delivered",
        () -> log.size() == myo.imuSent() + myo.emgSent());
    assertThat(myo.neverSleep()).isTrue();

    List<Notification> imu = log.of(MyoUuids.IMU_DATA);
    window.assertCount("IMU notifications", imu.size(), 50, 2);
    StreamHealth health =
        StreamHealth.withoutSequenceNumbers(
            new StreamKey(myo.address(), MyoUuids.IMU_DATA), NominalRate.ofSamples(50, 1));
    for (Notification n : imu) {
      MyoCodec.decodeImu(n.value());
      health.recordPacket(n.hostTimeNanos(), n.length(), 1);
    }
    StreamHealthSnapshot s = health.snapshot(imu.get(imu.size() - 1).hostTimeNanos());
    assertThat(s.lossInferred()).isTrue();
    assertThat(s.cumulative().packetsPerSecond()).isCloseTo(50.0, within(5.0));

    // EMG: pair j arrives on characteristic j mod 4; merged in arrival order the samples are the
    // motion source's EMG at 5 ms steps, none missing or repeated.
    List<Notification> emg = new ArrayList<>();
    for (Notification n : log.all()) {
      if (MyoUuids.EMG_DATA.contains(n.characteristic())) {
        emg.add(n);
      }
    }
    window.assertCount("EMG notifications", emg.size(), 100, 2);
    for (int j = 0; j < emg.size(); j++) {
      assertThat(emg.get(j).characteristic()).isEqualTo(MyoUuids.EMG_DATA.get(j % 4));
    }
    List<EmgSample> merged = new ArrayList<>();
    for (Notification n : emg) {
      MyoEmgPacket p = MyoCodec.decodeEmg(n.value());
      merged.add(p.first());
      merged.add(p.second());
    }
    // Find where the stream started in motion time, then check each following sample.
    long start = findEmgStart(merged.get(0), merged.get(1));
    for (int i = 0; i < merged.size(); i++) {
      assertThat(merged.get(i)).isEqualTo(workout.sampleAt(start + i * 5_000_000L).emg());
    }
  }

  /** The stream started at an unknown moment after power-on: find the 5 ms step it started at. */
  private long findEmgStart(EmgSample first, EmgSample second) {
    for (long t = 0; t < 60_000_000_000L; t += 5_000_000L) {
      // The EMG noise changes every 5 ms step of motion time; the start need not be on a step.
      for (long offset = 0; offset < 5_000_000L; offset += 1_000_000L) {
        if (workout.sampleAt(t + offset).emg().equals(first)
            && workout.sampleAt(t + offset + 5_000_000L).emg().equals(second)) {
          return t + offset;
        }
      }
    }
    throw new AssertionError("EMG does not come from the motion source");
  }

  @Test
  void imuValuesAreTheMotionSourcesWithinQuantisation() throws Exception {
    transport.addDevice(myo);
    NotificationLog log = new NotificationLog();
    BleConnection c = connectAndSubscribe(log);
    command(
        c,
        MyoCommand.setMode(
            MyoCommand.EMG_NONE, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED));
    Await.until("IMU packets", () -> log.size() >= 20);
    for (Notification n : log.all()) {
      MyoImuPacket p = MyoCodec.decodeImu(n.value());
      // A forearm curl in the y/z plane: gravity has no x part and |a| is about 1 g.
      assertThat(p.accelG().x()).isCloseTo(0.0, within(1.0 / 2048));
      assertThat(p.orientation().norm()).isCloseTo(1.0, within(1e-3));
      assertThat(p.accelG().norm()).isBetween(0.95, 1.3);
    }
    assertThat(log.of(MyoUuids.EMG_DATA_0)).isEmpty();
  }

  @Test
  void armbandForgetsItsModeOnDisconnect() throws Exception {
    transport.addDevice(myo);
    NotificationLog log = new NotificationLog();
    BleConnection c = connectAndSubscribe(log);
    command(
        c,
        MyoCommand.setMode(
            MyoCommand.EMG_RAW, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED));
    command(c, MyoCommand.vibrate(1));
    Await.until("streaming", () -> log.size() >= 10);
    assertThat(myo.vibrations()).isEqualTo(1);
    myo.faults().disconnect();
    Await.until("disconnected", () -> c.state() == ConnectionState.DISCONNECTED);
    assertThat(myo.imuMode()).isEqualTo(MyoCommand.IMU_NONE);
    assertThat(myo.emgMode()).isEqualTo(MyoCommand.EMG_NONE);

    NotificationLog again = new NotificationLog();
    BleConnection c2 = connectAndSubscribe(again);
    Thread.sleep(200);
    assertThat(again.size()).as("no data until set-mode is sent again").isZero();
    command(
        c2,
        MyoCommand.setMode(
            MyoCommand.EMG_NONE, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED));
    Await.until("streaming again", () -> again.size() >= 10);
    assertThat(MyoCodec.decodeBatteryLevel(c2.read(MyoUuids.BATTERY_LEVEL).join())).isEqualTo(64);
    assertThat(MyoCodec.decodeFirmwareVersion(c2.read(MyoUuids.FIRMWARE_VERSION).join()).major())
        .isEqualTo(1);
  }
}
