package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged record in the middle of a capture is reported with its record number and byte offset,
 * and everything after it is still read ({@link CaptureMutationPropertyTest} throws random damage at
 * the reader).
 */
class CaptureDamageTest {

  private static final int NOTIFICATIONS = 60;

  @TempDir Path dir;
  private Path file;
  private List<CapturedNotification> written;
  private byte[] clean;
  /** Start offsets of every record, in file order. */
  private List<Integer> offsets;

  @BeforeEach
  void writeACapture() throws IOException {
    CaptureDevice wristband = CaptureFixtures.wristband();
    CaptureDevice myo = CaptureFixtures.myo();
    written = CaptureFixtures.notifications(wristband, myo, NOTIFICATIONS, 11);
    file = dir.resolve("damaged.btsnoop");
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(wristband);
      w.addDevice(myo);
      for (CapturedNotification n : written) {
        w.write(n);
      }
    }
    clean = Files.readAllBytes(file);
    offsets = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(clean);
    for (int at = Btsnoop.FILE_HEADER_LENGTH; at < clean.length; at += 24 + b.getInt(at + 4)) {
      offsets.add(at);
    }
  }

  /** Index (0-based) into {@link #offsets} of the record carrying notification {@code i}. */
  private int recordOf(int notification) {
    int seen = -1;
    for (int r = 0; r < offsets.size(); r++) {
      int at = offsets.get(r);
      int opcode = ByteBuffer.wrap(clean).getInt(at + 8) & 0xFFFF;
      if (opcode == Btsnoop.MONITOR_ACL_RX && clean[at + 24 + 8] == Btsnoop.ATT_HANDLE_VALUE_NOTIFICATION) {
        if (++seen == notification) {
          return r;
        }
      }
    }
    throw new AssertionError("no notification " + notification);
  }

  private Capture readWithIncludedLength(int record, int includedLength) throws IOException {
    byte[] damaged = clean.clone();
    ByteBuffer.wrap(damaged).putInt(offsets.get(record) + 4, includedLength);
    Files.write(file, damaged);
    return CaptureReader.readAll(file);
  }

  private List<CapturedNotification> allBut(int notification) {
    List<CapturedNotification> rest = new ArrayList<>(written);
    rest.remove(notification);
    return rest;
  }

  private int recordLength(int record) {
    return 24 + ByteBuffer.wrap(clean).getInt(offsets.get(record) + 4);
  }

  @Test
  void aLengthOfTwoToTheThirtyFirstIsReportedAndTheRestIsRead() throws IOException {
    int record = recordOf(30);
    Capture read = readWithIncludedLength(record, 1 << 31);

    assertThat(read.damage())
        .containsExactly(
            new CaptureDamage(
                record + 1, offsets.get(record),
                "record length 2147483648 (-2147483648 as a signed number) is impossible (at most"
                    + " 65540)",
                recordLength(record), true));
    assertThat(read.damage().get(0).describe())
        .isEqualTo(
            "record "
                + (record + 1)
                + " at byte offset "
                + offsets.get(record)
                + ": record length 2147483648 (-2147483648 as a signed number) is impossible (at"
                + " most 65540); skipped "
                + recordLength(record)
                + " bytes, went on at byte offset "
                + offsets.get(record + 1));
    assertThat(read.notifications()).containsExactlyElementsOf(allBut(30));
    assertThat(read.damagedStretches()).isEqualTo(1);
    assertThat(read.bytesSkipped()).isEqualTo(recordLength(record));
    assertThat(read.skippedRecords()).isZero();
  }

  @Test
  void aNegativeLengthIsReportedAndTheRestIsRead() throws IOException {
    int record = recordOf(31);
    Capture read = readWithIncludedLength(record, -1);

    assertThat(read.damage())
        .containsExactly(
            new CaptureDamage(
                record + 1, offsets.get(record),
                "record length 4294967295 (-1 as a signed number) is impossible (at most 65540)",
                recordLength(record), true));
    assertThat(read.notifications()).containsExactlyElementsOf(allBut(31));
  }

  @Test
  void aFlippedBitThatLengthensARecordIsReportedAndTheRestIsRead() throws IOException {
    int record = recordOf(20);
    int length = recordLength(record) - 24;
    int longer = length | 0x100;
    Capture read = readWithIncludedLength(record, longer);

    assertThat(read.damage())
        .containsExactly(
            new CaptureDamage(
                record + 1, offsets.get(record),
                "original length " + length + " is shorter than the " + longer + " bytes included",
                recordLength(record), true));
    assertThat(read.notifications()).containsExactlyElementsOf(allBut(20));
  }

  @Test
  void aFlippedBitThatShortensARecordIsReportedAndTheRestIsRead() throws IOException {
    int record = recordOf(40);
    int length = recordLength(record) - 24;
    int shorter = length & ~Integer.lowestOneBit(length);
    Capture read = readWithIncludedLength(record, shorter);

    assertThat(read.damage())
        .containsExactly(
            new CaptureDamage(
                record + 1, offsets.get(record),
                "included length "
                    + shorter
                    + " differs from the original length "
                    + length
                    + " and no record follows it",
                recordLength(record), true));
    assertThat(read.notifications()).containsExactlyElementsOf(allBut(40));
    assertThat(read.skippedRecords()).isZero();
  }

  @Test
  void aFlippedBitInBothLengthsIsCaughtByThePacketsOwnLength() throws IOException {
    int record = recordOf(12);
    int length = recordLength(record) - 24;
    int longer = length + 4;
    byte[] damaged = clean.clone();
    ByteBuffer.wrap(damaged).putInt(offsets.get(record), longer).putInt(offsets.get(record) + 4, longer);
    Files.write(file, damaged);
    Capture read = CaptureReader.readAll(file);

    assertThat(read.damage()).hasSize(1);
    assertThat(read.damage().get(0).recordNumber()).isEqualTo(record + 1);
    assertThat(read.damage().get(0).reason())
        .isEqualTo(
            "ACL packet says it is " + length + " bytes long but the record holds " + longer);
    assertThat(read.notifications()).containsExactlyElementsOf(allBut(12));
  }

  @Test
  void aLengthThatRunsPastTheEndIsDamageWhenSoundRecordsFollow() throws IOException {
    int record = recordOf(NOTIFICATIONS - 3);
    int length = recordLength(record) - 24;
    int longer = length | 0x4000; // well past the few records left
    byte[] damaged = clean.clone();
    ByteBuffer.wrap(damaged).putInt(offsets.get(record), longer).putInt(offsets.get(record) + 4, longer);
    Files.write(file, damaged);

    Capture read = CaptureReader.readAll(file);

    assertThat(read.damage())
        .containsExactly(
            new CaptureDamage(
                record + 1,
                offsets.get(record),
                "record length "
                    + longer
                    + " runs past the end of the file ("
                    + (clean.length - offsets.get(record) - 24)
                    + " bytes left)",
                recordLength(record),
                true));
    assertThat(read.notifications()).containsExactlyElementsOf(allBut(NOTIFICATIONS - 3));
    assertThat(read.skippedRecords()).isZero();
  }

  @Test
  void damageInTheLastRecordSkipsToTheEnd() throws IOException {
    int record = offsets.size() - 1;
    Capture read = readWithIncludedLength(record, 1 << 31);
    assertThat(read.damage())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.resumed()).isFalse();
              assertThat(d.bytesSkipped()).isEqualTo(recordLength(record));
              assertThat(d.describe()).endsWith("; skipped " + recordLength(record) + " bytes, nothing readable after it");
            });
    assertThat(read.notifications()).containsExactlyElementsOf(written.subList(0, NOTIFICATIONS - 1));
  }

  @Test
  void garbageBetweenRecordsIsSkippedAsOneStretch() throws IOException {
    int record = recordOf(25);
    int at = offsets.get(record);
    byte[] garbage = new byte[37];
    new java.util.Random(3).nextBytes(garbage);
    garbage[0] = (byte) 0xff; // the first "length" byte: impossible
    byte[] damaged = new byte[clean.length + garbage.length];
    System.arraycopy(clean, 0, damaged, 0, at);
    System.arraycopy(garbage, 0, damaged, at, garbage.length);
    System.arraycopy(clean, at, damaged, at + garbage.length, clean.length - at);
    Files.write(file, damaged);

    Capture read = CaptureReader.readAll(file);
    assertThat(read.damage()).singleElement().satisfies(d -> {
      assertThat(d.byteOffset()).isEqualTo(at);
      assertThat(d.bytesSkipped()).isEqualTo(garbage.length);
    });
    assertThat(read.notifications()).containsExactlyElementsOf(written);
  }

}
