package org.imucompanion.app.ui.inspector;

/**
 * One line of the Inspector's packet table.
 *
 * @param hostMillis host arrival time in ms since the first packet shown
 * @param device the device's address
 * @param characteristic the characteristic's UUID (first 8 hex digits, enough to tell them apart)
 * @param sequence the packet's sequence number, or empty if it did not decode
 * @param length bytes
 * @param hex the bytes in hex
 * @param ascii the bytes as printable ASCII, other bytes as {@code .}
 * @param decoded decoded fields, or {@code MALFORMED <reason> at byte <n>: ...}
 * @param malformed whether it failed to decode
 * @param sequenceNote what the sequence number says about the packets before it ({@code gap: 3
 *     lost}, {@code duplicate}, {@code late}, {@code resync}); empty when in order
 */
public record PacketRow(
    String hostMillis,
    String device,
    String characteristic,
    String sequence,
    int length,
    String hex,
    String ascii,
    String decoded,
    boolean malformed,
    String sequenceNote) {

  /**
   * Whether the row follows lost, repeated or reordered packets (highlighted in the table).
   *
   * @return true if the sequence number was not the expected next one
   */
  public boolean irregular() {
    return !sequenceNote.isEmpty();
  }

  /**
   * Returns a copy with a sequence note.
   *
   * @param note what the sequence number says
   * @return the row with the note
   */
  public PacketRow withSequenceNote(String note) {
    return new PacketRow(
        hostMillis, device, characteristic, sequence, length, hex, ascii, decoded, malformed, note);
  }
}
