package org.imucompanion.models.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random damage to a well-formed CSV file, the kinds real files suffer: bytes changed, inserted
 * (quotes, commas, line breaks, bytes that are not UTF-8), removed, a line repeated, the file cut
 * off, a cell replaced by an extreme number, a run of text far longer than any row. Shared by the
 * dataset readers' and the session import's property tests.
 *
 * @param kind which damage
 * @param at where, as a share of the file's length
 * @param length how much, in bytes
 * @param value the byte or text chosen
 */
public record CsvMutations(int kind, double at, int length, int value) {
  private static final byte[][] INSERTS = {
    {'"'}, {','}, {'\n'}, {'\r'}, {(byte) 0xFF}, {(byte) 0xC3}, {'#'}, "\uFEFF".getBytes(StandardCharsets.UTF_8),
    "\"\"".getBytes(StandardCharsets.UTF_8), ",,,".getBytes(StandardCharsets.UTF_8),
    "\n\n".getBytes(StandardCharsets.UTF_8), "=HYPERLINK(\"x\")".getBytes(StandardCharsets.UTF_8),
    "é".getBytes(StandardCharsets.UTF_8),
  };

  private static final String[] EXTREMES = {
    "1e300", "-1e300", "NaN", "Infinity", "-0", "4000", "9000", "1e-320", "", "x", "-", "0x10",
    "99999999999999999999", "-1",
  };

  /** Any one mutation. */
  public static Arbitrary<CsvMutations> any() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 7),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(0, 255))
        .as(CsvMutations::new);
  }

  /** Up to five mutations in a row. */
  public static Arbitrary<List<CsvMutations>> some() {
    return any().list().ofMinSize(1).ofMaxSize(5);
  }

  /** Applies mutations in order. */
  public static byte[] apply(byte[] file, List<CsvMutations> mutations) {
    byte[] b = file;
    for (CsvMutations m : mutations) {
      b = m.apply(b);
    }
    return b;
  }

  /** Applies this mutation. */
  public byte[] apply(byte[] file) {
    int pos = (int) Math.min(file.length, Math.floor(at * (file.length + 1)));
    return switch (kind) {
      case 0 -> { // change a byte
        if (file.length == 0) {
          yield file;
        }
        byte[] c = file.clone();
        c[Math.min(pos, file.length - 1)] = (byte) value;
        yield c;
      }
      case 1 -> insert(file, pos, INSERTS[value % INSERTS.length]);
      case 2 -> { // remove bytes
        int end = Math.min(file.length, pos + length);
        byte[] c = new byte[file.length - (end - pos)];
        System.arraycopy(file, 0, c, 0, pos);
        System.arraycopy(file, end, c, pos, file.length - end);
        yield c;
      }
      case 3 -> Arrays.copyOf(file, pos); // cut off
      case 4 -> { // repeat the line around pos
        int start = pos;
        while (start > 0 && file[start - 1] != '\n') {
          start--;
        }
        int end = pos;
        while (end < file.length && file[end] != '\n') {
          end++;
        }
        byte[] line = Arrays.copyOfRange(file, start, Math.min(file.length, end + 1));
        yield insert(file, start, line);
      }
      case 5 -> replaceCell(file, pos, EXTREMES[value % EXTREMES.length]);
      case 6 -> insert(file, pos, "9".repeat(70_000 + length).getBytes(StandardCharsets.UTF_8));
      default -> { // random bytes
        byte[] r = new byte[length];
        for (int i = 0; i < length; i++) {
          r[i] = (byte) (value * 31 + i * 17);
        }
        yield insert(file, pos, r);
      }
    };
  }

  private static byte[] insert(byte[] file, int pos, byte[] what) {
    byte[] c = new byte[file.length + what.length];
    System.arraycopy(file, 0, c, 0, pos);
    System.arraycopy(what, 0, c, pos, what.length);
    System.arraycopy(file, pos, c, pos + what.length, file.length - pos);
    return c;
  }

  /** Replaces the comma-separated cell around pos with a text. */
  private static byte[] replaceCell(byte[] file, int pos, String text) {
    int start = pos;
    while (start > 0 && file[start - 1] != ',' && file[start - 1] != '\n') {
      start--;
    }
    int end = pos;
    while (end < file.length && file[end] != ',' && file[end] != '\n') {
      end++;
    }
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] c = new byte[start + t.length + file.length - end];
    System.arraycopy(file, 0, c, 0, start);
    System.arraycopy(t, 0, c, start, t.length);
    System.arraycopy(file, end, c, start + t.length, file.length - end);
    return c;
  }
}
