package org.imucompanion.ble.bluez;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach BlueZ and how patient to be with it.
 *
 * @param busAddress a {@code unix:path=} bus address; empty means the system bus (where bluetoothd
 *     lives)
 * @param adapter the adapter's name ({@code hci0}); empty means the first adapter found
 * @param connectTimeout how long {@code Connect} may take
 * @param servicesResolvedTimeout how long to wait for {@code ServicesResolved} after connecting
 * @param queueCapacity notifications buffered per connection before the oldest are dropped
 */
public record BluezOptions(
    Optional<String> busAddress,
    Optional<String> adapter,
    Duration connectTimeout,
    Duration servicesResolvedTimeout,
    int queueCapacity) {

  /** Validates. */
  public BluezOptions {
    Objects.requireNonNull(busAddress, "busAddress");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(servicesResolvedTimeout, "servicesResolvedTimeout");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
    }
    busAddress.ifPresent(
        a -> {
          if (!a.startsWith("unix:path=")) {
            throw new IllegalArgumentException(
                "the native D-Bus transport needs a unix:path= address, not " + a);
          }
        });
  }

  /**
   * The system bus, the first adapter, 20 s to connect, 15 s to resolve services, 4096 queued
   * notifications per connection (about 20 s of a Myo at full rate).
   *
   * @return the defaults
   */
  public static BluezOptions defaults() {
    return new BluezOptions(
        Optional.empty(), Optional.empty(), Duration.ofSeconds(20), Duration.ofSeconds(15), 4096);
  }

  /**
   * Returns these options on another bus.
   *
   * @param address a {@code unix:path=} address
   * @return new options
   */
  public BluezOptions withBusAddress(String address) {
    return new BluezOptions(
        Optional.of(address), adapter, connectTimeout, servicesResolvedTimeout, queueCapacity);
  }

  /**
   * Returns these options on another adapter.
   *
   * @param name the adapter's name, {@code hci0}, {@code hci1} ...
   * @return new options
   */
  public BluezOptions withAdapter(String name) {
    if (!name.matches("hci[0-9]+")) {
      throw new IllegalArgumentException("an adapter is named hciN, not " + name);
    }
    return new BluezOptions(
        busAddress, Optional.of(name), connectTimeout, servicesResolvedTimeout, queueCapacity);
  }

  /**
   * Returns these options with another queue capacity.
   *
   * @param capacity notifications buffered per connection
   * @return new options
   */
  public BluezOptions withQueueCapacity(int capacity) {
    return new BluezOptions(busAddress, adapter, connectTimeout, servicesResolvedTimeout, capacity);
  }

  /**
   * Returns these options with other timeouts.
   *
   * @param connect how long {@code Connect} may take
   * @param servicesResolved how long to wait for resolved services
   * @return new options
   */
  public BluezOptions withTimeouts(Duration connect, Duration servicesResolved) {
    return new BluezOptions(busAddress, adapter, connect, servicesResolved, queueCapacity);
  }
}
