package org.imucompanion.ble;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * What a scan knows about a nearby device.
 *
 * @param address the device's address ({@code AA:BB:CC:DD:EE:FF})
 * @param name its advertised name, if any
 * @param rssi its last received signal strength in dBm; empty once the stack stops reporting it
 *     (BlueZ drops RSSI when discovery stops)
 * @param serviceUuids the service UUIDs it advertises
 */
public record DiscoveredDevice(
    String address, Optional<String> name, OptionalInt rssi, Set<UUID> serviceUuids) {

  /** Validates and freezes the UUID set. */
  public DiscoveredDevice {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rssi, "rssi");
    serviceUuids = Set.copyOf(serviceUuids);
  }
}
