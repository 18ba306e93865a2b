package org.imucompanion.ble.capture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imucompanion.ble.GattCharacteristicInfo;

/**
 * Reads a capture back: the devices from the sidecar and the notifications from the btsnoop file,
 * one at a time so a long capture need not fit in memory.
 *
 * <p>It reads the Linux monitor datalink (2001, what {@link CaptureWriter} and {@code btmon -w}
 * write) and HCI H4 (1002, what Android's snoop log writes). Every ATT Handle Value Notification or
 * Indication received on a connection the sidecar knows becomes a {@link CapturedNotification};
 * other traffic (commands, events, sent packets, discovery) is passed over, and notifications that
 * cannot be returned are counted in {@link #skippedRecords()}, so a real {@code btmon} capture with
 * a hand-written sidecar can be replayed too. ACL fragments are reassembled.
 */
public final class CaptureReader implements AutoCloseable {

  private final Path file;
  private final DataInputStream in;
  private final int datalink;
  private final List<CaptureDevice> devices = new ArrayList<>();
  private final Map<Integer, CaptureDevice> byConnection = new HashMap<>();
  private final Map<Integer, Fragment> fragments = new HashMap<>();
  private long skipped;
  private boolean closed;

  private static final class Fragment {
    final byte[] l2cap;
    int filled;

    Fragment(int length) {
      this.l2cap = new byte[length];
    }
  }

  private CaptureReader(Path file) throws IOException {
    this.file = file;
    for (CaptureSidecar.Entry e : CaptureSidecar.read(file)) {
      devices.add(e.device());
      byConnection.put(e.connectionHandle(), e.device());
    }
    this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    try {
      byte[] magic = new byte[Btsnoop.MAGIC.length];
      in.readFully(magic);
      if (!Arrays.equals(magic, Btsnoop.MAGIC)) {
        throw new CaptureFormatException(file + ": not a btsnoop file (bad magic)");
      }
      int version = in.readInt();
      if (version != Btsnoop.VERSION) {
        throw new CaptureFormatException(file + ": btsnoop version " + version + ", expected 1");
      }
      datalink = in.readInt();
      if (datalink != Btsnoop.DATALINK_MONITOR && datalink != Btsnoop.DATALINK_H4) {
        throw new CaptureFormatException(
            file + ": btsnoop datalink " + datalink + " (only 2001 monitor and 1002 H4 are read)");
      }
    } catch (EOFException e) {
      in.close();
      throw new CaptureFormatException(file + ": shorter than a btsnoop header", e);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Opens a capture and its sidecar.
   *
   * @param file the btsnoop file
   * @return the reader, positioned before the first notification
   * @throws CaptureFormatException if the file or its sidecar is not a capture
   * @throws IOException if reading fails
   */
  public static CaptureReader open(Path file) throws IOException {
    return new CaptureReader(file);
  }

  /**
   * Reads a whole capture.
   *
   * @param file the btsnoop file
   * @return its devices and notifications
   * @throws IOException if reading fails or the file is not a capture
   */
  public static Capture readAll(Path file) throws IOException {
    try (CaptureReader r = open(file)) {
      List<CapturedNotification> all = new ArrayList<>();
      for (Optional<CapturedNotification> n = r.next(); n.isPresent(); n = r.next()) {
        all.add(n.get());
      }
      return new Capture(r.devices(), all, r.skippedRecords());
    }
  }

  /**
   * Returns the devices the sidecar lists, in the order they were added.
   *
   * @return the devices
   */
  public List<CaptureDevice> devices() {
    return List.copyOf(devices);
  }

  /**
   * Returns how many notifications could not be returned so far: from a connection or handle the
   * sidecar does not name, cut short by the capture's snap length or by a crash, or in ACL
   * fragments that do not add up. Other traffic in the file (commands, events, sent packets,
   * discovery) is not a notification and is not counted.
   *
   * @return the count
   */
  public long skippedRecords() {
    return skipped;
  }

  /**
   * Reads the next notification.
   *
   * @return the notification, or empty at the end of the file
   * @throws CaptureFormatException if a record is cut short or inconsistent
   * @throws IOException if reading fails
   */
  public Optional<CapturedNotification> next() throws IOException {
    if (closed) {
      throw new IllegalStateException("reader closed: " + file);
    }
    while (true) {
      int originalLength;
      try {
        originalLength = in.readInt();
      } catch (EOFException end) {
        return Optional.empty();
      }
      int includedLength;
      int flags;
      long timestamp;
      byte[] packet;
      try {
        includedLength = in.readInt();
        flags = in.readInt();
        in.readInt(); // cumulative drops
        timestamp = in.readLong();
        if (includedLength < 0 || includedLength > (1 << 20)) {
          throw new CaptureFormatException(file + ": record length " + includedLength);
        }
        packet = new byte[includedLength];
        in.readFully(packet);
      } catch (EOFException e) {
        // A capture cut off by a crash ends in a partial record: what came before is good.
        skipped++;
        return Optional.empty();
      }
      long epochMicros = timestamp - Btsnoop.EPOCH_OFFSET_MICROS;
      if (includedLength < originalLength) {
        skipped++; // snapped short: the value would be wrong
        continue;
      }
      Optional<CapturedNotification> n = decodeRecord(flags, packet, epochMicros);
      if (n.isPresent()) {
        return n;
      }
    }
  }

  private Optional<CapturedNotification> decodeRecord(int flags, byte[] p, long epochMicros) {
    if (datalink == Btsnoop.DATALINK_MONITOR) {
      int opcode = flags & 0xFFFF;
      if (opcode == Btsnoop.MONITOR_EVENT) {
        event(p, 0);
        return Optional.empty();
      }
      if (opcode == Btsnoop.MONITOR_ACL_RX) {
        return acl(p, 0, epochMicros);
      }
      return Optional.empty(); // other traffic: not a notification, nothing lost
    }
    boolean received = (flags & 1) != 0;
    if (p.length > 0 && p[0] == Btsnoop.H4_EVENT) {
      event(p, 1);
      return Optional.empty();
    }
    if (p.length > 0 && p[0] == Btsnoop.H4_ACL && received) {
      return acl(p, 1, epochMicros);
    }
    return Optional.empty(); // commands and sent data: not notifications
  }

  /** Learns connection handles from LE Connection Complete events for devices the sidecar names. */
  private void event(byte[] p, int o) {
    if (p.length < o + 2 + 12 || (p[o] & 0xFF) != Btsnoop.EVENT_LE_META) {
      return;
    }
    int sub = p[o + 2] & 0xFF;
    if ((sub == Btsnoop.LE_CONNECTION_COMPLETE || sub == Btsnoop.LE_ENHANCED_CONNECTION_COMPLETE)
        && p[o + 3] == 0) {
      int handle = le16(p, o + 4) & 0x0FFF;
      String address = Btsnoop.addressFromHci(p, o + 8);
      for (CaptureDevice d : devices) {
        if (d.address().equalsIgnoreCase(address)) {
          byConnection.put(handle, d);
        }
      }
    }
  }

  private Optional<CapturedNotification> acl(byte[] p, int o, long epochMicros) {
    if (p.length < o + 4) {
      skipped++;
      return Optional.empty();
    }
    int header = le16(p, o);
    int connection = header & 0x0FFF;
    int packetBoundary = (header >>> 12) & 0x3;
    int dataLength = le16(p, o + 2);
    if (p.length < o + 4 + dataLength) {
      skipped++;
      return Optional.empty();
    }
    int start = o + 4;
    byte[] l2cap;
    if (packetBoundary == 0b01) { // continuation of a fragmented L2CAP frame
      Fragment f = fragments.get(connection);
      if (f == null || f.filled + dataLength > f.l2cap.length) {
        fragments.remove(connection);
        skipped++;
        return Optional.empty();
      }
      System.arraycopy(p, start, f.l2cap, f.filled, dataLength);
      f.filled += dataLength;
      if (f.filled < f.l2cap.length) {
        return Optional.empty();
      }
      fragments.remove(connection);
      l2cap = f.l2cap;
    } else {
      if (dataLength < 4) {
        skipped++;
        return Optional.empty();
      }
      int frameLength = 4 + le16(p, start);
      if (frameLength > dataLength) {
        Fragment f = new Fragment(frameLength);
        System.arraycopy(p, start, f.l2cap, 0, dataLength);
        f.filled = dataLength;
        fragments.put(connection, f);
        return Optional.empty();
      }
      l2cap = Arrays.copyOfRange(p, start, start + frameLength);
    }
    return att(connection, l2cap, epochMicros);
  }

  private Optional<CapturedNotification> att(int connection, byte[] l2cap, long epochMicros) {
    int cid = le16(l2cap, 2);
    int attLength = le16(l2cap, 0);
    if (cid != Btsnoop.CID_ATT || attLength < 1) {
      return Optional.empty(); // signalling, SMP...: not ATT
    }
    int opcode = l2cap[4] & 0xFF;
    if (opcode != Btsnoop.ATT_HANDLE_VALUE_NOTIFICATION
        && opcode != Btsnoop.ATT_HANDLE_VALUE_INDICATION) {
      return Optional.empty(); // discovery, reads, writes: not notifications
    }
    if (attLength < 3) {
      skipped++; // a notification too short to hold its handle
      return Optional.empty();
    }
    int handle = le16(l2cap, 5);
    CaptureDevice device = byConnection.get(connection);
    Optional<GattCharacteristicInfo> ch =
        device == null ? Optional.empty() : device.byHandle(handle);
    if (ch.isEmpty()) {
      skipped++;
      return Optional.empty();
    }
    byte[] value = Arrays.copyOfRange(l2cap, 7, 4 + attLength);
    return Optional.of(
        new CapturedNotification(epochMicros, device.address(), ch.get().uuid(), handle, value));
  }

  private static int le16(byte[] b, int o) {
    return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
  }

  /** Closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}
