package org.imucompanion.ble;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A link to one device. Futures complete exceptionally with a {@link BleException} (wrapped in a
 * {@link java.util.concurrent.CompletionException} where the future API requires it) and callbacks
 * run on the executor given to {@link BleTransport#connect}.
 *
 * <p>A connection is not reconnected by itself: after {@link ConnectionState#DISCONNECTED} its
 * subscriptions are dead; the reconnect supervisor makes a new connection and subscribes again.
 * Close a dead connection too: it still holds its delivery thread until then. After {@link
 * #close()} every method throws {@link IllegalStateException}.
 */
public interface BleConnection extends AutoCloseable {

  /**
   * Returns the device's address.
   *
   * @return the address ({@code AA:BB:CC:DD:EE:FF})
   */
  String address();

  /**
   * Returns the current state.
   *
   * @return the state
   */
  ConnectionState state();

  /**
   * Completes when the device's services are resolved (BlueZ's {@code Connect} returns before that).
   *
   * @return a future completing when the characteristics can be used, or exceptionally with {@link
   *     BleException.Reason#DISCONNECTED} if the link goes down first
   */
  CompletableFuture<Void> servicesResolved();

  /**
   * Lists the device's characteristics, after services are resolved.
   *
   * @return a future with every characteristic of every service
   */
  CompletableFuture<List<GattCharacteristicInfo>> characteristics();

  /**
   * Subscribes to a characteristic's notifications. Each call makes a new independent subscription
   * (the device is only asked once to start notifying).
   *
   * @param characteristic the characteristic's UUID
   * @param listener called once per notification on the caller's executor
   * @return a future with the subscription, once the device notifies
   */
  CompletableFuture<Subscription> subscribe(UUID characteristic, NotificationListener listener);

  /**
   * Reads a characteristic's value.
   *
   * @param characteristic the characteristic's UUID
   * @return a future with a copy of the value
   */
  CompletableFuture<byte[]> read(UUID characteristic);

  /**
   * Writes a characteristic's value.
   *
   * @param characteristic the characteristic's UUID
   * @param value the bytes (copied before the call returns)
   * @param type with or without response
   * @return a future completing when the stack accepted (without response) or the device
   *     acknowledged (with response)
   */
  CompletableFuture<Void> write(UUID characteristic, byte[] value, WriteType type);

  /**
   * Returns the negotiated ATT MTU, or 23 (the default) when the stack does not say.
   *
   * @return the ATT MTU; a notification carries at most {@code mtu() - 3} bytes
   */
  int mtu();

  /**
   * Reads the battery level from BlueZ's {@code Battery1} or the standard battery service (0x180f),
   * whichever the stack exposes.
   *
   * @return a future with the percentage, or empty if the device reports none
   */
  CompletableFuture<OptionalInt> battery();

  /**
   * Counts notifications dropped because a listener fell behind (the bounded receive queue was
   * full and its oldest entries were discarded).
   *
   * @return notifications dropped since the connection was made
   */
  long droppedNotifications();

  /**
   * Closes the link: stops every subscription, disconnects, and releases what the connection holds.
   * Idempotent; does not throw.
   */
  @Override
  void close();
}
