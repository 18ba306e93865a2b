package org.imucompanion.ble.profile;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.imucompanion.protocol.ProtocolException;

/**
 * A notification the decoder refused, kept whole so a firmware developer can look at its bytes.
 *
 * @param deviceAddress the device it came from
 * @param characteristic the characteristic it came on
 * @param hostTimeNanos {@link System#nanoTime()} when it was received
 * @param value its bytes
 * @param reason why the decoder refused it
 * @param offset the byte offset where decoding failed
 */
public record MalformedNotification(
    String deviceAddress,
    UUID characteristic,
    long hostTimeNanos,
    byte[] value,
    ProtocolException.Reason reason,
    int offset) {

  /** Validates and copies the bytes. */
  public MalformedNotification {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(characteristic, "characteristic");
    Objects.requireNonNull(reason, "reason");
    value = value.clone();
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

  @Override
  public boolean equals(Object o) {
    return o instanceof MalformedNotification m
        && hostTimeNanos == m.hostTimeNanos
        && offset == m.offset
        && deviceAddress.equals(m.deviceAddress)
        && characteristic.equals(m.characteristic)
        && reason == m.reason
        && Arrays.equals(value, m.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deviceAddress, characteristic, hostTimeNanos, reason, offset, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "Malformed[" + deviceAddress + " " + reason + "@" + offset + " " + HexFormat.of().formatHex(value) + "]";
  }
}
