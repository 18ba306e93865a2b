package org.imucompanion.ble.capture;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One notification as a capture holds it: when it arrived (wall clock, microseconds, btsnoop's
 * resolution), from which device and characteristic, and its bytes.
 *
 * @param epochMicros arrival time in microseconds since 1970-01-01T00:00Z
 * @param deviceAddress the device's address ({@code AA:BB:CC:DD:EE:FF})
 * @param characteristic the characteristic's UUID
 * @param handle the characteristic's ATT value handle (0..65535)
 * @param value the bytes; copied in and out
 */
public record CapturedNotification(
    long epochMicros, String deviceAddress, UUID characteristic, int handle, byte[] value) {

  /**
   * Validates and copies.
   *
   * @param epochMicros see {@link #epochMicros()}
   * @param deviceAddress see {@link #deviceAddress()}
   * @param characteristic see {@link #characteristic()}
   * @param handle see {@link #handle()}
   * @param value see {@link #value()}
   */
  public CapturedNotification {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(characteristic, "characteristic");
    if (handle < 0 || handle > 0xFFFF) {
      throw new IllegalArgumentException("ATT handle out of range: " + handle);
    }
    value = Objects.requireNonNull(value, "value").clone();
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the value
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Returns the value's length without copying it.
   *
   * @return bytes in the value
   */
  public int length() {
    return value.length;
  }

  byte[] valueNoCopy() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapturedNotification n
        && epochMicros == n.epochMicros
        && handle == n.handle
        && deviceAddress.equals(n.deviceAddress)
        && characteristic.equals(n.characteristic)
        && Arrays.equals(value, n.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(epochMicros, deviceAddress, characteristic, handle, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "CapturedNotification["
        + deviceAddress
        + " "
        + characteristic
        + " 0x"
        + Integer.toHexString(handle)
        + " @"
        + epochMicros
        + "us "
        + HexFormat.of().formatHex(value)
        + "]";
  }
}
