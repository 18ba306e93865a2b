package org.imucompanion.protocol.legacy;

import org.imucompanion.protocol.ByteReader;
import org.imucompanion.protocol.ByteWriter;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.Int16Scale;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;

/**
 * Decodes and encodes values of the legacy Simblee wristband (PROTOCOL.md §3).
 *
 * <pre>
 *  byte  0   1   2   3   4   5   6   7   8   9  10  11  12  13  14  15  16  17  18 .. 31
 *       +-------+-------+-------+-------+-------+-------+-------+-------+-------+----------+
 *       |  ax   |  ay   |  az   |  gx   |  gy   |  gz   |  mx   |  my   |  mz   | unused   |
 *       +-------+-------+-------+-------+-------+-------+-------+-------+-------+----------+
 *  int16 little-endian; accel in mg, gyro in 0.01 °/s, mag in mG; bytes 18..31 are not read
 * </pre>
 *
 * <p>The firmware sends 32 bytes, but at the default ATT MTU a notification carries only the first
 * 20, so the decoder needs the 18 bytes that matter and accepts any length from 18 to 32.
 */
public final class LegacyCodec {
  /** Length of the value the firmware writes. */
  public static final int FULL_LENGTH = 32;

  /** Bytes that carry data. */
  public static final int MIN_LENGTH = 18;

  /** Acceleration: 1 mg per count. */
  public static final Int16Scale ACCEL_SCALE = new Int16Scale(0.001);

  /** Angular rate: 0.01 °/s per count, in rad/s. */
  public static final Int16Scale GYRO_SCALE = new Int16Scale(0.01 * Math.PI / 180.0);

  /** Magnetic field: 1 mG = 0.1 µT per count. */
  public static final Int16Scale MAG_SCALE = new Int16Scale(0.1);

  private LegacyCodec() {}

  /**
   * Decodes one value.
   *
   * @param value 18 to 32 bytes
   * @return the sample in g, rad/s and µT
   * @throws ProtocolException if the value is shorter than 18 or longer than 32 bytes
   */
  public static LegacyWristbandPacket decode(byte[] value) throws ProtocolException {
    if (value.length > FULL_LENGTH) {
      throw new ProtocolException(
          Reason.BAD_LENGTH, FULL_LENGTH, "legacy value is " + value.length + " bytes, at most 32");
    }
    ByteReader in = new ByteReader(value);
    Vector3 accel = in.vector3(ACCEL_SCALE, "accel");
    Vector3 gyro = in.vector3(GYRO_SCALE, "gyro");
    Vector3 mag = in.vector3(MAG_SCALE, "mag");
    return new LegacyWristbandPacket(accel, gyro, mag);
  }

  /**
   * Encodes one value as the firmware does: 32 bytes, the last 14 zero.
   *
   * @param packet the sample
   * @return 32 bytes
   */
  public static byte[] encode(LegacyWristbandPacket packet) {
    return new ByteWriter(FULL_LENGTH)
        .vector3(packet.accelG(), ACCEL_SCALE)
        .vector3(packet.gyroRadPerS(), GYRO_SCALE)
        .vector3(packet.magMicroTesla(), MAG_SCALE)
        .toByteArray();
  }

}
