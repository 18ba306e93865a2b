package org.imucompanion.ble.capture;

import java.util.Objects;

/**
 * A stretch of a btsnoop file that could not be read as records: a record header that cannot be
 * right (a length of 2³¹ or −1, an opcode no monitor writes, a time stamp before year 0) or a
 * packet whose own length fields disagree with its record's. The reader skips the stretch and goes
 * on from the next offset where two consecutive records make sense again.
 *
 * @param recordNumber the number of the damaged record, counting from 1 as Wireshark numbers
 *     frames (after an earlier damaged stretch, the count of records read so far)
 * @param byteOffset where the damaged record starts, from the start of the file
 * @param reason what was wrong with it, in plain words
 * @param bytesSkipped how many bytes were passed over before reading went on
 * @param resumed whether a readable record was found after it (false: the rest of the file was
 *     skipped)
 */
public record CaptureDamage(
    long recordNumber, long byteOffset, String reason, long bytesSkipped, boolean resumed) {

  /**
   * Validates.
   *
   * @param recordNumber see {@link #recordNumber()}
   * @param byteOffset see {@link #byteOffset()}
   * @param reason see {@link #reason()}
   * @param bytesSkipped see {@link #bytesSkipped()}
   * @param resumed see {@link #resumed()}
   */
  public CaptureDamage {
    Objects.requireNonNull(reason, "reason");
    if (recordNumber < 1 || byteOffset < 0 || bytesSkipped < 0) {
      throw new IllegalArgumentException(
          "record " + recordNumber + ", offset " + byteOffset + ", skipped " + bytesSkipped);
    }
  }

  /**
   * Says what happened, for a user.
   *
   * @return e.g. {@code record 57 at byte offset 3120: record length 2147483648 is impossible (at
   *     most 65540); skipped 52 bytes, went on at byte offset 3172}
   */
  public String describe() {
    return "record "
        + recordNumber
        + " at byte offset "
        + byteOffset
        + ": "
        + reason
        + "; skipped "
        + bytesSkipped
        + (bytesSkipped == 1 ? " byte" : " bytes")
        + (resumed
            ? ", went on at byte offset " + (byteOffset + bytesSkipped)
            : ", nothing readable after it");
  }
}
