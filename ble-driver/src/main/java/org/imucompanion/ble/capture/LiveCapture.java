package org.imucompanion.ble.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Captures one connected device of any kind into a {@link CaptureWriter}: registers it with its
 * kind, its GATT table as the connection found it (service and characteristic UUIDs, handles,
 * properties) and the values of the characteristics a replay will need to read (a wristband's
 * configuration), then subscribes the capture to every characteristic that notifies or indicates,
 * so every notification of every characteristic lands in the file. The capture's subscriptions are
 * its own, beside whatever the decoding profile subscribed, so capturing changes nothing for the
 * live view. This is the one way a live device is captured: the {@code capture} command and the
 * app start one per device on a shared writer.
 *
 * <p>Closing stops capturing this device (the writer stays open for others); a link that drops ends
 * the subscriptions by itself. After a reconnect, start a new {@code LiveCapture} on the same writer:
 * the device is registered once and its notifications go on in the same capture, as long as its
 * GATT table is the same (a different one fails the start, since the sidecar names one table per
 * device). Values a host obtains by reading rather than by notification (a legacy wristband whose
 * firmware cannot notify, polled) go in through {@link CaptureWriter#write(
 * org.imucompanion.ble.Notification)} as notifications of their characteristic; a replay hands them
 * back as such.
 */
public final class LiveCapture implements AutoCloseable {

  private final List<Subscription> subscriptions;

  private LiveCapture(List<Subscription> subscriptions) {
    this.subscriptions = List.copyOf(subscriptions);
  }

  /**
   * Starts capturing a connected device, reading what its kind's decoding needs: a wristband's
   * configuration, a Myo's firmware version and info (where its table has them).
   *
   * @param writer the capture
   * @param connection the device, services resolved or about to be
   * @param name the device's name, for the sidecar
   * @param kind which profile decodes it
   * @return completes once the capture is subscribed to every notifying characteristic; fails as
   *     {@link #start(CaptureWriter, BleConnection, Optional, String, Set)} does
   */
  public static CompletableFuture<LiveCapture> start(
      CaptureWriter writer, BleConnection connection, Optional<String> name, DeviceKind kind) {
    Set<UUID> reads =
        switch (kind) {
          case WRISTBAND_V1 -> Set.of(WristbandUuids.CONFIG);
          case MYO -> Set.of(MyoUuids.FIRMWARE_VERSION, MyoUuids.FIRMWARE_INFO);
          case LEGACY -> Set.of();
        };
    return start(writer, connection, name, kind.id(), reads);
  }

  /**
   * Starts capturing a connected device.
   *
   * @param writer the capture
   * @param connection the device, services resolved or about to be
   * @param name the device's name, for the sidecar
   * @param kind which profile decodes it ({@code wristband-v1}, {@code legacy}, {@code myo})
   * @param readFirst characteristics whose current value the capture keeps (decoding needs them);
   *     those the device's table does not have are left out
   * @return completes once the capture is subscribed to every notifying characteristic; fails with
   *     the transport's {@link org.imucompanion.ble.BleException}, an {@link UncheckedIOException}
   *     if the sidecar cannot be written, or an {@link IllegalStateException} if the writer already
   *     holds this device with another GATT table
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
            table -> {
              Optional<CaptureDevice> known = writer.device(connection.address());
              if (known.isPresent()) {
                if (!known.get().characteristics().equals(table)) {
                  return CompletableFuture.failedFuture(
                      new IllegalStateException(
                          connection.address()
                              + " came back with another GATT table than the capture holds for"
                              + " it; start a new capture"));
                }
                return subscribeAll(writer, connection, table); // reconnected: same capture
              }
              Set<UUID> present = new LinkedHashSet<>();
              for (UUID u : readFirst) {
                if (table.stream().anyMatch(c -> c.uuid().equals(u))) {
                  present.add(u);
                }
              }
              return readAll(connection, present)
                  .thenCompose(
                      reads -> {
                        try {
                          writer.addDevice(
                              new CaptureDevice(connection.address(), name, kind, table, reads));
                        } catch (IOException io) {
                          return CompletableFuture.failedFuture(new UncheckedIOException(io));
                        }
                        return subscribeAll(writer, connection, table);
                      });
            });
  }

  private static CompletableFuture<LiveCapture> subscribeAll(
      CaptureWriter writer, BleConnection connection, List<GattCharacteristicInfo> table) {
    List<CompletableFuture<Subscription>> subs = new ArrayList<>();
    for (GattCharacteristicInfo c : table) {
      if (c.has(CharacteristicProperty.NOTIFY) || c.has(CharacteristicProperty.INDICATE)) {
        subs.add(connection.subscribe(c.uuid(), writer.listener()));
      }
    }
    return CompletableFuture.allOf(subs.toArray(CompletableFuture[]::new))
        .thenApply(v -> new LiveCapture(subs.stream().map(CompletableFuture::join).toList()));
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
