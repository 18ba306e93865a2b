package org.imucompanion.protocol;

/**
 * The one checked exception every decoder in this module throws for bytes it cannot accept.
 *
 * <p>It carries a {@link Reason} a program can act on and the byte offset in the value where the
 * problem was found, so that a firmware developer can see exactly which byte was wrong. Callers
 * decide, visibly, to count the packet as malformed and go on: decoders never return a silently
 * wrong value and never throw an unchecked exception for bad input.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a value was refused. */
  public enum Reason {
    /** The value ends before a field that must be there. */
    TRUNCATED,
    /** The value is longer than its header says, or has a length the format never uses. */
    BAD_LENGTH,
    /** The protocol version in the header is not one this decoder speaks. */
    BAD_VERSION,
    /** A bit or byte that the specification reserves as zero is set. */
    RESERVED_BITS,
    /** The sample count is zero or larger than the format allows. */
    BAD_SAMPLE_COUNT,
    /** The CRC-16 at the end of the value does not match its contents. */
    CRC_MISMATCH,
    /** A field holds a value outside its specified range (a range code, a rate, a mode...). */
    BAD_VALUE,
    /** A command or event opcode that the specification does not define. */
    UNKNOWN_OPCODE
  }

  private final Reason reason;
  private final int offset;

  /**
   * Creates an exception.
   *
   * @param reason why the value was refused
   * @param offset the byte offset in the value where the problem was found (0-based)
   * @param detail a human-readable detail, naming the field
   */
  public ProtocolException(Reason reason, int offset, String detail) {
    super(reason + " at byte " + offset + ": " + detail);
    this.reason = reason;
    this.offset = offset;
  }

  /**
   * Returns why the value was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the byte offset in the value where the problem was found.
   *
   * @return a 0-based offset; equal to the value's length when the value ended too early
   */
  public int offset() {
    return offset;
  }
}
