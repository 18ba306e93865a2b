package org.imucompanion.ble.virtualdevice;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.profile.EmgMerger;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoFirmwareInfo;
import org.imucompanion.protocol.myo.MyoFirmwareVersion;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;

/**
 * A Myo armband (PROTOCOL.md §4): IMU notifications at 50 Hz and raw EMG at 200 Hz spread over the
 * four EMG characteristics (pair j goes to characteristic j mod 4), both only after a set-mode
 * command asks for them, which the armband forgets on disconnect. Also firmware info and version,
 * vibrate, sleep mode and battery level.
 */
public final class VirtualMyo extends VirtualDevice {

  /** IMU notifications per second. */
  public static final int IMU_RATE_HZ = 50;

  /** EMG samples per second (two per notification). */
  public static final int EMG_RATE_HZ = 200;

  private static final long IMU_PERIOD_NANOS = 1_000_000_000L / IMU_RATE_HZ;
  private static final long EMG_PAIR_PERIOD_NANOS = 2 * 1_000_000_000L / EMG_RATE_HZ;
  private static final long EMG_SAMPLE_NANOS = 1_000_000_000L / EMG_RATE_HZ;

  private final MotionSource motion;
  private final long powerOnNanos = System.nanoTime();
  private int emgMode = MyoCommand.EMG_NONE;
  private int imuMode = MyoCommand.IMU_NONE;
  private boolean neverSleep;
  private int vibrations;
  private PeriodicSender imu;
  private PeriodicSender emg;
  private long imuSent;
  private long emgSent;

  /**
   * Creates an armband.
   *
   * @param address its address
   * @param name its advertised name
   * @param motion what its sensors feel
   */
  public VirtualMyo(String address, String name, MotionSource motion) {
    super(address, Optional.of(name), Set.of(MyoUuids.CONTROL_SERVICE), gatt());
    this.motion = Objects.requireNonNull(motion, "motion");
    setBattery(64);
  }

  private static List<GattCharacteristicInfo> gatt() {
    List<GattCharacteristicInfo> g = new ArrayList<>();
    g.add(
        info(
            MyoUuids.CONTROL_SERVICE, MyoUuids.FIRMWARE_INFO, 0x0011, CharacteristicProperty.READ));
    g.add(
        info(
            MyoUuids.CONTROL_SERVICE,
            MyoUuids.FIRMWARE_VERSION,
            0x0017,
            CharacteristicProperty.READ));
    g.add(info(MyoUuids.CONTROL_SERVICE, MyoUuids.COMMAND, 0x0019, CharacteristicProperty.WRITE));
    g.add(info(MyoUuids.IMU_SERVICE, MyoUuids.IMU_DATA, 0x001c, CharacteristicProperty.NOTIFY));
    g.add(
        info(
            MyoUuids.CLASSIFIER_SERVICE,
            MyoUuids.CLASSIFIER_EVENT,
            0x0023,
            CharacteristicProperty.INDICATE));
    for (int i = 0; i < 4; i++) {
      g.add(
          info(
              MyoUuids.EMG_SERVICE,
              MyoUuids.EMG_DATA.get(i),
              0x002b + 3 * i,
              CharacteristicProperty.NOTIFY));
    }
    g.add(
        new GattCharacteristicInfo(
            MyoUuids.BATTERY_SERVICE,
            MyoUuids.BATTERY_LEVEL,
            0x0013,
            EnumSet.of(CharacteristicProperty.READ, CharacteristicProperty.NOTIFY)));
    return g;
  }

  private static GattCharacteristicInfo info(
      UUID service, UUID uuid, int handle, CharacteristicProperty property) {
    return new GattCharacteristicInfo(service, uuid, handle, EnumSet.of(property));
  }

  @Override
  public String kind() {
    return "myo";
  }

  /**
   * Returns the motion the sensors feel.
   *
   * @return the source
   */
  public MotionSource motion() {
    return motion;
  }

  /**
   * Returns the EMG mode last set (forgotten on disconnect).
   *
   * @return a {@code MyoCommand.EMG_*} value
   */
  public synchronized int emgMode() {
    return emgMode;
  }

  /**
   * Returns the IMU mode last set (forgotten on disconnect).
   *
   * @return a {@code MyoCommand.IMU_*} value
   */
  public synchronized int imuMode() {
    return imuMode;
  }

  /**
   * Tells whether the host asked the armband never to sleep (forgotten on disconnect).
   *
   * @return true after {@code set sleep mode 1}
   */
  public synchronized boolean neverSleep() {
    return neverSleep;
  }

  /**
   * Returns how many vibrate commands the armband obeyed.
   *
   * @return the count
   */
  public synchronized int vibrations() {
    return vibrations;
  }

  /**
   * Returns how many IMU notifications the armband sent (before link faults).
   *
   * @return the count
   */
  public synchronized long imuSent() {
    return imuSent;
  }

  /**
   * Returns how many EMG notifications the armband sent (before link faults).
   *
   * @return the count
   */
  public synchronized long emgSent() {
    return emgSent;
  }

  @Override
  protected byte[] onRead(UUID characteristic) throws BleException {
    if (characteristic.equals(MyoUuids.FIRMWARE_VERSION)) {
      return MyoCodec.encodeFirmwareVersion(new MyoFirmwareVersion(1, 5, 1970, 2));
    }
    if (characteristic.equals(MyoUuids.FIRMWARE_INFO)) {
      return MyoCodec.encodeFirmwareInfo(new MyoFirmwareInfo(serial(), 0, 0, 0, false, false, 1));
    }
    if (characteristic.equals(MyoUuids.BATTERY_LEVEL)) {
      return MyoCodec.encodeBatteryLevel(battery().orElse(0));
    }
    return super.onRead(characteristic);
  }

  private String serial() {
    return address().replace(":", "").substring(0, 12).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  protected synchronized void onWrite(UUID characteristic, byte[] value, WriteType type)
      throws BleException {
    if (!characteristic.equals(MyoUuids.COMMAND)) {
      super.onWrite(characteristic, value, type);
      return;
    }
    MyoCommand command;
    try {
      command = MyoCommand.decode(value);
    } catch (ProtocolException e) {
      throw new BleException(Reason.REFUSED, "command refused: " + e.getMessage(), e);
    }
    switch (command.opcode()) {
      case SET_MODE -> {
        emgMode = command.payload(0);
        imuMode = command.payload(1);
        restartStreams();
      }
      case VIBRATE -> vibrations++;
      case SET_SLEEP_MODE -> neverSleep = command.payload(0) == 1;
      case DEEP_SLEEP -> link().ifPresent(DeviceLink::disconnect);
      default -> {
        // unlock, user action: nothing to simulate
      }
    }
  }

  private void restartStreams() {
    stopStreams();
    DeviceLink link = link().orElse(null);
    if (link == null) {
      return;
    }
    long start = System.nanoTime();
    long sinceOn = start - powerOnNanos;
    if (imuMode != MyoCommand.IMU_NONE) {
      imu =
          new PeriodicSender(
              link.scheduler(),
              start,
              IMU_PERIOD_NANOS,
              k -> {
                MotionSample m = motion.sampleAt(sinceOn + k * IMU_PERIOD_NANOS);
                byte[] v =
                    MyoCodec.encodeImu(
                        new MyoImuPacket(m.orientation(), m.accelG(), m.gyroRadPerS()));
                synchronized (this) {
                  imuSent++;
                }
                link.notify(MyoUuids.IMU_DATA, v);
              });
    }
    if (emgMode == MyoCommand.EMG_RAW || emgMode == MyoCommand.EMG_FILTERED) {
      emg =
          new PeriodicSender(
              link.scheduler(),
              start,
              EMG_PAIR_PERIOD_NANOS,
              k -> {
                // the host's merger places notification k by the same rotation (one place)
                long t = sinceOn + EmgMerger.firstSampleOf(k) * EMG_SAMPLE_NANOS;
                byte[] v =
                    MyoCodec.encodeEmg(
                        new MyoEmgPacket(
                            motion.sampleAt(t).emg(), motion.sampleAt(t + EMG_SAMPLE_NANOS).emg()));
                synchronized (this) {
                  emgSent++;
                }
                link.notify(MyoUuids.EMG_DATA.get(EmgMerger.characteristicOf(k)), v);
              });
    }
  }

  private void stopStreams() {
    if (imu != null) {
      imu.stop();
      imu = null;
    }
    if (emg != null) {
      emg.stop();
      emg = null;
    }
  }

  @Override
  protected synchronized void onDisconnected() {
    // The armband forgets its mode on disconnect (PROTOCOL.md §4.4).
    stopStreams();
    emgMode = MyoCommand.EMG_NONE;
    imuMode = MyoCommand.IMU_NONE;
    neverSleep = false;
  }
}
