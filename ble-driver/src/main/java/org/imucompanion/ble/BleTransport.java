package org.imucompanion.ble;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A source of BLE devices: BlueZ, in-process virtual devices, or a capture being replayed.
 *
 * <p>No method blocks the calling thread for I/O; results come as futures and events on the
 * executor the caller passes. Closing the transport closes every scan and connection it made, in
 * reverse order; after that every method throws {@link IllegalStateException}.
 */
public interface BleTransport extends AutoCloseable {

  /**
   * Starts scanning for devices.
   *
   * @param filter which devices to report
   * @param listener receives appear/update/disappear events
   * @param executor runs the listener's calls
   * @return a future with the running scan, or failing with {@link BleException.Reason#UNAVAILABLE}
   *     when there is no adapter
   */
  CompletableFuture<ScanSession> scan(ScanFilter filter, ScanListener listener, Executor executor);

  /**
   * Connects to a device. The future completes once the link is up; wait for {@link
   * BleConnection#servicesResolved()} before using characteristics.
   *
   * @param address the device's address ({@code AA:BB:CC:DD:EE:FF})
   * @param listener receives the connection's state changes
   * @param executor runs the connection's callbacks (state and notifications), one {@code execute}
   *     per notification: a UI should pass a direct executor and hand data to its thread through
   *     ring buffers, not its UI-thread executor (one UI task per packet would flood it)
   * @return a future with the connection, or failing with a {@link BleException}
   */
  CompletableFuture<BleConnection> connect(
      String address, ConnectionListener listener, Executor executor);

  /** Closes every scan and connection this transport made; idempotent, does not throw. */
  @Override
  void close();
}
