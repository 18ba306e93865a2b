package org.imucompanion.ble.supervise;

import java.util.concurrent.CompletableFuture;
import org.imucompanion.ble.BleConnection;

/**
 * Starts a device's stream on a fresh connection (a profile's {@code start}); called once per
 * connection, after services are resolved.
 *
 * @param <S> the session type (a profile's session, so the owner can use it: vibrate a Myo ...)
 */
@FunctionalInterface
public interface SessionStarter<S extends AutoCloseable> {

  /**
   * Starts the stream.
   *
   * @param connection a connection with resolved services
   * @return the running session; closing it unsubscribes
   */
  CompletableFuture<? extends S> start(BleConnection connection);
}
