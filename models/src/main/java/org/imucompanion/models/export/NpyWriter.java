package org.imucompanion.models.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes NumPy {@code .npy} files (format version 1.0): a magic string, a little-endian header
 * length, a Python-literal header {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N,
 * T, C), }} padded to a multiple of 64 bytes, then the data in C order, little-endian. Enough for
 * {@code numpy.load}; nothing but the JDK.
 */
public final class NpyWriter {
  /** Element types the export uses. */
  public enum DType {
    /** 32-bit float, {@code <f4}. */
    FLOAT32("<f4", 4),
    /** 32-bit signed integer, {@code <i4}. */
    INT32("<i4", 4),
    /** 64-bit float, {@code <f8}. */
    FLOAT64("<f8", 8);

    private final String descr;
    private final int size;

    DType(String descr, int size) {
      this.descr = descr;
      this.size = size;
    }

    /**
     * NumPy's type string.
     *
     * @return e.g. {@code <f4}
     */
    public String descr() {
      return descr;
    }

    /**
     * Bytes per element.
     *
     * @return the size
     */
    public int size() {
      return size;
    }
  }

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

  private NpyWriter() {}

  /**
   * The header bytes (magic, length, dict, padding) for an array.
   *
   * @param dtype element type
   * @param shape dimensions, outermost first
   * @return the header; the data follows it
   */
  public static byte[] header(DType dtype, long... shape) {
    String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
    if (shape.length == 1) {
      dims += ",";
    }
    String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': ("
        + dims + "), }";
    int unpadded = MAGIC.length + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String text = dict + " ".repeat(padding) + "\n";
    byte[] textBytes = text.getBytes(StandardCharsets.US_ASCII);
    if (textBytes.length > 0xFFFF) {
      throw new IllegalArgumentException("header too long for npy 1.0");
    }
    byte[] out = new byte[MAGIC.length + 2 + textBytes.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[MAGIC.length] = (byte) (textBytes.length & 0xFF);
    out[MAGIC.length + 1] = (byte) (textBytes.length >>> 8);
    System.arraycopy(textBytes, 0, out, MAGIC.length + 2, textBytes.length);
    return out;
  }

  /**
   * Writes a whole {@code .npy} of int32 values.
   *
   * @param out destination (not closed)
   * @param values the 1-D array
   * @throws IOException if writing fails
   */
  public static void writeInt32(OutputStream out, int[] values) throws IOException {
    out.write(header(DType.INT32, values.length));
    byte[] buf = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      int v = values[i];
      buf[4 * i] = (byte) v;
      buf[4 * i + 1] = (byte) (v >>> 8);
      buf[4 * i + 2] = (byte) (v >>> 16);
      buf[4 * i + 3] = (byte) (v >>> 24);
    }
    out.write(buf);
  }

  /**
   * Writes a whole {@code .npy} of float64 values.
   *
   * @param out destination (not closed)
   * @param values the 1-D array
   * @throws IOException if writing fails
   */
  public static void writeFloat64(OutputStream out, double[] values) throws IOException {
    out.write(header(DType.FLOAT64, values.length));
    byte[] buf = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      long v = Double.doubleToRawLongBits(values[i]);
      for (int b = 0; b < 8; b++) {
        buf[8 * i + b] = (byte) (v >>> (8 * b));
      }
    }
    out.write(buf);
  }

  /**
   * Appends float32 values (data only, no header) little-endian.
   *
   * @param out destination
   * @param values values to append
   * @param scratch a buffer of at least {@code 4 * values.length} bytes, to avoid allocation
   * @throws IOException if writing fails
   */
  public static void appendFloat32(OutputStream out, float[] values, byte[] scratch)
      throws IOException {
    for (int i = 0; i < values.length; i++) {
      int v = Float.floatToRawIntBits(values[i]);
      scratch[4 * i] = (byte) v;
      scratch[4 * i + 1] = (byte) (v >>> 8);
      scratch[4 * i + 2] = (byte) (v >>> 16);
      scratch[4 * i + 3] = (byte) (v >>> 24);
    }
    out.write(scratch, 0, 4 * values.length);
  }
}
