package org.imucompanion.ble.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>A damaged record does not end the reading. A record header that cannot be right (a length of
 * 2³¹ or −1, an original length shorter than the included one, an opcode or flags no writer uses, a
 * time stamp before year 0) or a packet whose own length fields disagree with its record's is
 * reported as a {@link CaptureDamage} with its record number and byte offset; the reader then looks
 * byte by byte for the next offset where a record and the one after it both make sense, and goes on
 * from there. Reading never allocates more than one record's worth (at most {@value
 * #MAX_RECORD_LENGTH} bytes) at a time and always moves forward through the file, so any bytes
 * whatsoever end in finite time. Only a file that is not btsnoop at all (magic, version, datalink) or whose
 * sidecar is unreadable is refused, with a {@link CaptureFormatException}.
 */
public final class CaptureReader implements AutoCloseable {

  /** The longest record that can be right: H4 type byte, ACL header and the largest ACL payload. */
  public static final int MAX_RECORD_LENGTH = 1 + 4 + 0xFFFF;

  /** Damage reports kept; further damage is only counted. */
  static final int MAX_DAMAGE_KEPT = 100;

  /** Highest opcode of the Linux monitor datalink (btmon's ISO received packet is 19). */
  private static final int MAX_MONITOR_OPCODE = 0x1F;

  /** Fragmented frames kept open at once; a capture holds a handful of connections. */
  private static final int MAX_OPEN_FRAGMENTS = 64;

  private final Path file;
  private final FileChannel channel;
  private final long size;
  private final int datalink;
  private final List<CaptureDevice> devices = new ArrayList<>();
  private final Map<Integer, CaptureDevice> byConnection = new HashMap<>();
  private final Map<Integer, Fragment> fragments = new HashMap<>();
  private final List<CaptureDamage> damage = new ArrayList<>();
  private final byte[] window = new byte[1 << 16];
  private final byte[] headerBytes = new byte[Btsnoop.RECORD_HEADER_LENGTH];
  private byte[] scratch;
  private long windowStart;
  private int windowLength;
  private long position = Btsnoop.FILE_HEADER_LENGTH;
  private long records;
  private long lastRecordNumber;
  private long lastRecordOffset = -1;
  private long skipped;
  private long damagedStretches;
  private long bytesSkipped;
  private boolean closed;

  private static final class Fragment {
    final byte[] l2cap;
    int filled;

    Fragment(int length) {
      this.l2cap = new byte[length];
    }
  }

  /** A record header as read; lengths unsigned. */
  private record Header(long originalLength, long includedLength, int flags, long timestamp) {}

  private CaptureReader(Path file) throws IOException {
    this.file = file;
    for (CaptureSidecar.Entry e : CaptureSidecar.read(file)) {
      devices.add(e.device());
      byConnection.put(e.connectionHandle(), e.device());
    }
    this.channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      this.size = channel.size();
      byte[] head = new byte[Btsnoop.FILE_HEADER_LENGTH];
      if (!read(0, head, head.length)) {
        throw new CaptureFormatException(file + ": shorter than a btsnoop header");
      }
      if (!Arrays.equals(Arrays.copyOf(head, Btsnoop.MAGIC.length), Btsnoop.MAGIC)) {
        throw new CaptureFormatException(file + ": not a btsnoop file (bad magic)");
      }
      ByteBuffer b = ByteBuffer.wrap(head, Btsnoop.MAGIC.length, 8);
      int version = b.getInt();
      if (version != Btsnoop.VERSION) {
        throw new CaptureFormatException(file + ": btsnoop version " + version + ", expected 1");
      }
      datalink = b.getInt();
      if (datalink != Btsnoop.DATALINK_MONITOR && datalink != Btsnoop.DATALINK_H4) {
        throw new CaptureFormatException(
            file + ": btsnoop datalink " + datalink + " (only 2001 monitor and 1002 H4 are read)");
      }
    } catch (IOException e) {
      channel.close();
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
   * @return its devices, notifications and the damage passed over
   * @throws CaptureFormatException if the file or its sidecar is not a capture
   * @throws IOException if reading fails
   */
  public static Capture readAll(Path file) throws IOException {
    try (CaptureReader r = open(file)) {
      List<CapturedNotification> all = new ArrayList<>();
      for (Optional<CapturedNotification> n = r.next(); n.isPresent(); n = r.next()) {
        all.add(n.get());
      }
      return new Capture(
          r.devices(), all, r.skippedRecords(), r.damage(), r.damagedStretches(), r.bytesSkipped());
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
   * discovery) is not a notification and is not counted; nor are damaged stretches ({@link
   * #damage()}), where nobody can tell how many notifications were lost.
   *
   * @return the count
   */
  public long skippedRecords() {
    return skipped;
  }

  /**
   * Returns the damaged stretches passed over so far, the first {@value #MAX_DAMAGE_KEPT} of them
   * ({@link #damagedStretches()} counts them all).
   *
   * @return the damage, in file order
   */
  public List<CaptureDamage> damage() {
    return List.copyOf(damage);
  }

  /**
   * Returns how many damaged stretches were passed over so far.
   *
   * @return the count, kept or not
   */
  public long damagedStretches() {
    return damagedStretches;
  }

  /**
   * Returns how many bytes damaged stretches took up so far.
   *
   * @return the bytes skipped
   */
  public long bytesSkipped() {
    return bytesSkipped;
  }

  /**
   * Returns the number of the record the last notification came from (from 1, as Wireshark
   * numbers frames, until a damaged stretch; after one, records read so far).
   *
   * @return the record number, or 0 before the first notification
   */
  public long recordNumber() {
    return lastRecordNumber;
  }

  /**
   * Returns the byte offset of the record the last notification came from.
   *
   * @return the offset from the start of the file, or -1 before the first notification
   */
  public long recordOffset() {
    return lastRecordOffset;
  }

  /**
   * Reads the next notification, passing over damaged stretches (see {@link #damage()}).
   *
   * @return the notification, or empty at the end of the file
   * @throws IOException if reading the file fails
   */
  public Optional<CapturedNotification> next() throws IOException {
    if (closed) {
      throw new IllegalStateException("reader closed: " + file);
    }
    while (position < size) {
      long at = position;
      Header h = header(at);
      if (h == null) {
        skipped++; // a header cut off by a crash: what came before is good
        position = size;
        break;
      }
      long number = records + 1;
      String problem = headerProblem(h);
      byte[] packet = null;
      long end = at + Btsnoop.RECORD_HEADER_LENGTH + h.includedLength();
      if (problem == null) {
        if (end > size) {
          long resume = nextRecordsAfter(at);
          if (resume < 0) {
            skipped++; // a capture cut off by a crash ends in a partial record
            position = size;
            break;
          }
          // Sound records follow: it is the length that is wrong, not the file that is short.
          records = number;
          damaged(
              number,
              at,
              "record length "
                  + h.includedLength()
                  + " runs past the end of the file ("
                  + (size - at - Btsnoop.RECORD_HEADER_LENGTH)
                  + " bytes left)",
              resume);
          continue;
        }
        packet = new byte[(int) h.includedLength()];
        read(at + Btsnoop.RECORD_HEADER_LENGTH, packet, packet.length);
        problem = packetProblem(h, packet, packet.length);
      }
      records = number;
      if (problem != null) {
        resynchronise(number, at, problem);
        continue;
      }
      if (h.includedLength() < h.originalLength()) {
        // Snapped short, or a length field that a flipped bit made shorter: only a record right
        // after it tells the two apart.
        if (!followedBySound(end)) {
          resynchronise(
              number,
              at,
              "included length "
                  + h.includedLength()
                  + " differs from the original length "
                  + h.originalLength()
                  + " and no record follows it");
          continue;
        }
        position = end;
        skipped++; // snapped short: the value would be wrong
        continue;
      }
      position = end;
      long epochMicros = h.timestamp() - Btsnoop.EPOCH_OFFSET_MICROS;
      Optional<CapturedNotification> n = decodeRecord(h.flags(), packet, epochMicros);
      if (n.isPresent()) {
        lastRecordNumber = number;
        lastRecordOffset = at;
        return n;
      }
    }
    return Optional.empty();
  }

  /** Reports the damage at {@code at} and moves to the next offset where records make sense. */
  private void resynchronise(long number, long at, String problem) throws IOException {
    damaged(number, at, problem, nextRecordsAfter(at));
  }

  /** Returns the first offset after {@code at} where sound records start, or -1. */
  private long nextRecordsAfter(long at) throws IOException {
    for (long p = at + 1; p + Btsnoop.RECORD_HEADER_LENGTH <= size; p++) {
      if (startsRecords(p)) {
        return p;
      }
    }
    return -1;
  }

  /** Reports the damage at {@code at} and moves to {@code resume} (-1: the end of the file). */
  private void damaged(long number, long at, String problem, long resume) {
    long end = resume < 0 ? size : resume;
    damagedStretches++;
    bytesSkipped += end - at;
    if (damage.size() < MAX_DAMAGE_KEPT) {
      damage.add(new CaptureDamage(number, at, problem, end - at, resume >= 0));
    }
    // A frame split over fragments cannot be trusted across damage: its pieces may be gone.
    skipped += fragments.size();
    fragments.clear();
    position = end;
  }

  /** Whether a sound record starts at {@code p} and is followed by the end or another sound one. */
  private boolean startsRecords(long p) throws IOException {
    // A snapped record's packet cannot be checked: it may anchor nothing, only follow.
    long next = soundRecordEnd(p, false);
    return next >= 0 && followedBySound(next);
  }

  /** Whether {@code next} is the end of the file, a header cut off there, or a sound record. */
  private boolean followedBySound(long next) throws IOException {
    if (size - next < Btsnoop.RECORD_HEADER_LENGTH) {
      return true; // the end of the file, or a header cut off by a crash
    }
    Header h = header(next);
    if (h == null || headerProblem(h) != null) {
      return false;
    }
    return next + Btsnoop.RECORD_HEADER_LENGTH + h.includedLength() > size
        || soundRecordEnd(next, true) >= 0;
  }

  /**
   * Returns where the record at {@code p} ends if its header and packet make sense, else -1; a
   * snapped record (shorter than its original) only if {@code snappedToo}.
   */
  private long soundRecordEnd(long p, boolean snappedToo) throws IOException {
    Header h = header(p);
    if (h == null
        || headerProblem(h) != null
        || (!snappedToo && h.includedLength() < h.originalLength())) {
      return -1;
    }
    long end = p + Btsnoop.RECORD_HEADER_LENGTH + h.includedLength();
    if (end > size) {
      return -1;
    }
    if (scratch == null) {
      scratch = new byte[MAX_RECORD_LENGTH];
    }
    int length = (int) h.includedLength();
    read(p + Btsnoop.RECORD_HEADER_LENGTH, scratch, length);
    return packetProblem(h, scratch, length) == null ? end : -1;
  }

  private Header header(long at) throws IOException {
    if (!read(at, headerBytes, headerBytes.length)) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(headerBytes);
    long original = b.getInt() & 0xFFFF_FFFFL;
    long included = b.getInt() & 0xFFFF_FFFFL;
    int flags = b.getInt();
    b.getInt(); // cumulative drops: anything goes
    return new Header(original, included, flags, b.getLong());
  }

  /** Says what cannot be right about a record header, or null if it could be. */
  private String headerProblem(Header h) {
    if (h.includedLength() > MAX_RECORD_LENGTH) {
      return "record length "
          + lengthText(h.includedLength())
          + " is impossible (at most "
          + MAX_RECORD_LENGTH
          + ")";
    }
    if (h.originalLength() > MAX_RECORD_LENGTH) {
      return "original length "
          + lengthText(h.originalLength())
          + " is impossible (at most "
          + MAX_RECORD_LENGTH
          + ")";
    }
    if (h.originalLength() < h.includedLength()) {
      return "original length "
          + h.originalLength()
          + " is shorter than the "
          + h.includedLength()
          + " bytes included";
    }
    if (h.timestamp() < 0) {
      return "time stamp " + h.timestamp() + " is before year 0";
    }
    if (datalink == Btsnoop.DATALINK_MONITOR) {
      int opcode = h.flags() & 0xFFFF;
      int index = h.flags() >>> 16;
      if (opcode > MAX_MONITOR_OPCODE) {
        return "monitor opcode " + opcode + " does not exist";
      }
      if (index > 0xFF && index != 0xFFFF) {
        return "adapter index " + index + " is impossible";
      }
    } else if ((h.flags() & ~0x3) != 0) {
      return String.format(
          Locale.ROOT, "H4 flags 0x%08x are impossible (only bits 0 and 1 are used)", h.flags());
    }
    return null;
  }

  private static String lengthText(long unsigned) {
    int signed = (int) unsigned;
    return signed < 0 ? unsigned + " (" + signed + " as a signed number)" : Long.toString(unsigned);
  }

  /**
   * Says where a whole packet's own length fields disagree with its record's length, or null.
   * Snapped packets (shorter than their original) cannot be checked and pass.
   */
  private String packetProblem(Header h, byte[] p, int n) {
    if (h.includedLength() < h.originalLength()) {
      return null;
    }
    if (datalink == Btsnoop.DATALINK_MONITOR) {
      int opcode = h.flags() & 0xFFFF;
      return switch (opcode) {
        case Btsnoop.MONITOR_NEW_INDEX -> n == 16 ? null : lengthMismatch("new-index", 16, n);
        case 1 -> n == 0 ? null : lengthMismatch("delete-index", 0, n);
        case 2 -> n >= 3 ? mismatch("HCI command", 3 + u8(p, 2), n) : tooShort("HCI command", n);
        case Btsnoop.MONITOR_EVENT ->
            n >= 2 ? mismatch("HCI event", 2 + u8(p, 1), n) : tooShort("HCI event", n);
        case Btsnoop.MONITOR_ACL_TX, Btsnoop.MONITOR_ACL_RX ->
            n >= 4 ? mismatch("ACL", 4 + le16(p, 2), n) : tooShort("ACL", n);
        case 6, 7 -> n >= 3 ? mismatch("SCO", 3 + u8(p, 2), n) : tooShort("SCO", n);
        case 18, 19 -> n >= 4 ? mismatch("ISO", 4 + (le16(p, 2) & 0x3FFF), n) : tooShort("ISO", n);
        default -> null; // notes, logging, control channel: free-form
      };
    }
    if (n < 1) {
      return "H4 packet is empty";
    }
    int type = p[0] & 0xFF;
    return switch (type) {
      case 0x01 -> n >= 4 ? mismatch("HCI command", 4 + u8(p, 3), n) : tooShort("HCI command", n);
      case Btsnoop.H4_ACL -> n >= 5 ? mismatch("ACL", 5 + le16(p, 3), n) : tooShort("ACL", n);
      case 0x03 -> n >= 4 ? mismatch("SCO", 4 + u8(p, 3), n) : tooShort("SCO", n);
      case Btsnoop.H4_EVENT ->
          n >= 3 ? mismatch("HCI event", 3 + u8(p, 2), n) : tooShort("HCI event", n);
      case 0x05 -> n >= 5 ? mismatch("ISO", 5 + (le16(p, 3) & 0x3FFF), n) : tooShort("ISO", n);
      default -> "H4 packet type " + type + " does not exist";
    };
  }

  private static String mismatch(String what, int says, int holds) {
    return says == holds ? null : lengthMismatch(what, says, holds);
  }

  private static String lengthMismatch(String what, int says, int holds) {
    return what + " packet says it is " + says + " bytes long but the record holds " + holds;
  }

  private static String tooShort(String what, int holds) {
    return what + " packet of " + holds + " bytes is shorter than its header";
  }

  /** Copies {@code length} bytes at {@code at} into {@code dst}; false if the file ends first. */
  private boolean read(long at, byte[] dst, int length) throws IOException {
    if (at < 0 || at + length > size) {
      return false;
    }
    if (length > window.length) {
      ByteBuffer b = ByteBuffer.wrap(dst, 0, length);
      for (long p = at; b.hasRemaining(); ) {
        int got = channel.read(b, p);
        if (got < 0) {
          return false;
        }
        p += got;
      }
      return true;
    }
    if (at < windowStart || at + length > windowStart + windowLength) {
      ByteBuffer b = ByteBuffer.wrap(window);
      for (long p = at; b.hasRemaining(); ) {
        int got = channel.read(b, p);
        if (got < 0) {
          break;
        }
        p += got;
      }
      windowStart = at;
      windowLength = b.position();
      if (at + length > windowStart + windowLength) {
        return false;
      }
    }
    System.arraycopy(window, (int) (at - windowStart), dst, 0, length);
    return true;
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
    boolean known = byConnection.containsKey(connection);
    byte[] l2cap;
    if (packetBoundary == 0b01) { // continuation of a fragmented L2CAP frame
      Fragment f = fragments.get(connection);
      if (f == null) {
        if (known) {
          skipped++; // its first fragment is missing
        }
        return Optional.empty(); // unknown connection: counted when its first fragment came
      }
      if (f.filled + dataLength > f.l2cap.length) {
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
        if (!known) {
          // Nobody can return what this frame carries: count it if it is a notification.
          if (dataLength >= 5 && le16(p, start + 2) == Btsnoop.CID_ATT && isNotification(p[start + 4])) {
            skipped++;
          }
          return Optional.empty();
        }
        if (fragments.remove(connection) != null) {
          skipped++; // a new frame began before the last one was complete
        }
        if (fragments.size() >= MAX_OPEN_FRAGMENTS) {
          skipped++;
          return Optional.empty();
        }
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

  private static boolean isNotification(byte opcode) {
    int op = opcode & 0xFF;
    return op == Btsnoop.ATT_HANDLE_VALUE_NOTIFICATION || op == Btsnoop.ATT_HANDLE_VALUE_INDICATION;
  }

  private Optional<CapturedNotification> att(int connection, byte[] l2cap, long epochMicros) {
    int cid = le16(l2cap, 2);
    int attLength = le16(l2cap, 0);
    if (cid != Btsnoop.CID_ATT || attLength < 1) {
      return Optional.empty(); // signalling, SMP...: not ATT
    }
    if (!isNotification(l2cap[4])) {
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

  private static int u8(byte[] b, int o) {
    return b[o] & 0xFF;
  }

  /** Closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }
}
