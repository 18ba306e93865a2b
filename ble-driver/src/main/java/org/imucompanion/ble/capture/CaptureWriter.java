package org.imucompanion.ble.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.NotificationListener;

/**
 * Writes notifications to a btsnoop capture (Linux monitor datalink, as {@code btmon -w}) and its
 * properties sidecar.
 *
 * <p>Register each device with {@link #addDevice} before writing its notifications. The first
 * notification of a device is preceded by an LE Connection Complete event with the device's address
 * and connection handle, so Wireshark names the sender; both take their time stamp from that
 * notification, so writing the same devices and notifications again gives the same bytes. The
 * sidecar is rewritten (atomically) whenever a device is added, so a capture cut short by a crash
 * still opens.
 *
 * <p>Notifications from the transport carry {@link System#nanoTime()}; the writer turns them into
 * wall-clock microseconds with one anchor pair (a wall-clock instant and the nano time read at the
 * same moment) taken when it is created.
 *
 * <p>Thread safety: methods are synchronized, so several devices' listeners can share a writer.
 * After {@link #close()} every method but {@code close} throws {@link IllegalStateException}.
 */
public final class CaptureWriter implements AutoCloseable {

  private static final int ADAPTER_INDEX = 0;
  private static final long FLUSH_INTERVAL_MICROS = 250_000;

  private final Path file;
  private final OutputStream out;
  private final long anchorEpochMicros;
  private final long anchorNanos;
  private final Map<String, DeviceState> devices = new LinkedHashMap<>();
  private final AtomicReference<IOException> listenerFailure = new AtomicReference<>();
  private final byte[] recordHeader = new byte[Btsnoop.RECORD_HEADER_LENGTH];
  private boolean indexWritten;
  private long lastFlushMicros = Long.MIN_VALUE;
  private long written;
  private boolean closed;

  private static final class DeviceState {
    final CaptureDevice device;
    final int connectionHandle;
    boolean announced;

    DeviceState(CaptureDevice device, int connectionHandle) {
      this.device = device;
      this.connectionHandle = connectionHandle;
    }
  }

  private CaptureWriter(Path file, long anchorEpochMicros, long anchorNanos) throws IOException {
    this.file = file;
    this.anchorEpochMicros = anchorEpochMicros;
    this.anchorNanos = anchorNanos;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    ByteBuffer header = ByteBuffer.allocate(Btsnoop.FILE_HEADER_LENGTH);
    header.put(Btsnoop.MAGIC).putInt(Btsnoop.VERSION).putInt(Btsnoop.DATALINK_MONITOR);
    out.write(header.array());
    CaptureSidecar.write(file, List.of());
  }

  /**
   * Creates a capture, anchoring host nano times to the system clock now.
   *
   * @param file the btsnoop file to create (replaced if it exists); the sidecar goes beside it
   * @return the writer
   * @throws IOException if the files cannot be created
   */
  public static CaptureWriter create(Path file) throws IOException {
    Instant now = Clock.systemUTC().instant();
    long nanos = System.nanoTime();
    return new CaptureWriter(file, ChronoUnit.MICROS.between(Instant.EPOCH, now), nanos);
  }

  /**
   * Creates a capture with a given clock anchor (for tests and for re-writing a capture).
   *
   * @param file the btsnoop file to create (replaced if it exists); the sidecar goes beside it
   * @param anchorEpochMicros wall-clock microseconds since 1970 at the anchor
   * @param anchorNanos {@link System#nanoTime()} at the same moment
   * @return the writer
   * @throws IOException if the files cannot be created
   */
  public static CaptureWriter create(Path file, long anchorEpochMicros, long anchorNanos)
      throws IOException {
    return new CaptureWriter(file, anchorEpochMicros, anchorNanos);
  }

  /**
   * Returns where the sidecar of a capture file is.
   *
   * @param file the btsnoop file
   * @return the properties file beside it ({@code name.btsnoop.properties})
   */
  public static Path sidecarOf(Path file) {
    return CaptureSidecar.of(file);
  }

  /**
   * Registers a device so that its notifications can be written.
   *
   * @param device what is known about it
   * @throws IOException if the sidecar cannot be written
   * @throws IllegalArgumentException if a device with that address was already added
   */
  public synchronized void addDevice(CaptureDevice device) throws IOException {
    ensureOpen();
    String key = device.address().toUpperCase(java.util.Locale.ROOT);
    if (devices.containsKey(key)) {
      throw new IllegalArgumentException("device already in the capture: " + device.address());
    }
    devices.put(key, new DeviceState(device, Btsnoop.FIRST_CONNECTION_HANDLE + devices.size()));
    writeSidecar();
  }

  /**
   * Writes one notification.
   *
   * @param n the notification; its device must have been added and have a characteristic with its
   *     handle
   * @throws IOException if writing fails
   * @throws IllegalArgumentException for an unknown device or handle
   */
  public synchronized void write(CapturedNotification n) throws IOException {
    ensureOpen();
    DeviceState state = devices.get(n.deviceAddress().toUpperCase(java.util.Locale.ROOT));
    if (state == null) {
      throw new IllegalArgumentException("device not added to the capture: " + n.deviceAddress());
    }
    if (state
        .device
        .byHandle(n.handle())
        .filter(c -> c.uuid().equals(n.characteristic()))
        .isEmpty()) {
      throw new IllegalArgumentException(
          n.deviceAddress()
              + " has no characteristic "
              + n.characteristic()
              + " at handle "
              + n.handle());
    }
    long ts = n.epochMicros();
    if (!indexWritten) {
      writeNewIndex(ts);
      indexWritten = true;
    }
    if (!state.announced) {
      writeConnectionComplete(ts, state);
      writeDiscovery(ts, state);
      state.announced = true;
    }
    byte[] value = n.valueNoCopy();
    int attLength = 3 + value.length;
    int l2capLength = 4 + attLength;
    int aclLength = 4 + l2capLength;
    if (l2capLength > 0xFFFF) {
      throw new IllegalArgumentException("value too long for one ACL packet: " + value.length);
    }
    writeRecordHeader(aclLength, Btsnoop.MONITOR_ACL_RX, ts);
    int connection = state.connectionHandle | 0x2000; // PB = 10: first packet, flushable
    writeLe16(connection);
    writeLe16(l2capLength);
    writeLe16(attLength);
    writeLe16(Btsnoop.CID_ATT);
    out.write(Btsnoop.ATT_HANDLE_VALUE_NOTIFICATION);
    writeLe16(n.handle());
    out.write(value);
    written++;
    if (ts - lastFlushMicros >= FLUSH_INTERVAL_MICROS || ts < lastFlushMicros) {
      out.flush(); // bound what a crash can lose to a quarter second of capture
      lastFlushMicros = ts;
    }
  }

  /**
   * Writes one notification as it came from a transport, converting its host time.
   *
   * @param n the notification
   * @throws IOException if writing fails
   * @throws IllegalArgumentException for an unknown device or handle
   */
  public void write(Notification n) throws IOException {
    write(
        new CapturedNotification(
            toEpochMicros(n.hostTimeNanos()),
            n.deviceAddress(),
            n.characteristic(),
            n.handle(),
            n.value()));
  }

  /**
   * Converts a host {@link System#nanoTime()} to the capture's wall-clock microseconds.
   *
   * @param hostTimeNanos a nano time of this JVM
   * @return microseconds since 1970
   */
  public long toEpochMicros(long hostTimeNanos) {
    return anchorEpochMicros + Math.floorDiv(hostTimeNanos - anchorNanos, 1000L);
  }

  /**
   * Returns a listener that writes every notification it gets, for subscribing the capture
   * directly. A listener cannot throw, so the first failure (an I/O error, or a notification from a
   * device or handle not added) is kept for {@link #failure()} and later notifications are ignored.
   *
   * @return the listener
   */
  public NotificationListener listener() {
    return n -> {
      if (listenerFailure.get() != null) {
        return;
      }
      try {
        write(n);
      } catch (IOException e) {
        listenerFailure.compareAndSet(null, e);
      } catch (IllegalArgumentException e) {
        // Subscribed to a device or characteristic the capture was not told about: a wiring
        // mistake, kept visible rather than thrown into the transport's delivery thread.
        listenerFailure.compareAndSet(null, new CaptureFormatException(e.getMessage(), e));
      } catch (IllegalStateException e) {
        // Closed while notifications were still queued: the capture is complete as it is.
      }
    };
  }

  /**
   * Returns the first failure of the {@link #listener()}, if any.
   *
   * @return the failure, or empty while writing succeeds
   */
  public Optional<IOException> failure() {
    return Optional.ofNullable(listenerFailure.get());
  }

  /**
   * Returns how many notifications were written.
   *
   * @return the count
   */
  public synchronized long written() {
    return written;
  }

  /**
   * Pushes buffered bytes to the file.
   *
   * @throws IOException if writing fails
   */
  public synchronized void flush() throws IOException {
    ensureOpen();
    out.flush();
  }

  /**
   * Flushes, writes the sidecar and closes the file. Idempotent.
   *
   * @throws IOException if the last bytes cannot be written
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      out.flush();
      writeSidecar();
    }
  }

  private void writeSidecar() throws IOException {
    List<CaptureSidecar.Entry> entries = new ArrayList<>();
    for (DeviceState s : devices.values()) {
      entries.add(new CaptureSidecar.Entry(s.device, s.connectionHandle));
    }
    CaptureSidecar.write(file, entries);
  }

  private void writeNewIndex(long ts) throws IOException {
    // type 0 (primary controller), bus 0 (virtual), address 00:..:00, name "hci0" padded to 8
    byte[] payload = new byte[16];
    byte[] name = "hci0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(name, 0, payload, 8, name.length);
    writeRecordHeader(payload.length, Btsnoop.MONITOR_NEW_INDEX, ts);
    out.write(payload);
  }

  private void writeConnectionComplete(long ts, DeviceState state) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(2 + 19).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put((byte) Btsnoop.EVENT_LE_META).put((byte) 19);
    b.put((byte) Btsnoop.LE_CONNECTION_COMPLETE).put((byte) 0); // status: success
    b.putShort((short) state.connectionHandle);
    b.put((byte) 0); // role: we are central
    b.put((byte) 0); // peer address type: public
    b.put(Btsnoop.addressToHci(state.device.address()));
    b.putShort((short) 24); // connection interval, 1.25 ms units (30 ms)
    b.putShort((short) 0); // peripheral latency
    b.putShort((short) 400); // supervision timeout, 10 ms units (4 s)
    b.put((byte) 0); // central clock accuracy
    writeRecordHeader(b.capacity(), Btsnoop.MONITOR_EVENT, ts);
    out.write(b.array());
  }

  /**
   * Writes a Find Information request and response per characteristic, as a host discovering the
   * device would see them: Wireshark learns each handle's UUID from them and shows it on every
   * notification ({@code btatt.uuid128} / {@code btatt.uuid16}).
   */
  private void writeDiscovery(long ts, DeviceState state) throws IOException {
    for (GattCharacteristicInfo c : state.device.characteristics()) {
      byte[] request = new byte[5];
      request[0] = (byte) Btsnoop.ATT_FIND_INFORMATION_REQUEST;
      putLe16(request, 1, c.handle());
      putLe16(request, 3, c.handle());
      writeAtt(ts, state, Btsnoop.MONITOR_ACL_TX, request);
      Optional<Integer> short16 = Btsnoop.shortUuid(c.uuid());
      byte[] response = new byte[2 + 2 + (short16.isPresent() ? 2 : 16)];
      response[0] = (byte) Btsnoop.ATT_FIND_INFORMATION_RESPONSE;
      response[1] = (byte) (short16.isPresent() ? 0x01 : 0x02);
      putLe16(response, 2, c.handle());
      if (short16.isPresent()) {
        putLe16(response, 4, short16.get());
      } else {
        ByteBuffer u = ByteBuffer.wrap(response, 4, 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        u.putLong(c.uuid().getLeastSignificantBits()).putLong(c.uuid().getMostSignificantBits());
      }
      writeAtt(ts, state, Btsnoop.MONITOR_ACL_RX, response);
    }
  }

  private void writeAtt(long ts, DeviceState state, int opcode, byte[] att) throws IOException {
    writeRecordHeader(4 + 4 + att.length, opcode, ts);
    writeLe16(state.connectionHandle | 0x2000);
    writeLe16(4 + att.length);
    writeLe16(att.length);
    writeLe16(Btsnoop.CID_ATT);
    out.write(att);
  }

  private static void putLe16(byte[] b, int offset, int v) {
    b[offset] = (byte) v;
    b[offset + 1] = (byte) (v >>> 8);
  }

  private void writeRecordHeader(int length, int opcode, long epochMicros) throws IOException {
    ByteBuffer h = ByteBuffer.wrap(recordHeader);
    h.putInt(length).putInt(length).putInt((ADAPTER_INDEX << 16) | opcode).putInt(0);
    h.putLong(epochMicros + Btsnoop.EPOCH_OFFSET_MICROS);
    out.write(recordHeader);
  }

  private void writeLe16(int v) throws IOException {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("capture closed: " + file);
    }
  }


  /**
   * Returns the devices added so far, in order.
   *
   * @return the devices
   */
  public synchronized List<CaptureDevice> devices() {
    List<CaptureDevice> list = new ArrayList<>();
    devices.values().forEach(s -> list.add(s.device));
    return list;
  }

  /**
   * Returns the capture file.
   *
   * @return the btsnoop file's path
   */
  public Path file() {
    return Objects.requireNonNull(file);
  }
}
