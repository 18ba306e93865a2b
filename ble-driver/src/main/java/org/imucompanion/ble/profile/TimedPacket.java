package org.imucompanion.ble.profile;

import java.util.Objects;

/**
 * A decoded packet and when its notification reached the host.
 *
 * @param deviceAddress the device it came from
 * @param hostTimeNanos {@link System#nanoTime()} when the notification was received
 * @param packet the decoded packet
 * @param <P> the packet type
 */
public record TimedPacket<P>(String deviceAddress, long hostTimeNanos, P packet) {

  /** Validates. */
  public TimedPacket {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(packet, "packet");
  }
}
