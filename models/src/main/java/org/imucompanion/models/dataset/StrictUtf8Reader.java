package org.imucompanion.models.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes a file as UTF-8 for the CSV parser, and knows where it is: a byte that is not UTF-8
 * fails with the file, line and column of the character it would have been (Java's own decoder
 * only says {@code Input length = 1}), and a row longer than {@link CsvRows#MAX_ROW_CHARS} fails
 * as soon as that many characters have gone by, before the parser has buffered the rest of it.
 * A byte order mark at the start is skipped.
 */
final class StrictUtf8Reader extends Reader {
  private final Path file;
  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
  private final CharBuffer chars = CharBuffer.allocate(8192).flip();
  private final int maxRowChars;
  private boolean eof;
  private boolean flushed;
  private boolean first = true;
  private long bytesRead;
  private long badByteOffset = -1;
  private int badByte;
  private long line = 1;
  private long column;
  private boolean afterCr;
  private long sinceRow;

  StrictUtf8Reader(Path file, InputStream in, int maxRowChars) {
    this.file = file;
    this.in = in;
    this.maxRowChars = maxRowChars;
  }

  /** The parser has handed out a row: the row length count starts again. */
  void rowDone() {
    sinceRow = 0;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!chars.hasRemaining()) {
      fill();
      if (!chars.hasRemaining()) {
        if (badByteOffset >= 0) {
          throw new DatasetFormatException(file, line, 0, null,
              String.format("character %d is not UTF-8 (byte 0x%02X at byte %d of the file);"
                  + " save the file as UTF-8", column + 1, badByte, badByteOffset));
        }
        return -1;
      }
    }
    if (first) {
      first = false;
      if (chars.get(chars.position()) == '\uFEFF') {
        chars.get();
        if (!chars.hasRemaining()) {
          return read(buf, off, len);
        }
      }
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    for (int i = off; i < off + n; i++) {
      char c = buf[i];
      if (c == '\n') {
        if (!afterCr) {
          line++;
        }
        column = 0;
        afterCr = false;
      } else if (c == '\r') {
        line++;
        column = 0;
        afterCr = true;
      } else {
        column++;
        afterCr = false;
      }
    }
    sinceRow += n;
    if (sinceRow > maxRowChars) {
      throw new DatasetFormatException(file, line, 0, null,
          "a row longer than " + maxRowChars + " characters (a corrupt file, or a quote that is"
              + " never closed); refused without reading the rest of it");
    }
    return n;
  }

  private void fill() throws IOException {
    chars.clear();
    while (badByteOffset < 0 && !flushed) {
      CoderResult r = decoder.decode(bytes, chars, eof);
      if (r.isError()) {
        badByteOffset = bytesRead - bytes.remaining();
        badByte = bytes.get(bytes.position()) & 0xff;
        break;
      }
      if (r.isOverflow() || chars.position() > 0) {
        break;
      }
      if (eof) {
        decoder.flush(chars);
        flushed = true;
        break;
      }
      bytes.compact();
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        eof = true;
      } else {
        bytes.position(bytes.position() + n);
        bytesRead += n;
      }
      bytes.flip();
    }
    chars.flip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
