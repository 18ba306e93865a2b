package org.imucompanion.ble.virtualdevice;

import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A virtual device's side of its connection to the host: what the firmware can do with the link. A
 * link is dead once the connection drops; a reconnect gives the device a new link.
 */
public interface DeviceLink {

  /**
   * Sends a notification now, through the link's faults, if the host subscribed to it. The value is
   * copied.
   *
   * @param characteristic the characteristic's UUID
   * @param value the bytes
   */
  void notify(UUID characteristic, byte[] value);

  /**
   * Sends a notification stamped with a given host time instead of now (replaying a capture).
   *
   * @param characteristic the characteristic's UUID
   * @param value the bytes
   * @param hostTimeNanos the {@link System#nanoTime()} the host should see as its arrival
   */
  void notify(UUID characteristic, byte[] value, long hostTimeNanos);

  /**
   * Tells whether the host subscribed to a characteristic (the CCCD is on).
   *
   * @param characteristic the characteristic's UUID
   * @return true while at least one subscription is active
   */
  boolean isNotifying(UUID characteristic);

  /**
   * Tells whether the link is still up.
   *
   * @return false once the connection dropped or closed
   */
  boolean isUp();

  /**
   * Returns the negotiated ATT MTU: a notification carries at most {@code mtu() - 3} bytes.
   *
   * @return the MTU
   */
  int mtu();

  /**
   * Returns how many notifications wait for the host's listeners. A sender that must not lose
   * anything (a capture replayed as fast as possible) waits while this is high instead of letting
   * the host's queue drop the oldest.
   *
   * @return notifications queued for delivery
   */
  int backlog();

  /** Drops the link from the device's side (power loss, out of range). */
  void disconnect();

  /**
   * Returns the scheduler the device's firmware runs its timers on.
   *
   * @return the transport's scheduler; tasks should stop when the link goes down
   */
  ScheduledExecutorService scheduler();
}
