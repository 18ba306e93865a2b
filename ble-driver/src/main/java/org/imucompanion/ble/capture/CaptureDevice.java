package org.imucompanion.ble.capture;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.imucompanion.ble.GattCharacteristicInfo;

/**
 * What a capture knows about one device beyond its notifications: everything a replay needs to
 * present it as a connected device again.
 *
 * @param address the device's address ({@code AA:BB:CC:DD:EE:FF})
 * @param name its advertised name, if any
 * @param kind which profile decodes it (free text agreed with the profiles, e.g. {@code
 *     wristband-v1}, {@code legacy}, {@code myo})
 * @param characteristics its GATT table; gives each notified handle its UUID
 * @param readValues values read from characteristics while capturing (a wristband's configuration
 *     that decoding depends on), by UUID; copied in and out
 */
public record CaptureDevice(
    String address,
    Optional<String> name,
    String kind,
    List<GattCharacteristicInfo> characteristics,
    Map<UUID, byte[]> readValues) {

  /**
   * Validates and freezes the parts.
   *
   * @param address see {@link #address()}
   * @param name see {@link #name()}
   * @param kind see {@link #kind()}
   * @param characteristics see {@link #characteristics()}
   * @param readValues see {@link #readValues()}
   */
  public CaptureDevice {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    characteristics = List.copyOf(characteristics);
    Map<UUID, byte[]> copy = new LinkedHashMap<>();
    readValues.forEach((k, v) -> copy.put(Objects.requireNonNull(k), v.clone()));
    readValues = copy;
    for (int i = 0; i < characteristics.size(); i++) {
      for (int j = i + 1; j < characteristics.size(); j++) {
        if (characteristics.get(i).handle() == characteristics.get(j).handle()) {
          throw new IllegalArgumentException(
              address + ": two characteristics share handle " + characteristics.get(i).handle());
        }
      }
    }
  }

  /**
   * Returns the values read while capturing, copied.
   *
   * @return a new map from characteristic UUID to value
   */
  @Override
  public Map<UUID, byte[]> readValues() {
    Map<UUID, byte[]> copy = new LinkedHashMap<>();
    readValues.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /**
   * Finds the characteristic with an ATT handle.
   *
   * @param handle the value handle
   * @return the characteristic, or empty if the device has none with that handle
   */
  public Optional<GattCharacteristicInfo> byHandle(int handle) {
    return characteristics.stream().filter(c -> c.handle() == handle).findFirst();
  }

  /**
   * Finds a characteristic by UUID.
   *
   * @param uuid the characteristic's UUID
   * @return the characteristic, or empty if the device has none with that UUID
   */
  public Optional<GattCharacteristicInfo> byUuid(UUID uuid) {
    return characteristics.stream().filter(c -> c.uuid().equals(uuid)).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CaptureDevice d)) {
      return false;
    }
    if (!address.equals(d.address)
        || !name.equals(d.name)
        || !kind.equals(d.kind)
        || !characteristics.equals(d.characteristics)
        || !readValues.keySet().equals(d.readValues.keySet())) {
      return false;
    }
    for (Map.Entry<UUID, byte[]> e : readValues.entrySet()) {
      if (!Arrays.equals(e.getValue(), d.readValues.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(address, name, kind, characteristics, readValues.keySet());
  }
}
