package org.imucompanion.ble.profile;

/**
 * Receives one device stream's decoded packets, on the executor the connection was made with.
 *
 * @param <P> the packet type
 */
@FunctionalInterface
public interface PacketListener<P> {

  /**
   * A packet decoded (duplicates are never passed on).
   *
   * @param packet the packet with its arrival time
   */
  void onPacket(TimedPacket<P> packet);

  /**
   * A notification did not decode. It is counted and skipped; the stream goes on.
   *
   * @param malformed the bytes and the decoder's reason
   */
  default void onMalformed(MalformedNotification malformed) {}
}
