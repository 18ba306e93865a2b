package org.imucompanion.protocol.wristband;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imucompanion.protocol.ByteReader;
import org.imucompanion.protocol.ByteWriter;
import org.imucompanion.protocol.Crc16;
import org.imucompanion.protocol.Int16Scale;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.imucompanion.protocol.Vector3;

/**
 * Decodes and encodes data packets of wristband protocol v1 (PROTOCOL.md §2.4).
 *
 * <pre>
 *  byte  0          1        2   3      4   5   6   7      8 ...                        end
 *       +----------+--------+-------+---------------+------------------------------+-------+
 *       | VVV NNNNN| flags  |seq u16|  t0_us u32    | N samples, int16 LE each axis | crc16 |
 *       +----------+--------+-------+---------------+------------------------------+-------+
 *  VVV = version (1) in bits 7..5; NNNNN = sample count N (1..31) in bits 4..0
 *  flags bit 0 = MAG (9-axis samples), bit 1 = CRC (2-byte CRC-16/CCITT-FALSE at the end), bits 2..7 = 0
 *  sample (6-axis, 12 bytes): ax ay az gx gy gz      sample (9-axis, 18 bytes): ax ay az gx gy gz mx my mz
 *  accel in counts of the configured range / 32768, gyro likewise in °/s, mag 0.15 µT per count
 * </pre>
 *
 * <p>Decoding is a pure function of the value and the config's ranges: it validates every header
 * field and the exact length, so a value either decodes completely or raises {@link
 * ProtocolException} naming the offending byte.
 */
public final class WristbandCodec {
  /** The protocol version this codec speaks. */
  public static final int VERSION = 1;

  /** Header length in bytes. */
  public static final int HEADER_LENGTH = 8;

  /** Most samples one packet can announce (5-bit count). */
  public static final int MAX_SAMPLES = 31;

  /** Flags bit: samples are 9-axis. */
  public static final int FLAG_MAG = 0x01;

  /** Flags bit: a CRC-16 ends the packet. */
  public static final int FLAG_CRC = 0x02;

  /** The magnetometer's fixed scale: AK8963 in 16-bit mode, 0.15 µT per count. */
  public static final Int16Scale MAG_SCALE = new Int16Scale(0.15);

  /** ATT MTU every BLE link starts with; a notification then carries 20 bytes. */
  public static final int DEFAULT_ATT_MTU = 23;

  private static final int ATT_NOTIFY_OVERHEAD = 3;

  private WristbandCodec() {}

  /**
   * Returns the length of one sample.
   *
   * @param magnetometer whether samples are 9-axis
   * @return 12 or 18 bytes
   */
  public static int sampleLength(boolean magnetometer) {
    return magnetometer ? 18 : 12;
  }

  /**
   * Returns the length of a packet.
   *
   * @param samples the sample count
   * @param magnetometer whether samples are 9-axis
   * @param crc whether a CRC-16 ends the packet
   * @return the length in bytes
   */
  public static int packetLength(int samples, boolean magnetometer, boolean crc) {
    return HEADER_LENGTH + samples * sampleLength(magnetometer) + (crc ? 2 : 0);
  }

  /**
   * Returns how many samples fit one notification at an ATT MTU.
   *
   * @param attMtu the negotiated ATT MTU, at least 23
   * @param magnetometer whether samples are 9-axis
   * @param crc whether a CRC-16 ends the packet
   * @return 0..31; 0 when not even one sample fits (6-axis with CRC at MTU 23)
   */
  public static int maxSamplesPerPacket(int attMtu, boolean magnetometer, boolean crc) {
    if (attMtu < DEFAULT_ATT_MTU) {
      throw new IllegalArgumentException("ATT MTU is at least 23: " + attMtu);
    }
    int room = attMtu - ATT_NOTIFY_OVERHEAD - HEADER_LENGTH - (crc ? 2 : 0);
    return Math.max(0, Math.min(MAX_SAMPLES, room / sampleLength(magnetometer)));
  }

  /**
   * Tells a packet's length from its first two bytes, for {@link
   * org.imucompanion.protocol.stream.FrameAssembler} when packets come as a byte stream.
   *
   * @param buffer buffered bytes
   * @param offset where the candidate packet starts
   * @param available bytes available from {@code offset}
   * @return the packet's length, or 0 if fewer than two bytes are available
   * @throws ProtocolException if the header's version, count or flags are invalid
   */
  public static int frameLength(byte[] buffer, int offset, int available) throws ProtocolException {
    if (available < 2) {
      return 0;
    }
    return checkHeader(buffer[offset] & 0xFF, buffer[offset + 1] & 0xFF);
  }

  private static int checkHeader(int first, int flags) throws ProtocolException {
    int version = first >>> 5;
    if (version != VERSION) {
      throw new ProtocolException(Reason.BAD_VERSION, 0, "version " + version + ", expected 1");
    }
    int count = first & 0x1F;
    if (count == 0) {
      throw new ProtocolException(Reason.BAD_SAMPLE_COUNT, 0, "sample count is 0");
    }
    if ((flags & ~(FLAG_MAG | FLAG_CRC)) != 0) {
      throw new ProtocolException(
          Reason.RESERVED_BITS, 1, String.format("flags 0x%02x set reserved bits 2..7", flags));
    }
    return packetLength(count, (flags & FLAG_MAG) != 0, (flags & FLAG_CRC) != 0);
  }

  /**
   * Decodes one data packet.
   *
   * @param value the notification's value
   * @param config the device's config; only its ranges are used
   * @return the packet, with samples in g, rad/s and µT
   * @throws ProtocolException if the value is not a valid version-1 data packet
   */
  public static WristbandDataPacket decode(byte[] value, WristbandConfig config)
      throws ProtocolException {
    ByteReader in = new ByteReader(value);
    int first = in.u8("version/count");
    int flags = in.u8("flags");
    int expected = checkHeader(first, flags);
    int count = first & 0x1F;
    boolean mag = (flags & FLAG_MAG) != 0;
    boolean crc = (flags & FLAG_CRC) != 0;
    if (value.length < expected) {
      throw new ProtocolException(
          Reason.TRUNCATED,
          value.length,
          "header announces " + count + " samples (" + expected + " bytes), value has " + value.length);
    }
    if (value.length > expected) {
      throw new ProtocolException(
          Reason.BAD_LENGTH,
          expected,
          "header announces " + count + " samples (" + expected + " bytes), value has " + value.length);
    }
    if (crc) {
      int stored = (value[expected - 2] & 0xFF) | ((value[expected - 1] & 0xFF) << 8);
      int computed = Crc16.ccittFalse(value, 0, expected - 2);
      if (stored != computed) {
        throw new ProtocolException(
            Reason.CRC_MISMATCH,
            expected - 2,
            String.format("CRC-16 is 0x%04x, contents give 0x%04x", stored, computed));
      }
    }
    int sequence = in.u16("sequence");
    long time = in.u32("t0_us");
    Int16Scale a = config.accelRange().scale();
    Int16Scale g = config.gyroRange().scale();
    List<WristbandSample> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Vector3 accel = in.vector3(a, "accel");
      Vector3 gyro = in.vector3(g, "gyro");
      Optional<Vector3> field = mag ? Optional.of(in.vector3(MAG_SCALE, "mag")) : Optional.empty();
      samples.add(new WristbandSample(accel, gyro, field));
    }
    return new WristbandDataPacket(sequence, time, mag, crc, samples);
  }

  /**
   * Encodes one data packet, quantising each axis to the config's ranges (values beyond the range
   * saturate, as the sensor does).
   *
   * @param packet the packet
   * @param config the device's config; only its ranges are used
   * @return the notification's value
   */
  public static byte[] encode(WristbandDataPacket packet, WristbandConfig config) {
    int count = packet.samples().size();
    boolean mag = packet.magnetometer();
    int length = packetLength(count, mag, packet.crc());
    ByteWriter out = new ByteWriter(length);
    out.u8((VERSION << 5) | count);
    out.u8((mag ? FLAG_MAG : 0) | (packet.crc() ? FLAG_CRC : 0));
    out.u16(packet.sequence());
    out.u32(packet.deviceTimeMicros());
    Int16Scale a = config.accelRange().scale();
    Int16Scale g = config.gyroRange().scale();
    for (WristbandSample s : packet.samples()) {
      out.vector3(s.accelG(), a).vector3(s.gyroRadPerS(), g);
      if (mag) {
        out.vector3(s.magMicroTesla().orElseThrow(), MAG_SCALE);
      }
    }
    if (packet.crc()) {
      byte[] partial = out.toByteArray();
      out.u16(Crc16.ccittFalse(partial, 0, length - 2));
    }
    return out.toByteArray();
  }

}
