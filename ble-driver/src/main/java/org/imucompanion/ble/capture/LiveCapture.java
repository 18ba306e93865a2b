package org.imucompanion.ble.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Subscription;

/**
 * Captures one connected device into a {@link CaptureWriter}: registers it with its GATT table and
 * the values of the characteristics a replay will need to read (a wristband's config), then
 * subscribes the capture to every characteristic that notifies or indicates. The capture's
 * subscriptions are its own, beside whatever the decoding profile subscribed, so capturing changes
 * nothing for the live view.
 *
 * <p>Closing stops capturing this device (the writer stays open for others); a link that drops ends
 * the subscriptions by itself, and a reconnected device is captured again with a new {@code
 * LiveCapture} only if the writer has not seen it yet, since a device is registered once.
 */
public final class LiveCapture implements AutoCloseable {

  private final List<Subscription> subscriptions;

  private LiveCapture(List<Subscription> subscriptions) {
    this.subscriptions = List.copyOf(subscriptions);
  }

  /**
   * Starts capturing a connected device.
   *
   * @param writer the capture
   * @param connection the device, services resolved or about to be
   * @param name the device's name, for the sidecar
   * @param kind which profile decodes it ({@code wristband-v1}, {@code legacy}, {@code myo})
   * @param readFirst characteristics whose current value the capture keeps (decoding needs them)
   * @return completes once the capture is subscribed to every notifying characteristic; fails with
   *     the transport's {@link org.imucompanion.ble.BleException} or an {@link
   *     UncheckedIOException} if the sidecar cannot be written
   */
  public static CompletableFuture<LiveCapture> start(
      CaptureWriter writer,
      BleConnection connection,
      Optional<String> name,
      String kind,
      Set<UUID> readFirst) {
    Objects.requireNonNull(writer, "writer");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    return connection
        .characteristics()
        .thenCompose(
            table -> readAll(connection, readFirst).thenApply(reads -> Map.entry(table, reads)))
        .thenCompose(
            e -> {
              List<GattCharacteristicInfo> table = e.getKey();
              try {
                writer.addDevice(
                    new CaptureDevice(connection.address(), name, kind, table, e.getValue()));
              } catch (IOException io) {
                return CompletableFuture.failedFuture(new UncheckedIOException(io));
              }
              List<CompletableFuture<Subscription>> subs = new ArrayList<>();
              for (GattCharacteristicInfo c : table) {
                if (c.has(CharacteristicProperty.NOTIFY)
                    || c.has(CharacteristicProperty.INDICATE)) {
                  subs.add(connection.subscribe(c.uuid(), writer.listener()));
                }
              }
              return CompletableFuture.allOf(subs.toArray(CompletableFuture[]::new))
                  .thenApply(
                      v -> new LiveCapture(subs.stream().map(CompletableFuture::join).toList()));
            });
  }

  private static CompletableFuture<Map<UUID, byte[]>> readAll(
      BleConnection connection, Set<UUID> uuids) {
    Map<UUID, byte[]> out = new LinkedHashMap<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (UUID u : uuids) {
      chain = chain.thenCompose(v -> connection.read(u).thenAccept(value -> out.put(u, value)));
    }
    return chain.thenApply(v -> out);
  }

  /**
   * Returns how many characteristics the capture listens to.
   *
   * @return the number of subscriptions
   */
  public int streams() {
    return subscriptions.size();
  }

  /** Stops capturing this device. Idempotent. */
  @Override
  public void close() {
    for (int i = subscriptions.size() - 1; i >= 0; i--) {
      subscriptions.get(i).close();
    }
  }
}
