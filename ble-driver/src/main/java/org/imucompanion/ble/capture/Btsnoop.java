package org.imucompanion.ble.capture;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The btsnoop file format as {@code btmon -w} writes it, and the few HCI, L2CAP and ATT bytes a
 * capture of notifications needs.
 *
 * <pre>
 * file header (16 bytes, big-endian)
 * +----------------------+---------+----------+
 * | "btsnoop\0" (8)      | ver = 1 | datalink |   datalink 2001 = Linux monitor, 1002 = HCI H4
 * +----------------------+---------+----------+
 * record header (24 bytes, big-endian), then the packet
 * +----------+----------+-------+-------+------------------------------+
 * | orig len | incl len | flags | drops | timestamp (µs since year 0)  |
 * +----------+----------+-------+-------+------------------------------+
 * monitor flags = adapter index &lt;&lt; 16 | opcode (0 new index, 3 event, 5 ACL received)
 * H4 flags: bit 0 = received, bit 1 = command/event; packet starts with the H4 type byte
 *
 * per device, once: LE Connection Complete (address, connection handle), then per characteristic
 * a Find Information request (sent) and response (handle, UUID) so Wireshark names the handles
 *
 * ACL data (little-endian) carrying one ATT Handle Value Notification
 * +-----------------+---------+---------+--------------+------+--------+--------+
 * | handle|PB=10 (2)| len (2) | L2 len  | CID 0x0004   | 0x1b | handle | value  |
 * +-----------------+---------+---------+--------------+------+--------+--------+
 * </pre>
 */
final class Btsnoop {

  static final byte[] MAGIC = "btsnoop\0".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int DATALINK_H4 = 1002;
  static final int DATALINK_MONITOR = 2001;
  static final int FILE_HEADER_LENGTH = 16;
  static final int RECORD_HEADER_LENGTH = 24;

  /** Microseconds from 0000-01-01T00:00 (btsnoop's epoch) to 1970-01-01T00:00. */
  static final long EPOCH_OFFSET_MICROS = 0x00dcddb30f2f8000L;

  static final int MONITOR_NEW_INDEX = 0;
  static final int MONITOR_EVENT = 3;
  static final int MONITOR_ACL_TX = 4;
  static final int MONITOR_ACL_RX = 5;

  static final int H4_ACL = 0x02;
  static final int H4_EVENT = 0x04;

  static final int EVENT_LE_META = 0x3e;
  static final int LE_CONNECTION_COMPLETE = 0x01;
  static final int LE_ENHANCED_CONNECTION_COMPLETE = 0x0a;

  static final int CID_ATT = 0x0004;
  static final int ATT_FIND_INFORMATION_REQUEST = 0x04;
  static final int ATT_FIND_INFORMATION_RESPONSE = 0x05;
  static final int ATT_HANDLE_VALUE_NOTIFICATION = 0x1b;
  static final int ATT_HANDLE_VALUE_INDICATION = 0x1d;

  /** The first connection handle given out; real controllers commonly start here. */
  static final int FIRST_CONNECTION_HANDLE = 0x0040;

  private Btsnoop() {}

  private static final long BASE_UUID_LSB = 0x800000805f9b34fbL;
  private static final long BASE_UUID_MSB_LOW = 0x0000_1000L;

  /** Returns the 16-bit form of a UUID built on the Bluetooth base UUID, if it is one. */
  static Optional<Integer> shortUuid(UUID uuid) {
    long msb = uuid.getMostSignificantBits();
    if (uuid.getLeastSignificantBits() == BASE_UUID_LSB
        && (msb & 0xFFFF_FFFFL) == BASE_UUID_MSB_LOW
        && (msb >>> 48) == 0) {
      return Optional.of((int) (msb >>> 32) & 0xFFFF);
    }
    return Optional.empty();
  }

  /** Parses {@code AA:BB:CC:DD:EE:FF} into the 6 bytes HCI sends (least significant first). */
  static byte[] addressToHci(String address) {
    String[] parts = address.split(":");
    if (parts.length != 6) {
      throw new IllegalArgumentException("not a Bluetooth address: " + address);
    }
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[5 - i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return out;
  }

  /** Formats 6 HCI address bytes (least significant first) as {@code AA:BB:CC:DD:EE:FF}. */
  static String addressFromHci(byte[] buffer, int offset) {
    StringBuilder sb = new StringBuilder(17);
    for (int i = 5; i >= 0; i--) {
      sb.append(String.format("%02X", buffer[offset + i] & 0xFF));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
