package org.imucompanion.ble;

import java.util.UUID;

/**
 * A live subscription to one characteristic's notifications. Closing it stops delivery to its
 * listener at once (nothing is delivered after {@link #close()} returns, even if already queued) and
 * asks the device to stop notifying when no other subscription needs the characteristic.
 */
public interface Subscription extends AutoCloseable {

  /**
   * Returns the characteristic this subscription listens to.
   *
   * @return the characteristic's UUID
   */
  UUID characteristic();

  /**
   * Tells whether the listener can still be called.
   *
   * @return false after {@link #close()} or after the connection closed
   */
  boolean isActive();

  /** Stops delivery; idempotent, never throws. */
  @Override
  void close();
}
