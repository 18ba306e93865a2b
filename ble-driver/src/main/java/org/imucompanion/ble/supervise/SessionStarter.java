package org.imucompanion.ble.supervise;

import java.util.concurrent.CompletableFuture;
import org.imucompanion.ble.BleConnection;

/**
 * Starts a device's stream on a fresh connection (a profile's {@code start}); called once per
 * connection, after services are resolved.
 */
@FunctionalInterface
public interface SessionStarter {

  /**
   * Starts the stream.
   *
   * @param connection a connection with resolved services
   * @return the running session; closing it unsubscribes
   */
  CompletableFuture<? extends AutoCloseable> start(BleConnection connection);
}
