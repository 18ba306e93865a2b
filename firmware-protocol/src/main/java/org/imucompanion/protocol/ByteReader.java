package org.imucompanion.protocol;

/**
 * A little-endian cursor over one received value that refuses to read past its end.
 *
 * <p>Every read checks the bounds first and throws {@link ProtocolException.Reason#TRUNCATED} with
 * the offset at which the missing field starts, so decoders never see an {@link
 * ArrayIndexOutOfBoundsException}. It does not copy the value; it must not be shared across threads.
 */
public final class ByteReader {
  private final byte[] value;
  private int position;

  /**
   * Creates a reader positioned at the first byte.
   *
   * @param value the received bytes; read, never modified
   */
  public ByteReader(byte[] value) {
    this.value = value;
  }

  /**
   * Returns the offset of the next byte to read.
   *
   * @return the current position
   */
  public int position() {
    return position;
  }

  /**
   * Returns how many bytes are left.
   *
   * @return the number of unread bytes
   */
  public int remaining() {
    return value.length - position;
  }

  /**
   * Reads an unsigned byte.
   *
   * @param field the field's name, for the error message
   * @return 0..255
   * @throws ProtocolException if no byte is left
   */
  public int u8(String field) throws ProtocolException {
    require(1, field);
    return value[position++] & 0xFF;
  }

  /**
   * Reads a signed byte.
   *
   * @param field the field's name, for the error message
   * @return -128..127
   * @throws ProtocolException if no byte is left
   */
  public int s8(String field) throws ProtocolException {
    require(1, field);
    return value[position++];
  }

  /**
   * Reads a little-endian signed 16-bit integer.
   *
   * @param field the field's name, for the error message
   * @return -32768..32767
   * @throws ProtocolException if fewer than two bytes are left
   */
  public int s16(String field) throws ProtocolException {
    require(2, field);
    int v = (value[position] & 0xFF) | (value[position + 1] << 8);
    position += 2;
    return (short) v;
  }

  /**
   * Reads a little-endian unsigned 16-bit integer.
   *
   * @param field the field's name, for the error message
   * @return 0..65535
   * @throws ProtocolException if fewer than two bytes are left
   */
  public int u16(String field) throws ProtocolException {
    require(2, field);
    int v = (value[position] & 0xFF) | ((value[position + 1] & 0xFF) << 8);
    position += 2;
    return v;
  }

  /**
   * Reads a little-endian unsigned 32-bit integer.
   *
   * @param field the field's name, for the error message
   * @return 0..4294967295
   * @throws ProtocolException if fewer than four bytes are left
   */
  public long u32(String field) throws ProtocolException {
    require(4, field);
    long v =
        (value[position] & 0xFFL)
            | ((value[position + 1] & 0xFFL) << 8)
            | ((value[position + 2] & 0xFFL) << 16)
            | ((value[position + 3] & 0xFFL) << 24);
    position += 4;
    return v;
  }

  /**
   * Reads three consecutive int16 axes (x, y, z) and scales them.
   *
   * @param scale the axes' scale
   * @param field the vector's name, for the error message
   * @return the vector in the scale's unit
   * @throws ProtocolException if fewer than six bytes are left
   */
  public Vector3 vector3(Int16Scale scale, String field) throws ProtocolException {
    double x = scale.toUnits(s16(field + " x"));
    double y = scale.toUnits(s16(field + " y"));
    return new Vector3(x, y, scale.toUnits(s16(field + " z")));
  }

  /**
   * Skips bytes.
   *
   * @param count how many
   * @param field the skipped field's name, for the error message
   * @throws ProtocolException if fewer than {@code count} bytes are left
   */
  public void skip(int count, String field) throws ProtocolException {
    require(count, field);
    position += count;
  }

  private void require(int count, String field) throws ProtocolException {
    if (value.length - position < count) {
      throw new ProtocolException(
          ProtocolException.Reason.TRUNCATED,
          value.length,
          "value ends after "
              + value.length
              + " bytes, but "
              + field
              + " needs bytes "
              + position
              + ".."
              + (position + count - 1));
    }
  }
}
