package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureRoundTripTest {

  @TempDir Path dir;

  private static void write(Path file, List<CaptureDevice> devices, List<CapturedNotification> ns)
      throws IOException {
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      for (CaptureDevice d : devices) {
        w.addDevice(d);
      }
      for (CapturedNotification n : ns) {
        w.write(n);
      }
    }
  }

  @Test
  void captureReadsBackAsTheSameRecordsAndRewritesByteForByte() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    CaptureDevice myo = CaptureFixtures.myo();
    List<CapturedNotification> written = CaptureFixtures.notifications(wristband, myo, 500, 42);
    Path first = dir.resolve("first.btsnoop");
    write(first, List.of(wristband, myo), written);

    Capture read = CaptureReader.readAll(first);
    assertThat(read.devices()).containsExactly(wristband, myo);
    assertThat(read.notifications()).containsExactlyElementsOf(written);
    assertThat(read.skippedRecords()).isZero();

    Path second = dir.resolve("second.btsnoop");
    write(second, read.devices(), read.notifications());
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    assertThat(Files.readAllBytes(CaptureWriter.sidecarOf(second)))
        .isEqualTo(Files.readAllBytes(CaptureWriter.sidecarOf(first)));
  }

  @Test
  void fileIsBtsnoopMonitorWithTheNotificationBytesInPlace() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    byte[] value = {1, 2, 3, (byte) 0xff};
    Path file = dir.resolve("one.btsnoop");
    write(
        file,
        List.of(wristband),
        List.of(
            new CapturedNotification(
                CaptureFixtures.START_MICROS,
                wristband.address(),
                WristbandUuids.DATA,
                0x12,
                value)));
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
    byte[] magic = new byte[8];
    b.get(magic);
    assertThat(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("btsnoop\0");
    assertThat(b.getInt()).isEqualTo(1);
    assertThat(b.getInt()).isEqualTo(2001);
    // New index, LE connection complete, Find Information request/response per characteristic
    // (3 of them), then the notification.
    assertThat(skipRecord(b)).isEqualTo(0);
    assertThat(skipRecord(b)).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(skipRecord(b)).isEqualTo(4);
      assertThat(skipRecord(b)).isEqualTo(5);
    }
    int length = b.getInt();
    b.getInt();
    assertThat(b.getInt()).isEqualTo(5); // ACL received
    b.getInt();
    assertThat(b.getLong())
        .isEqualTo(CaptureFixtures.START_MICROS + 62_168_256_000_000_000L); // µs since year 0
    byte[] acl = new byte[length];
    b.get(acl);
    assertThat(acl)
        .containsExactly(
            0x40, 0x20, 11, 0, // handle 0x040, PB=10; ACL length 11
            7, 0, 4, 0, // L2CAP length 7, CID 4 (ATT)
            0x1b, 0x12, 0x00, // ATT Handle Value Notification, handle 0x0012
            1, 2, 3, 0xff);
    assertThat(b.hasRemaining()).isFalse();
  }

  private static int skipRecord(ByteBuffer b) {
    int length = b.getInt();
    b.getInt();
    int flags = b.getInt();
    b.getInt();
    b.getLong();
    b.position(b.position() + length);
    return flags & 0xFFFF;
  }

  @Test
  void transportNotificationsAreStampedFromTheAnchor() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    Path file = dir.resolve("anchor.btsnoop");
    try (CaptureWriter w = CaptureWriter.create(file, 1_000_000_000L, 5_000_000_000L)) {
      w.addDevice(wristband);
      w.write(
          new Notification(
              5_002_500_999L, wristband.address(), WristbandUuids.DATA, 0x12, new byte[] {9}));
    }
    CapturedNotification n = CaptureReader.readAll(file).notifications().get(0);
    assertThat(n.epochMicros()).isEqualTo(1_000_002_500L);
    assertThat(n.value()).containsExactly(9);
  }

  @Test
  void captureCutShortByACrashKeepsEverythingBeforeTheCut() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    CaptureDevice myo = CaptureFixtures.myo();
    List<CapturedNotification> written = CaptureFixtures.notifications(wristband, myo, 50, 7);
    Path file = dir.resolve("crash.btsnoop");
    write(file, List.of(wristband, myo), written);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 5));
    Capture read = CaptureReader.readAll(file);
    assertThat(read.notifications()).containsExactlyElementsOf(written.subList(0, 49));
    assertThat(read.skippedRecords()).as(read.damage().toString()).isEqualTo(1);
  }

  @Test
  void missingSidecarIsAClearError() throws IOException {
    Path file = dir.resolve("lonely.btsnoop");
    write(file, List.of(CaptureFixtures.wristband()), List.of());
    Files.delete(CaptureWriter.sidecarOf(file));
    assertThatThrownBy(() -> CaptureReader.open(file))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageContaining("no sidecar")
        .hasMessageContaining("lonely.btsnoop.properties");
  }

  @Test
  void notABtsnoopFileIsAClearError() throws IOException {
    Path file = dir.resolve("bogus.btsnoop");
    write(file, List.of(), List.of());
    Files.write(
        file, "pcap-ish nonsense here".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> CaptureReader.open(file))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageContaining("not a btsnoop file");
  }

  @Test
  @SuppressWarnings("try") // closed inside its try on purpose: checks what happens after close
  void unknownDeviceOrHandleIsRefusedWhenWriting() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    try (CaptureWriter w = CaptureWriter.create(dir.resolve("strict.btsnoop"), 0, 0)) {
      w.addDevice(wristband);
      assertThatThrownBy(
              () ->
                  w.write(
                      new CapturedNotification(
                          0, "00:11:22:33:44:55", WristbandUuids.DATA, 0x12, new byte[1])))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () ->
                  w.write(
                      new CapturedNotification(
                          0, wristband.address(), WristbandUuids.DATA, 0x99, new byte[1])))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> w.addDevice(wristband)).isInstanceOf(IllegalArgumentException.class);
      w.close();
      assertThatThrownBy(w::flush).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void listenerKeepsTheFirstFailureInsteadOfThrowingIntoTheTransport() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    Path file = dir.resolve("listener.btsnoop");
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(wristband);
      var listener = w.listener();
      listener.onNotification(
          new Notification(1_000, wristband.address(), WristbandUuids.DATA, 0x12, new byte[] {1}));
      listener.onNotification(
          new Notification(2_000, wristband.address(), WristbandUuids.DATA, 0x99, new byte[] {2}));
      listener.onNotification(
          new Notification(3_000, wristband.address(), WristbandUuids.DATA, 0x12, new byte[] {3}));
      assertThat(w.failure()).get().isInstanceOf(CaptureFormatException.class);
      assertThat(w.failure().get()).hasMessageContaining("handle 153");
      assertThat(w.written()).isEqualTo(1);
    }
    assertThat(CaptureReader.readAll(file).notifications()).hasSize(1);
  }

  /**
   * An Android-style H4 snoop log (datalink 1002) with a notification split over two ACL fragments,
   * a sent packet and a handle the sidecar doesn't know: only the notification comes back.
   */
  @Test
  void readsH4CapturesAndReassemblesFragments() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    Path file = dir.resolve("android.btsnoop");
    write(file, List.of(wristband), List.of()); // for the sidecar (connection handle 0x40)
    byte[] value = new byte[30];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) (i * 7);
    }
    ByteBuffer att = ByteBuffer.allocate(4 + 3 + value.length).order(ByteOrder.LITTLE_ENDIAN);
    att.putShort((short) (3 + value.length)).putShort((short) 4);
    att.put((byte) 0x1b).putShort((short) 0x12).put(value);
    byte[] l2cap = att.array();
    byte[] firstPart = Arrays.copyOfRange(l2cap, 0, 20);
    byte[] rest = Arrays.copyOfRange(l2cap, 20, l2cap.length);

    ByteBuffer f = ByteBuffer.allocate(4096);
    f.put("btsnoop\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(1002);
    long ts = 5_000L + 62_168_256_000_000_000L;
    h4(f, 0, acl(0x40, 0x2000, new byte[] {3, 0, 4, 0, 0x52, 0x17, 0})); // sent write command
    h4(f, 1, acl(0x40, 0x2000, firstPart), ts);
    h4(f, 1, acl(0x40, 0x1000, rest), ts + 1);
    byte[] otherHandle = {4, 0, 4, 0, 0x1b, 0x77, 0, 1};
    h4(f, 1, acl(0x40, 0x2000, otherHandle), ts + 2);
    Files.write(file, Arrays.copyOf(f.array(), f.position()));

    Capture read = CaptureReader.readAll(file);
    assertThat(read.notifications())
        .containsExactly(
            new CapturedNotification(
                5_000L + 1, wristband.address(), WristbandUuids.DATA, 0x12, value));
    assertThat(read.skippedRecords()).as("only the notification on an unknown handle").isEqualTo(1);
  }

  private static byte[] acl(int handle, int pbFlags, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(5 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x02).putShort((short) (handle | pbFlags)).putShort((short) payload.length);
    b.put(payload);
    return b.array();
  }

  private static void h4(ByteBuffer f, int flags, byte[] packet) {
    h4(f, flags, packet, 62_168_256_000_000_000L);
  }

  private static void h4(ByteBuffer f, int flags, byte[] packet, long ts) {
    f.putInt(packet.length).putInt(packet.length).putInt(flags).putInt(0).putLong(ts);
    f.put(packet);
  }

  @Test
  void sidecarEscapingSurvivesOddNames() {
    assertThat(CaptureSidecar.escape(" a\\b\nü")).isEqualTo("\\ a\\\\b\\n\\u00fc");
    assertThat(Optional.of(CaptureFixtures.wristband().name().orElseThrow())).isPresent();
  }
}
