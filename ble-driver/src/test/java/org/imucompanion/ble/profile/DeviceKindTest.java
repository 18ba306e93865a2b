package org.imucompanion.ble.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;

class DeviceKindTest {

  private static GattCharacteristicInfo ch(UUID service, UUID uuid, int handle) {
    return new GattCharacteristicInfo(service, uuid, handle, Set.of(CharacteristicProperty.NOTIFY));
  }

  private static DiscoveredDevice advertising(UUID... services) {
    return new DiscoveredDevice("AA:BB:CC:DD:EE:01", Optional.empty(), OptionalInt.empty(), Set.of(services));
  }

  @Test
  void kindsAreRecognisedFromTheirDataCharacteristics() {
    assertThat(DeviceKind.fromCharacteristics(List.of(ch(WristbandUuids.SERVICE, WristbandUuids.DATA, 0x10))))
        .contains(DeviceKind.WRISTBAND_V1);
    assertThat(DeviceKind.fromCharacteristics(List.of(ch(MyoUuids.IMU_SERVICE, MyoUuids.IMU_DATA, 0x1c))))
        .contains(DeviceKind.MYO);
    assertThat(DeviceKind.fromCharacteristics(List.of(ch(UUID.randomUUID(), LegacyUuids.DATA, 0x0e))))
        .contains(DeviceKind.LEGACY);
    assertThat(DeviceKind.fromCharacteristics(List.of(ch(UUID.randomUUID(), UUID.randomUUID(), 3)))).isEmpty();
  }

  @Test
  void advertisementsTellWristbandMyoAndASimbleeThatMayBeTheLegacyBand() {
    assertThat(DeviceKind.fromAdvertisement(advertising(WristbandUuids.SERVICE))).contains(DeviceKind.WRISTBAND_V1);
    assertThat(DeviceKind.fromAdvertisement(advertising(MyoUuids.CONTROL_SERVICE))).contains(DeviceKind.MYO);
    assertThat(DeviceKind.fromAdvertisement(advertising(LegacyUuids.SIMBLEE_SERVICE))).contains(DeviceKind.LEGACY);
    assertThat(DeviceKind.fromAdvertisement(advertising())).isEmpty();
    assertThat(DeviceKind.fromAdvertisement(advertising(UUID.randomUUID()))).isEmpty();
  }

  @Test
  void idsMatchWhatCapturesAndVirtualDevicesWrite() {
    assertThat(DeviceKind.byId("wristband-v1")).contains(DeviceKind.WRISTBAND_V1);
    assertThat(DeviceKind.byId("legacy")).contains(DeviceKind.LEGACY);
    assertThat(DeviceKind.byId("myo")).contains(DeviceKind.MYO);
    assertThat(DeviceKind.byId("fitbit")).isEmpty();
  }
}
