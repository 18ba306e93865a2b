package org.imucompanion.protocol.stream;

import java.util.Arrays;
import org.imucompanion.protocol.ProtocolException;

/**
 * Cuts a byte stream into packets when packets do not arrive one per notification: over a serial
 * bridge, from a capture of a stream, or when a transport splits or concatenates values. It is the
 * stateful reassembly piece; decoding a complete packet stays a pure function elsewhere (as netty
 * separates its frame decoder from what decodes frames).
 *
 * <p>The packet format tells, from the first bytes, how long a packet is ({@link FrameLength}).
 * When those bytes cannot start a packet, the assembler reports the {@link ProtocolException} with
 * the byte's position in the stream, drops one byte and tries again, so one corrupt byte costs at
 * most the packet it is in and the next good packet is found. One instance per stream; not
 * thread-safe.
 */
public final class FrameAssembler {
  /** Tells a packet's length from its first bytes. */
  @FunctionalInterface
  public interface FrameLength {
    /**
     * Returns the length of the packet starting at {@code offset}.
     *
     * @param buffer the buffered bytes
     * @param offset where the candidate packet starts
     * @param available bytes available from {@code offset}
     * @return the packet's total length, or 0 when more bytes are needed to tell
     * @throws ProtocolException when these bytes cannot start a packet
     */
    int lengthOf(byte[] buffer, int offset, int available) throws ProtocolException;
  }

  /** Receives what the assembler finds. */
  public interface Sink {
    /**
     * Receives one complete packet.
     *
     * @param packet a fresh array holding exactly the packet
     */
    void onPacket(byte[] packet);

    /**
     * Receives the reason a byte was skipped.
     *
     * @param error the reason, with the offset inside the candidate packet
     * @param streamOffset the skipped byte's position since the stream began
     */
    void onMalformed(ProtocolException error, long streamOffset);
  }

  private final FrameLength frameLength;
  private final Sink sink;
  private byte[] buffer;
  private int start;
  private int end;
  private long consumed;

  /**
   * Creates an assembler.
   *
   * @param frameLength tells a packet's length from its first bytes
   * @param maxPacketLength the largest packet the format allows; sets the initial buffer
   * @param sink receives packets and skipped bytes
   */
  public FrameAssembler(FrameLength frameLength, int maxPacketLength, Sink sink) {
    this.frameLength = frameLength;
    this.sink = sink;
    this.buffer = new byte[Math.max(64, 2 * maxPacketLength)];
  }

  /**
   * Feeds the next chunk of the stream; delivers every packet it completes.
   *
   * @param chunk the bytes
   * @param offset first byte of the chunk
   * @param length number of bytes
   */
  public void feed(byte[] chunk, int offset, int length) {
    append(chunk, offset, length);
    while (start < end) {
      int length0;
      try {
        length0 = frameLength.lengthOf(buffer, start, end - start);
      } catch (ProtocolException e) {
        sink.onMalformed(e, consumed);
        start++;
        consumed++;
        continue;
      }
      if (length0 == 0 || length0 > end - start) {
        break;
      }
      sink.onPacket(Arrays.copyOfRange(buffer, start, start + length0));
      start += length0;
      consumed += length0;
    }
  }

  /**
   * Returns how many bytes wait for the rest of their packet.
   *
   * @return buffered bytes
   */
  public int pending() {
    return end - start;
  }

  /** Drops buffered bytes, e.g. after a disconnect. */
  public void reset() {
    consumed += end - start;
    start = 0;
    end = 0;
  }

  private void append(byte[] chunk, int offset, int length) {
    if (end + length > buffer.length) {
      int live = end - start;
      if (live + length > buffer.length) {
        buffer = Arrays.copyOf(Arrays.copyOfRange(buffer, start, end), Math.max(2 * buffer.length, live + length));
      } else {
        System.arraycopy(buffer, start, buffer, 0, live);
      }
      start = 0;
      end = live;
    }
    System.arraycopy(chunk, offset, buffer, end, length);
    end += length;
  }
}
