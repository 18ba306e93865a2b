package org.imucompanion.protocol.wristband;

import org.imucompanion.protocol.ByteReader;
import org.imucompanion.protocol.ByteWriter;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;

/**
 * The wristband's configuration, read from and written to the config characteristic (PROTOCOL.md
 * §2.3). Its ranges are needed to scale data packets, so a host reads it before it starts a stream.
 *
 * <pre>
 *  byte  0        1   2        3          4          5        6        7
 *       +--------+--------+---+----------+----------+--------+--------+--------+
 *       | cfgver |  odr_hz u16 | accel_fs | gyro_fs  | flags  | batch  |  0x00  |
 *       +--------+------------+----------+----------+--------+--------+--------+
 *  cfgver = 1; flags bit 0 = magnetometer on, bit 1 = CRC-16 on, bits 2..7 = 0;
 *  batch = samples per packet 1..31, or 0 = as many as fit the negotiated MTU
 * </pre>
 *
 * @param outputDataRateHz samples per second, 1..1000
 * @param accelRange accelerometer full-scale range
 * @param gyroRange gyroscope full-scale range
 * @param magnetometer whether data packets carry 9-axis samples (with magnetic field)
 * @param crc whether data packets end with a CRC-16
 * @param batchSize samples per packet 1..31, or 0 for as many as fit the MTU
 */
public record WristbandConfig(
    int outputDataRateHz,
    AccelRange accelRange,
    GyroRange gyroRange,
    boolean magnetometer,
    boolean crc,
    int batchSize) {

  /** Length of the encoded config value in bytes. */
  public static final int LENGTH = 8;

  /** The config version this codec writes and reads. */
  public static final int VERSION = 1;

  /** Highest output data rate a device may announce. */
  public static final int MAX_RATE_HZ = 1000;

  /** The firmware's power-on default: 50 Hz, ±4 g, ±500 °/s, 6-axis, no CRC, one sample a packet. */
  public static final WristbandConfig DEFAULT =
      new WristbandConfig(50, AccelRange.G4, GyroRange.DPS500, false, false, 1);

  /**
   * Validates the fields.
   *
   * @param outputDataRateHz samples per second, 1..1000
   * @param accelRange accelerometer full-scale range
   * @param gyroRange gyroscope full-scale range
   * @param magnetometer whether samples are 9-axis
   * @param crc whether packets carry a CRC-16
   * @param batchSize 0..31
   */
  public WristbandConfig {
    if (outputDataRateHz < 1 || outputDataRateHz > MAX_RATE_HZ) {
      throw new IllegalArgumentException("outputDataRateHz must be 1..1000: " + outputDataRateHz);
    }
    if (accelRange == null || gyroRange == null) {
      throw new IllegalArgumentException("ranges must not be null");
    }
    if (batchSize < 0 || batchSize > WristbandCodec.MAX_SAMPLES) {
      throw new IllegalArgumentException("batchSize must be 0..31: " + batchSize);
    }
  }

  /**
   * Returns the nominal time between two samples.
   *
   * @return {@code 1e6 / outputDataRateHz} microseconds
   */
  public double samplePeriodMicros() {
    return 1_000_000.0 / outputDataRateHz;
  }

  /**
   * Returns how many samples go into one data packet at the given ATT MTU.
   *
   * @param attMtu the negotiated ATT MTU (23 by default)
   * @return the configured batch size, capped by what fits; 0 (auto) means as many as fit
   */
  public int samplesPerPacket(int attMtu) {
    int fit = WristbandCodec.maxSamplesPerPacket(attMtu, magnetometer, crc);
    return batchSize == 0 ? fit : Math.min(batchSize, fit);
  }

  /**
   * Encodes the config as written to (or read from) the config characteristic.
   *
   * @return 8 bytes
   */
  public byte[] encode() {
    return new ByteWriter(LENGTH)
        .u8(VERSION)
        .u16(outputDataRateHz)
        .u8(accelRange.code())
        .u8(gyroRange.code())
        .u8((magnetometer ? WristbandCodec.FLAG_MAG : 0) | (crc ? WristbandCodec.FLAG_CRC : 0))
        .u8(batchSize)
        .u8(0)
        .toByteArray();
  }

  /**
   * Decodes a config value.
   *
   * @param value the bytes read from the config characteristic
   * @return the config
   * @throws ProtocolException if the value is not a valid version-1 config
   */
  public static WristbandConfig decode(byte[] value) throws ProtocolException {
    ByteReader in = new ByteReader(value);
    int version = in.u8("config version");
    if (version != VERSION) {
      throw new ProtocolException(Reason.BAD_VERSION, 0, "config version " + version + ", expected 1");
    }
    int rate = in.u16("odr_hz");
    if (rate < 1 || rate > MAX_RATE_HZ) {
      throw new ProtocolException(Reason.BAD_VALUE, 1, "odr_hz " + rate + " outside 1..1000");
    }
    int accel = in.u8("accel_fs");
    if (accel >= AccelRange.values().length) {
      throw new ProtocolException(Reason.BAD_VALUE, 3, "accel_fs code " + accel + " outside 0..3");
    }
    int gyro = in.u8("gyro_fs");
    if (gyro >= GyroRange.values().length) {
      throw new ProtocolException(Reason.BAD_VALUE, 4, "gyro_fs code " + gyro + " outside 0..3");
    }
    int flags = in.u8("flags");
    if ((flags & ~(WristbandCodec.FLAG_MAG | WristbandCodec.FLAG_CRC)) != 0) {
      throw new ProtocolException(
          Reason.RESERVED_BITS, 5, String.format("flags 0x%02x set reserved bits 2..7", flags));
    }
    int batch = in.u8("batch");
    if (batch > WristbandCodec.MAX_SAMPLES) {
      throw new ProtocolException(Reason.BAD_VALUE, 6, "batch " + batch + " outside 0..31");
    }
    int reserved = in.u8("reserved byte 7");
    if (reserved != 0) {
      throw new ProtocolException(Reason.RESERVED_BITS, 7, "reserved byte 7 is " + reserved);
    }
    if (in.remaining() != 0) {
      throw new ProtocolException(
          Reason.BAD_LENGTH, LENGTH, "config is " + value.length + " bytes, expected 8");
    }
    return new WristbandConfig(
        rate,
        AccelRange.values()[accel],
        GyroRange.values()[gyro],
        (flags & WristbandCodec.FLAG_MAG) != 0,
        (flags & WristbandCodec.FLAG_CRC) != 0,
        batch);
  }
}
