package org.imucompanion.ble;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One characteristic found on a connected device.
 *
 * @param service the UUID of the service that holds it
 * @param uuid the characteristic's UUID
 * @param handle its ATT value handle; captures (btsnoop) need it to name the characteristic
 * @param properties what it allows
 */
public record GattCharacteristicInfo(
    UUID service, UUID uuid, int handle, Set<CharacteristicProperty> properties) {

  /** Validates and freezes the properties. */
  public GattCharacteristicInfo {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(uuid, "uuid");
    if (handle < 0 || handle > 0xFFFF) {
      throw new IllegalArgumentException("ATT handle out of range: " + handle);
    }
    properties =
        properties.isEmpty()
            ? Set.of()
            : Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(properties, "properties")));
  }

  /**
   * Tells whether the characteristic has a property.
   *
   * @param property the property to look for
   * @return true if the device advertises it
   */
  public boolean has(CharacteristicProperty property) {
    return properties.contains(property);
  }
}
