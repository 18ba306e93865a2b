package org.imucompanion.protocol.wristband;

import org.imucompanion.protocol.ByteReader;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;

/**
 * A command written to the control characteristic (PROTOCOL.md §2.6).
 *
 * <pre>
 *  START_STREAM   01            start notifying data packets with the current config; sequence restarts at 0
 *  STOP_STREAM    02            stop notifying
 *  IDENTIFY       03 ss         blink / vibrate for ss seconds (1..255) so the user can tell devices apart
 * </pre>
 *
 * @param opcode the command
 * @param seconds IDENTIFY's duration in seconds (1..255); 0 for the other commands
 */
public record WristbandControl(Opcode opcode, int seconds) {

  /** The commands. */
  public enum Opcode {
    /** Start the data stream. */
    START_STREAM(0x01),
    /** Stop the data stream. */
    STOP_STREAM(0x02),
    /** Identify the device for a number of seconds. */
    IDENTIFY(0x03);

    private final int code;

    Opcode(int code) {
      this.code = code;
    }

    /**
     * Returns the byte written on the wire.
     *
     * @return the opcode byte
     */
    public int code() {
      return code;
    }
  }

  /**
   * Validates the command.
   *
   * @param opcode the command
   * @param seconds 1..255 for IDENTIFY, 0 otherwise
   */
  public WristbandControl {
    if (opcode == null) {
      throw new IllegalArgumentException("opcode must not be null");
    }
    if (opcode == Opcode.IDENTIFY ? seconds < 1 || seconds > 255 : seconds != 0) {
      throw new IllegalArgumentException(opcode + " with seconds " + seconds);
    }
  }

  /**
   * Returns the START_STREAM command.
   *
   * @return the command
   */
  public static WristbandControl startStream() {
    return new WristbandControl(Opcode.START_STREAM, 0);
  }

  /**
   * Returns the STOP_STREAM command.
   *
   * @return the command
   */
  public static WristbandControl stopStream() {
    return new WristbandControl(Opcode.STOP_STREAM, 0);
  }

  /**
   * Returns an IDENTIFY command.
   *
   * @param seconds 1..255
   * @return the command
   */
  public static WristbandControl identify(int seconds) {
    return new WristbandControl(Opcode.IDENTIFY, seconds);
  }

  /**
   * Encodes the command.
   *
   * @return one or two bytes
   */
  public byte[] encode() {
    return opcode == Opcode.IDENTIFY
        ? new byte[] {(byte) opcode.code(), (byte) seconds}
        : new byte[] {(byte) opcode.code()};
  }

  /**
   * Decodes a command, as the firmware (or the virtual device) does.
   *
   * @param value the written bytes
   * @return the command
   * @throws ProtocolException for an unknown opcode, a bad argument or a wrong length
   */
  public static WristbandControl decode(byte[] value) throws ProtocolException {
    ByteReader in = new ByteReader(value);
    int code = in.u8("opcode");
    WristbandControl command;
    switch (code) {
      case 0x01 -> command = startStream();
      case 0x02 -> command = stopStream();
      case 0x03 -> {
        int s = in.u8("identify seconds");
        if (s == 0) {
          throw new ProtocolException(Reason.BAD_VALUE, 1, "identify seconds must be 1..255, got 0");
        }
        command = identify(s);
      }
      default -> throw new ProtocolException(
          Reason.UNKNOWN_OPCODE, 0, String.format("control opcode 0x%02x", code));
    }
    if (in.remaining() != 0) {
      throw new ProtocolException(
          Reason.BAD_LENGTH, in.position(), command.opcode + " is " + in.position() + " bytes, got " + value.length);
    }
    return command;
  }
}
