package org.imucompanion.ble.profile;

/**
 * A running device stream made by a profile. Closing it unsubscribes (and, where the device has a
 * stop command, asks it to stop); it never throws.
 */
public interface ProfileSession extends AutoCloseable {

  /**
   * Counts packets received twice (same sequence number) and dropped so no sample repeats.
   *
   * @return duplicates dropped; always 0 for devices without sequence numbers
   */
  default long duplicatesDropped() {
    return 0;
  }

  /**
   * Counts notifications the decoder refused.
   *
   * @return malformed notifications
   */
  long malformed();

  /** Unsubscribes; idempotent. */
  @Override
  void close();
}
