package org.imucompanion.protocol.myo;

import java.util.Arrays;
import org.imucompanion.protocol.ByteReader;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;

/**
 * A command written to the Myo's command characteristic (PROTOCOL.md §4.4): an opcode byte, a
 * payload-size byte, then the payload.
 *
 * <pre>
 *  SET_MODE        01 03 emg imu classifier     emg 0 none / 2 filtered / 3 raw; imu 0 none / 1 data / 2 events / 3 all / 4 raw
 *  VIBRATE         03 01 type                   0 none, 1 short, 2 medium, 3 long
 *  DEEP_SLEEP      04 00                        power off until plugged in
 *  SET_SLEEP_MODE  09 01 mode                   0 normal, 1 never sleep
 *  UNLOCK          0a 01 type                   0 lock, 1 timed, 2 hold
 *  USER_ACTION     0b 01 type                   0 single
 * </pre>
 */
public final class MyoCommand {
  /** EMG mode: no EMG. */
  public static final int EMG_NONE = 0x00;
  /** EMG mode: filtered EMG. */
  public static final int EMG_FILTERED = 0x02;
  /** EMG mode: raw EMG, the mode IMU Companion uses. */
  public static final int EMG_RAW = 0x03;
  /** IMU mode: none. */
  public static final int IMU_NONE = 0x00;
  /** IMU mode: data notifications, the mode IMU Companion uses. */
  public static final int IMU_DATA = 0x01;
  /** Classifier mode: disabled. */
  public static final int CLASSIFIER_DISABLED = 0x00;
  /** Classifier mode: enabled. */
  public static final int CLASSIFIER_ENABLED = 0x01;

  /** The opcodes IMU Companion sends. */
  public enum Opcode {
    /** Set EMG, IMU and classifier modes. */
    SET_MODE(0x01, 3),
    /** Vibrate. */
    VIBRATE(0x03, 1),
    /** Deep sleep. */
    DEEP_SLEEP(0x04, 0),
    /** Set sleep mode. */
    SET_SLEEP_MODE(0x09, 1),
    /** Unlock or lock. */
    UNLOCK(0x0a, 1),
    /** Notify a user action. */
    USER_ACTION(0x0b, 1);

    private final int code;
    private final int payloadSize;

    Opcode(int code, int payloadSize) {
      this.code = code;
      this.payloadSize = payloadSize;
    }

    /**
     * Returns the opcode byte.
     *
     * @return the code
     */
    public int code() {
      return code;
    }

    /**
     * Returns the payload's size.
     *
     * @return bytes after the header
     */
    public int payloadSize() {
      return payloadSize;
    }
  }

  private final Opcode opcode;
  private final byte[] payload;

  private MyoCommand(Opcode opcode, int... payload) {
    if (payload.length != opcode.payloadSize) {
      throw new IllegalArgumentException(opcode + " takes " + opcode.payloadSize + " payload bytes");
    }
    this.opcode = opcode;
    this.payload = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] < 0 || payload[i] > 0xFF) {
        throw new IllegalArgumentException("payload byte outside 0..255: " + payload[i]);
      }
      this.payload[i] = (byte) payload[i];
    }
  }

  /**
   * Returns a set-mode command.
   *
   * @param emgMode EMG mode ({@link #EMG_RAW} for raw EMG)
   * @param imuMode IMU mode ({@link #IMU_DATA} for IMU notifications)
   * @param classifierMode classifier mode
   * @return the command
   */
  public static MyoCommand setMode(int emgMode, int imuMode, int classifierMode) {
    return new MyoCommand(Opcode.SET_MODE, emgMode, imuMode, classifierMode);
  }

  /**
   * Returns a vibrate command.
   *
   * @param type 1 short, 2 medium, 3 long
   * @return the command
   */
  public static MyoCommand vibrate(int type) {
    return new MyoCommand(Opcode.VIBRATE, type);
  }

  /**
   * Returns the deep-sleep command.
   *
   * @return the command
   */
  public static MyoCommand deepSleep() {
    return new MyoCommand(Opcode.DEEP_SLEEP);
  }

  /**
   * Returns a set-sleep-mode command.
   *
   * @param neverSleep true to keep the armband awake while it is still
   * @return the command
   */
  public static MyoCommand setSleepMode(boolean neverSleep) {
    return new MyoCommand(Opcode.SET_SLEEP_MODE, neverSleep ? 1 : 0);
  }

  /**
   * Returns an unlock command.
   *
   * @param type 0 lock, 1 timed, 2 hold
   * @return the command
   */
  public static MyoCommand unlock(int type) {
    return new MyoCommand(Opcode.UNLOCK, type);
  }

  /**
   * Returns the command's opcode.
   *
   * @return the opcode
   */
  public Opcode opcode() {
    return opcode;
  }

  /**
   * Returns one payload byte.
   *
   * @param index 0-based
   * @return 0..255
   */
  public int payload(int index) {
    return payload[index] & 0xFF;
  }

  /**
   * Encodes the command: opcode, payload size, payload.
   *
   * @return the bytes to write
   */
  public byte[] encode() {
    byte[] out = new byte[2 + payload.length];
    out[0] = (byte) opcode.code;
    out[1] = (byte) payload.length;
    System.arraycopy(payload, 0, out, 2, payload.length);
    return out;
  }

  /**
   * Decodes a written command, as the armband (or a virtual one) does.
   *
   * @param value the written bytes
   * @return the command
   * @throws ProtocolException for an unknown opcode or a size that does not match it
   */
  public static MyoCommand decode(byte[] value) throws ProtocolException {
    ByteReader in = new ByteReader(value);
    int code = in.u8("command opcode");
    int size = in.u8("payload size");
    Opcode opcode =
        Arrays.stream(Opcode.values())
            .filter(o -> o.code == code)
            .findFirst()
            .orElseThrow(
                () -> new ProtocolException(Reason.UNKNOWN_OPCODE, 0, String.format("command 0x%02x", code)));
    if (size != opcode.payloadSize) {
      throw new ProtocolException(
          Reason.BAD_VALUE, 1, opcode + " payload size " + size + ", expected " + opcode.payloadSize);
    }
    int[] payload = new int[size];
    for (int i = 0; i < size; i++) {
      payload[i] = in.u8("payload byte " + i);
    }
    if (in.remaining() != 0) {
      throw new ProtocolException(Reason.BAD_LENGTH, in.position(), opcode + " has trailing bytes");
    }
    return new MyoCommand(opcode, payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MyoCommand other && opcode == other.opcode && Arrays.equals(payload, other.payload);
  }

  @Override
  public int hashCode() {
    return 31 * opcode.hashCode() + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "MyoCommand[" + opcode + " " + Arrays.toString(payload) + "]";
  }
}
