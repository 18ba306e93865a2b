package org.imucompanion.ble.profile;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * The kinds of device this project has profiles for, recognised from what a scan or a connection
 * shows. The names are the ones captures and virtual devices use ({@code wristband-v1}, {@code
 * legacy}, {@code myo}).
 */
public enum DeviceKind {
  /** Our wristband, protocol v1 ({@link WristbandProfile}). */
  WRISTBAND_V1("wristband-v1"),
  /** The legacy Simblee wristband ({@link LegacyProfile}). */
  LEGACY("legacy"),
  /** The Myo armband ({@link MyoProfile}). */
  MYO("myo");

  private final String id;

  DeviceKind(String id) {
    this.id = id;
  }

  /**
   * Returns the short name used in captures and by virtual devices.
   *
   * @return {@code wristband-v1}, {@code legacy} or {@code myo}
   */
  public String id() {
    return id;
  }

  /**
   * Finds a kind by its short name.
   *
   * @param id a name from {@link #id()}
   * @return the kind, or empty for a name we have no profile for
   */
  public static Optional<DeviceKind> byId(String id) {
    for (DeviceKind k : values()) {
      if (k.id.equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Guesses the kind from an advertisement, to show in a device picker before connecting. The
   * legacy wristband advertises only the Simblee module's service, which every Simblee device
   * does: it is offered as a legacy wristband, and connecting confirms it by its data
   * characteristic ({@link #fromCharacteristics}).
   *
   * @param device what a scan saw
   * @return the kind, if the advertised services say
   */
  public static Optional<DeviceKind> fromAdvertisement(DiscoveredDevice device) {
    Set<UUID> s = device.serviceUuids();
    if (s.contains(WristbandUuids.SERVICE)) {
      return Optional.of(WRISTBAND_V1);
    }
    if (s.contains(MyoUuids.CONTROL_SERVICE)) {
      return Optional.of(MYO);
    }
    if (s.contains(LegacyUuids.SIMBLEE_SERVICE)) {
      return Optional.of(LEGACY);
    }
    return Optional.empty();
  }

  /**
   * Recognises the kind from a connected device's characteristics, which is reliable: each kind has
   * a data characteristic no other has.
   *
   * @param characteristics what the connection found
   * @return the kind, or empty for a device we have no profile for
   */
  public static Optional<DeviceKind> fromCharacteristics(
      Collection<GattCharacteristicInfo> characteristics) {
    boolean wristband = false;
    boolean myo = false;
    boolean legacy = false;
    for (GattCharacteristicInfo c : characteristics) {
      wristband |= c.uuid().equals(WristbandUuids.DATA);
      myo |= c.uuid().equals(MyoUuids.IMU_DATA);
      legacy |= c.uuid().equals(LegacyUuids.DATA);
    }
    if (wristband) {
      return Optional.of(WRISTBAND_V1);
    }
    if (myo) {
      return Optional.of(MYO);
    }
    return legacy ? Optional.of(LEGACY) : Optional.empty();
  }
}
