package org.imucompanion.protocol.archfixture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * What protocol code looks like: records, arrays, primitives and java.* only.
 *
 * @param sequence a sequence number
 * @param raw the raw bytes
 * @param axes decoded axes
 * @param note an optional note
 */
public record CleanProtocolRecord(int sequence, byte[] raw, List<double[]> axes, Optional<String> note) {
  /**
   * Reads a little-endian int16 at an offset.
   *
   * @param offset byte offset
   * @return the value
   */
  public short int16At(int offset) {
    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getShort(offset);
  }
}
