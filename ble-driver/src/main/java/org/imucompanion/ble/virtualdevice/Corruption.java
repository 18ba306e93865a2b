package org.imucompanion.ble.virtualdevice;

import java.util.Arrays;

/**
 * How a fault damages a notification's bytes on the way to the host.
 *
 * <p>The effect on decoding depends on the byte hit: flipping the first byte of a wristband packet
 * breaks its version ({@code BAD_VERSION}); the last byte of a packet with CRC breaks the CRC
 * ({@code CRC_MISMATCH}); truncation gives {@code TRUNCATED}. A flipped sample byte of a packet
 * without CRC decodes to a wrong value, which is exactly what CRC is for.
 */
@FunctionalInterface
public interface Corruption {

  /**
   * Damages a value.
   *
   * @param value the bytes the device sent (a copy the corruption may change and return)
   * @return the bytes the host receives
   */
  byte[] apply(byte[] value);

  /**
   * Inverts every bit of one byte.
   *
   * @param index the byte; negative counts from the end ({@code -1} is the last byte)
   * @return the corruption
   */
  static Corruption flipByte(int index) {
    return value -> {
      if (value.length == 0) {
        return value;
      }
      int i = Math.floorMod(index, value.length);
      value[i] = (byte) ~value[i];
      return value;
    };
  }

  /**
   * Cuts the value short.
   *
   * @param length how many bytes arrive (values already that short pass unchanged)
   * @return the corruption
   */
  static Corruption truncateTo(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length < 0: " + length);
    }
    return value -> value.length <= length ? value : Arrays.copyOf(value, length);
  }
}
