package org.imucompanion.app.workspace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleTransport;

/**
 * What a feed holds open for one device — the transport when the feed owns it, the connection,
 * extra subscriptions and the profile's session — and the steps every feed takes with them:
 * connect while reporting state to the device, then keep the started session or report why it
 * failed. Closing releases everything newest first (session, connection, transport).
 */
final class DeviceLink implements AutoCloseable {
  /** Callbacks run on the connection's own delivery thread: nothing done there blocks. */
  private static final Executor DIRECT = Runnable::run;

  private final BleTransport transport;
  private final List<AutoCloseable> owned = Collections.synchronizedList(new ArrayList<>());

  /**
   * Starts holding a device's link.
   *
   * @param transport how the device is reached
   * @param ownsTransport whether closing the link closes the transport too
   */
  DeviceLink(BleTransport transport, boolean ownsTransport) {
    this.transport = transport;
    if (ownsTransport) {
      owned.add(transport);
    }
  }

  /**
   * Connects, every state change and its cause going to the device; the connection is held.
   *
   * @param address the device's address
   * @param device where state and problems show
   * @return the connection, once services are resolved
   */
  CompletableFuture<BleConnection> connect(String address, LiveDevice device) {
    return transport
        .connect(
            address,
            (state, cause) -> {
              device.reportState(state);
              cause.ifPresent(e -> device.reportProblem(e.getMessage()));
            },
            DIRECT)
        .thenApply(
            connection -> {
              owned.add(connection);
              return connection;
            });
  }

  /**
   * Holds something opened on the connection (a subscription).
   *
   * @param resource closed with the link, before what was held earlier
   */
  void hold(AutoCloseable resource) {
    owned.add(resource);
  }

  /**
   * Holds the profile's session once started, or shows on the device why it did not start.
   *
   * @param started the profile starting on the connection
   * @param device where a failure shows
   */
  void keep(CompletableFuture<? extends AutoCloseable> started, LiveDevice device) {
    started.whenComplete(
        (session, failure) -> {
          if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            device.reportProblem(cause.getMessage());
          } else {
            owned.add(session);
          }
        });
  }

  /**
   * Reads the battery once; a device without a battery service just shows none.
   *
   * @param connection the device's connection
   * @param device where the level shows
   */
  static void readBattery(BleConnection connection, LiveDevice device) {
    CompletableFuture<Void> unused =
        connection
            .battery()
            .thenAccept(p -> p.ifPresent(device::reportBattery))
            .exceptionally(e -> null);
  }

  @Override
  public void close() throws Exception {
    List<AutoCloseable> newestFirst;
    synchronized (owned) {
      newestFirst = new ArrayList<>(owned);
    }
    Collections.reverse(newestFirst);
    for (AutoCloseable c : newestFirst) {
      c.close();
    }
  }
}
