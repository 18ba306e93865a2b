package org.imucompanion.ble;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One notification exactly as it came off the link, stamped with the host's monotonic clock when it
 * was received (before any queueing), so jitter and latency can be measured downstream.
 *
 * <p>The value is copied in and out: a listener can keep it without it changing under it.
 *
 * @param hostTimeNanos {@link System#nanoTime()} when the bytes were received
 * @param deviceAddress the device's address ({@code AA:BB:CC:DD:EE:FF})
 * @param characteristic the characteristic's UUID
 * @param handle the characteristic's ATT value handle
 * @param value the bytes
 */
public record Notification(
    long hostTimeNanos, String deviceAddress, UUID characteristic, int handle, byte[] value) {

  /** Validates and copies the value. */
  public Notification {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(characteristic, "characteristic");
    value = Objects.requireNonNull(value, "value").clone();
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return the value; changing it does not change this notification
   */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Returns the number of bytes without copying them.
   *
   * @return the value's length
   */
  public int length() {
    return value.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Notification n
        && hostTimeNanos == n.hostTimeNanos
        && handle == n.handle
        && deviceAddress.equals(n.deviceAddress)
        && characteristic.equals(n.characteristic)
        && Arrays.equals(value, n.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hostTimeNanos, deviceAddress, characteristic, handle, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "Notification[" + deviceAddress + " " + characteristic + " @" + hostTimeNanos + " "
        + HexFormat.of().formatHex(value) + "]";
  }
}
