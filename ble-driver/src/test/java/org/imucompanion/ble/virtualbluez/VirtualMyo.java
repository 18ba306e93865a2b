package org.imucompanion.ble.virtualbluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;

/**
 * A Myo armband on the virtual BlueZ (myohw.h GATT table), built from the firmware-protocol
 * encoders. It streams only after a set-mode command asks for it, sends EMG on its four
 * characteristics in rotation (two samples each), and forgets its mode and sleep setting at every
 * disconnect, like the real armband.
 */
public final class VirtualMyo {

  private final VirtualPeripheral peripheral;
  private final List<EmgSample> emgGenerated = new ArrayList<>();
  private final List<MyoCommand> commands = new ArrayList<>();
  private volatile boolean imuOn;
  private volatile boolean emgRaw;
  private volatile boolean neverSleep;
  private int emgCounter;
  private int imuCounter;
  private boolean paced;

  private VirtualMyo(VirtualPeripheral peripheral) {
    this.peripheral = peripheral;
    peripheral.onWrite(MyoUuids.COMMAND, (p, bytes) -> onCommand(bytes));
    peripheral.onDisconnect(
        p -> {
          imuOn = false;
          emgRaw = false;
          neverSleep = false;
        });
  }

  /**
   * Builds an armband with its battery as the 0x180f service (no Battery1, as on a stack that
   * does not hide it).
   *
   * @param bluez where to add it
   * @param address its address
   * @param battery battery percentage
   * @return the device, already added
   */
  public static VirtualMyo add(VirtualBluez bluez, String address, int battery) {
    VirtualPeripheral p =
        VirtualPeripheral.builder(address, "Myo")
            .advertising(MyoUuids.CONTROL_SERVICE)
            .characteristic(MyoUuids.CONTROL_SERVICE, MyoUuids.COMMAND, "write")
            .characteristic(
                MyoUuids.CONTROL_SERVICE, MyoUuids.FIRMWARE_VERSION, Set.of("read"), new byte[] {1, 0, 5, 0, 1, 0, 2, 0})
            .characteristic(MyoUuids.IMU_SERVICE, MyoUuids.IMU_DATA, "notify")
            .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_0, "notify")
            .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_1, "notify")
            .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_2, "notify")
            .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_3, "notify")
            .characteristic(
                MyoUuids.BATTERY_SERVICE, MyoUuids.BATTERY_LEVEL, Set.of("read", "notify"), MyoCodec.encodeBatteryLevel(battery))
            .build();
    bluez.add(p);
    return new VirtualMyo(p);
  }

  private void onCommand(byte[] bytes) {
    MyoCommand c;
    try {
      c = MyoCommand.decode(bytes);
    } catch (ProtocolException e) {
      return;
    }
    synchronized (this) {
      commands.add(c);
    }
    switch (c.opcode()) {
      case SET_MODE -> {
        emgRaw = c.payload(0) == MyoCommand.EMG_RAW;
        imuOn = c.payload(1) == MyoCommand.IMU_DATA;
        if (paced) {
          startPacing();
        }
      }
      case SET_SLEEP_MODE -> neverSleep = c.payload(0) == 1;
      default -> {
        // vibrate, unlock ...: recorded above
      }
    }
  }

  /** Streams at the real rates after set-mode: IMU 50 Hz, EMG 100 notifications/s (200 samples/s). */
  public void pace() {
    paced = true;
  }

  private void startPacing() {
    peripheral.startTimer("myo-emg", i -> emitEmg(1), Duration.ofMillis(10));
    peripheral.startTimer("myo-imu", i -> emitImu(1), Duration.ofMillis(20));
  }

  /**
   * Sends EMG notifications now, rotating over the four characteristics, if raw EMG is on.
   *
   * @param notifications how many notifications (two samples each)
   */
  public void emitEmg(int notifications) {
    for (int n = 0; n < notifications && emgRaw; n++) {
      byte[] bytes;
      int ch;
      synchronized (this) {
        ch = (emgCounter / 2) % 4;
        EmgSample a = sample(emgCounter++);
        EmgSample b = sample(emgCounter++);
        emgGenerated.add(a);
        emgGenerated.add(b);
        bytes = MyoCodec.encodeEmg(new MyoEmgPacket(a, b));
      }
      peripheral.notify(MyoUuids.EMG_DATA.get(ch), bytes);
    }
  }

  private static EmgSample sample(int k) {
    int[] c = new int[EmgSample.CHANNELS];
    for (int i = 0; i < c.length; i++) {
      c[i] = (byte) (k * 3 + i * 17); // wraps through the whole signed 8-bit range
    }
    return new EmgSample(c);
  }

  /**
   * Sends IMU notifications now, if IMU is on.
   *
   * @param count how many
   */
  public void emitImu(int count) {
    for (int n = 0; n < count && imuOn; n++) {
      int k;
      synchronized (this) {
        k = imuCounter++;
      }
      double a = k * 0.01;
      MyoImuPacket p =
          new MyoImuPacket(
              new Quaternion(Math.cos(a), Math.sin(a), 0, 0),
              new Vector3(0, 0, 1),
              new Vector3(0.1, 0, 0));
      peripheral.notify(MyoUuids.IMU_DATA, MyoCodec.encodeImu(p));
    }
  }

  /**
   * Returns every EMG sample generated, in stream order.
   *
   * @return the samples
   */
  public synchronized List<EmgSample> emgGenerated() {
    return List.copyOf(emgGenerated);
  }

  /**
   * Returns the commands the host wrote, oldest first.
   *
   * @return the decoded commands
   */
  public synchronized List<MyoCommand> commands() {
    return List.copyOf(commands);
  }

  /**
   * Tells whether the armband is in raw EMG + IMU mode and set never to sleep.
   *
   * @return true if the host configured it since the last connection
   */
  public boolean isConfigured() {
    return imuOn && emgRaw && neverSleep;
  }

  /**
   * Returns the underlying peripheral.
   *
   * @return the peripheral
   */
  public VirtualPeripheral peripheral() {
    return peripheral;
  }
}
