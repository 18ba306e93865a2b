package org.imucompanion.protocol;

import java.util.Arrays;

/**
 * A little-endian writer that builds one value for an encoder. Encoders are used by simulators and
 * tests; they take trusted input, so out-of-range arguments are programming errors and raise
 * {@link IllegalArgumentException}.
 */
public final class ByteWriter {
  private final byte[] buffer;
  private int position;

  /**
   * Creates a writer for a value of exactly {@code length} bytes.
   *
   * @param length the value's length
   */
  public ByteWriter(int length) {
    this.buffer = new byte[length];
  }

  /**
   * Writes an unsigned byte.
   *
   * @param v 0..255
   * @return this writer
   */
  public ByteWriter u8(int v) {
    check(v, 0, 0xFF);
    buffer[position++] = (byte) v;
    return this;
  }

  /**
   * Writes a signed byte.
   *
   * @param v -128..127
   * @return this writer
   */
  public ByteWriter s8(int v) {
    check(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
    buffer[position++] = (byte) v;
    return this;
  }

  /**
   * Writes a little-endian signed 16-bit integer.
   *
   * @param v -32768..32767
   * @return this writer
   */
  public ByteWriter s16(int v) {
    check(v, Short.MIN_VALUE, Short.MAX_VALUE);
    return raw16(v);
  }

  /**
   * Writes a little-endian unsigned 16-bit integer.
   *
   * @param v 0..65535
   * @return this writer
   */
  public ByteWriter u16(int v) {
    check(v, 0, 0xFFFF);
    return raw16(v);
  }

  /**
   * Writes a little-endian unsigned 32-bit integer.
   *
   * @param v 0..4294967295
   * @return this writer
   */
  public ByteWriter u32(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    for (int i = 0; i < 4; i++) {
      buffer[position++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /**
   * Writes three int16 axes (x, y, z), quantised with a scale (saturating at the int16 limits).
   *
   * @param v the vector in the scale's unit
   * @param scale the axes' scale
   * @return this writer
   */
  public ByteWriter vector3(Vector3 v, Int16Scale scale) {
    return s16(scale.toRaw(v.x())).s16(scale.toRaw(v.y())).s16(scale.toRaw(v.z()));
  }

  /**
   * Returns the number of bytes written so far.
   *
   * @return the position
   */
  public int position() {
    return position;
  }

  /**
   * Returns the value. The remaining bytes, if any, are zero.
   *
   * @return a copy of the buffer
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, buffer.length);
  }

  private ByteWriter raw16(int v) {
    buffer[position++] = (byte) v;
    buffer[position++] = (byte) (v >>> 8);
    return this;
  }

  private static void check(int v, int min, int max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(v + " outside " + min + ".." + max);
    }
  }
}
