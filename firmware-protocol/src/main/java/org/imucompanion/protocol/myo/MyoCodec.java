package org.imucompanion.protocol.myo;

import java.util.HexFormat;
import org.imucompanion.protocol.ByteReader;
import org.imucompanion.protocol.ByteWriter;
import org.imucompanion.protocol.Int16Scale;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;

/**
 * Decodes and encodes the Myo armband's values (PROTOCOL.md §4). All multi-byte fields are
 * little-endian: {@code myohw.h} says "big-endian" in a comment, but the armband sends
 * little-endian and every working decoder reads it so.
 *
 * <pre>
 *  IMU (20 bytes, 0x0402)
 *  byte  0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18  19
 *       +-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+
 *       |  qw   |  qx   |  qy   |  qz   |  ax   |  ay   |  az   |  gx   |  gy   |  gz   |
 *       +-------+-------+-------+-------+-------+-------+-------+-------+-------+-------+
 *  int16; quaternion / 16384, accel / 2048 g, gyro / 16 °/s
 *
 *  EMG (16 bytes, 0x0105/0x0205/0x0305/0x0405)
 *       +---------------------------+---------------------------+
 *       | sample 1: 8 × int8 (0..7)  | sample 2: 8 × int8 (8..15)|
 *       +---------------------------+---------------------------+
 * </pre>
 */
public final class MyoCodec {
  /** IMU value length. */
  public static final int IMU_LENGTH = 20;
  /** EMG value length. */
  public static final int EMG_LENGTH = 16;
  /** Firmware version length. */
  public static final int VERSION_LENGTH = 8;
  /** Firmware info length. */
  public static final int INFO_LENGTH = 20;
  /** Orientation scale: 1/16384 per count. */
  public static final Int16Scale ORIENTATION_SCALE = new Int16Scale(1.0 / 16384.0);
  /** Accelerometer scale: 1/2048 g per count. */
  public static final Int16Scale ACCEL_SCALE = new Int16Scale(1.0 / 2048.0);
  /** Gyroscope scale: 1/16 °/s per count, in rad/s. */
  public static final Int16Scale GYRO_SCALE = new Int16Scale(1.0 / 16.0 * Math.PI / 180.0);

  private static final HexFormat HEX = HexFormat.of();

  private MyoCodec() {}

  /**
   * Decodes an IMU value.
   *
   * @param value 20 bytes
   * @return the packet
   * @throws ProtocolException if the value is not 20 bytes
   */
  public static MyoImuPacket decodeImu(byte[] value) throws ProtocolException {
    exactLength(value, IMU_LENGTH, "Myo IMU value");
    ByteReader in = new ByteReader(value);
    Quaternion q =
        new Quaternion(
            ORIENTATION_SCALE.toUnits(in.s16("qw")),
            ORIENTATION_SCALE.toUnits(in.s16("qx")),
            ORIENTATION_SCALE.toUnits(in.s16("qy")),
            ORIENTATION_SCALE.toUnits(in.s16("qz")));
    Vector3 accel = in.vector3(ACCEL_SCALE, "accel");
    Vector3 gyro = in.vector3(GYRO_SCALE, "gyro");
    return new MyoImuPacket(q, accel, gyro);
  }

  /**
   * Encodes an IMU value.
   *
   * @param packet the packet
   * @return 20 bytes
   */
  public static byte[] encodeImu(MyoImuPacket packet) {
    ByteWriter out = new ByteWriter(IMU_LENGTH);
    Quaternion q = packet.orientation();
    out.s16(ORIENTATION_SCALE.toRaw(q.w()))
        .s16(ORIENTATION_SCALE.toRaw(q.x()))
        .s16(ORIENTATION_SCALE.toRaw(q.y()))
        .s16(ORIENTATION_SCALE.toRaw(q.z()));
    return out.vector3(packet.accelG(), ACCEL_SCALE).vector3(packet.gyroRadPerS(), GYRO_SCALE).toByteArray();
  }

  /**
   * Decodes an EMG value.
   *
   * @param value 16 bytes
   * @return the two samples
   * @throws ProtocolException if the value is not 16 bytes
   */
  public static MyoEmgPacket decodeEmg(byte[] value) throws ProtocolException {
    exactLength(value, EMG_LENGTH, "Myo EMG value");
    int[] a = new int[EmgSample.CHANNELS];
    int[] b = new int[EmgSample.CHANNELS];
    for (int i = 0; i < EmgSample.CHANNELS; i++) {
      a[i] = value[i];
      b[i] = value[EmgSample.CHANNELS + i];
    }
    return new MyoEmgPacket(new EmgSample(a), new EmgSample(b));
  }

  /**
   * Encodes an EMG value.
   *
   * @param packet the two samples
   * @return 16 bytes
   */
  public static byte[] encodeEmg(MyoEmgPacket packet) {
    ByteWriter out = new ByteWriter(EMG_LENGTH);
    for (EmgSample s : new EmgSample[] {packet.first(), packet.second()}) {
      for (int i = 0; i < EmgSample.CHANNELS; i++) {
        out.s8(s.channel(i));
      }
    }
    return out.toByteArray();
  }

  /**
   * Decodes the firmware version.
   *
   * @param value 8 bytes
   * @return the version
   * @throws ProtocolException if the value is not 8 bytes
   */
  public static MyoFirmwareVersion decodeFirmwareVersion(byte[] value) throws ProtocolException {
    exactLength(value, VERSION_LENGTH, "Myo firmware version");
    ByteReader in = new ByteReader(value);
    return new MyoFirmwareVersion(in.u16("major"), in.u16("minor"), in.u16("patch"), in.u16("hardware_rev"));
  }

  /**
   * Encodes the firmware version.
   *
   * @param v the version
   * @return 8 bytes
   */
  public static byte[] encodeFirmwareVersion(MyoFirmwareVersion v) {
    return new ByteWriter(VERSION_LENGTH)
        .u16(v.major())
        .u16(v.minor())
        .u16(v.patch())
        .u16(v.hardwareRevision())
        .toByteArray();
  }

  /**
   * Decodes the firmware info.
   *
   * <pre>
   *  serial[6] | unlock_pose u16 | classifier_type u8 | classifier_index u8 | has_custom u8 | stream_indicating u8 | sku u8 | reserved[7]
   * </pre>
   *
   * @param value 20 bytes
   * @return the info
   * @throws ProtocolException if the value is not 20 bytes
   */
  public static MyoFirmwareInfo decodeFirmwareInfo(byte[] value) throws ProtocolException {
    exactLength(value, INFO_LENGTH, "Myo firmware info");
    ByteReader in = new ByteReader(value);
    String serial = HEX.formatHex(value, 0, 6);
    in.skip(6, "serial_number");
    return new MyoFirmwareInfo(
        serial,
        in.u16("unlock_pose"),
        in.u8("active_classifier_type"),
        in.u8("active_classifier_index"),
        in.u8("has_custom_classifier") != 0,
        in.u8("stream_indicating") != 0,
        in.u8("sku"));
  }

  /**
   * Encodes the firmware info.
   *
   * @param info the info; its serial number must be 12 hex digits
   * @return 20 bytes
   */
  public static byte[] encodeFirmwareInfo(MyoFirmwareInfo info) {
    byte[] serial = HEX.parseHex(info.serialNumber());
    if (serial.length != 6) {
      throw new IllegalArgumentException("serial number must be 6 bytes: " + info.serialNumber());
    }
    ByteWriter out = new ByteWriter(INFO_LENGTH);
    for (byte b : serial) {
      out.u8(b & 0xFF);
    }
    return out.u16(info.unlockPose())
        .u8(info.activeClassifierType())
        .u8(info.activeClassifierIndex())
        .u8(info.hasCustomClassifier() ? 1 : 0)
        .u8(info.streamIndicating() ? 1 : 0)
        .u8(info.sku())
        .toByteArray();
  }

  /**
   * Decodes a classifier event. Trailing padding bytes are allowed, as firmware versions differ in
   * how much of the union they send.
   *
   * @param value at least the type byte and its payload
   * @return the event
   * @throws ProtocolException for an unknown type or a value too short for its payload
   */
  public static MyoClassifierEvent decodeClassifierEvent(byte[] value) throws ProtocolException {
    ByteReader in = new ByteReader(value);
    int type = in.u8("event type");
    return switch (type) {
      case 0x01 -> new MyoClassifierEvent.ArmSynced(in.u8("arm"), in.u8("x_direction"));
      case 0x02 -> new MyoClassifierEvent.ArmUnsynced();
      case 0x03 -> new MyoClassifierEvent.Pose(in.u16("pose"));
      case 0x04 -> new MyoClassifierEvent.Unlocked();
      case 0x05 -> new MyoClassifierEvent.Locked();
      case 0x06 -> new MyoClassifierEvent.SyncFailed(in.u8("sync_result"));
      default -> throw new ProtocolException(
          Reason.UNKNOWN_OPCODE, 0, String.format("classifier event type 0x%02x", type));
    };
  }

  /**
   * Decodes the standard battery level.
   *
   * @param value one byte
   * @return percent, 0..100
   * @throws ProtocolException if the value is not one byte or above 100
   */
  public static int decodeBatteryLevel(byte[] value) throws ProtocolException {
    exactLength(value, 1, "battery level");
    int level = value[0] & 0xFF;
    if (level > 100) {
      throw new ProtocolException(Reason.BAD_VALUE, 0, "battery level " + level + " % above 100");
    }
    return level;
  }

  /**
   * Encodes the standard battery level.
   *
   * @param percent 0..100
   * @return one byte
   */
  public static byte[] encodeBatteryLevel(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("battery level must be 0..100: " + percent);
    }
    return new byte[] {(byte) percent};
  }

  private static void exactLength(byte[] value, int length, String what) throws ProtocolException {
    if (value.length < length) {
      throw new ProtocolException(
          Reason.TRUNCATED, value.length, what + " is " + value.length + " bytes, expected " + length);
    }
    if (value.length > length) {
      throw new ProtocolException(
          Reason.BAD_LENGTH, length, what + " is " + value.length + " bytes, expected " + length);
    }
  }

}
