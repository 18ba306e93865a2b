package org.imucompanion.ble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransportApiTest {

  private static final UUID A = UUID.fromString("0000aaaa-0000-1000-8000-00805f9b34fb");
  private static final UUID B = UUID.fromString("0000bbbb-0000-1000-8000-00805f9b34fb");

  private static DiscoveredDevice device(String name, UUID... services) {
    return new DiscoveredDevice(
        "AA:BB:CC:DD:EE:01", Optional.ofNullable(name), OptionalInt.of(-60), Set.of(services));
  }

  @Test
  void scanFilterMatchesAnyServiceAndNameIgnoringCase() {
    ScanFilter f = ScanFilter.services(A).withNameContaining("wrist");
    assertThat(f.matches(device("IMU Wristband", A, B))).isTrue();
    assertThat(f.matches(device("IMU Wristband", B))).isFalse();
    assertThat(f.matches(device("Myo", A))).isFalse();
    assertThat(f.matches(device(null, A))).isFalse();
    assertThat(ScanFilter.ANY.matches(device(null))).isTrue();
    assertThat(ScanFilter.services(A, B).matches(device(null, B))).isTrue();
  }

  @Test
  void notificationCopiesItsBytesInAndOut() {
    byte[] raw = {1, 2, 3};
    Notification n = new Notification(5L, "AA:BB:CC:DD:EE:01", A, 0x2a, raw);
    raw[0] = 9;
    assertThat(n.value()).containsExactly(1, 2, 3);
    n.value()[1] = 9;
    assertThat(n.value()).containsExactly(1, 2, 3);
    assertThat(n).isEqualTo(new Notification(5L, "AA:BB:CC:DD:EE:01", A, 0x2a, new byte[] {1, 2, 3}));
    assertThat(n.toString()).contains("010203");
  }

  @Test
  void bluezFlagsMapToPropertiesAndUnknownOnesAreIgnored() {
    assertThat(
            CharacteristicProperty.fromBluezFlags(
                List.of("read", "write-without-response", "notify", "authenticated-signed-writes")))
        .containsExactlyInAnyOrder(
            CharacteristicProperty.READ,
            CharacteristicProperty.WRITE_WITHOUT_RESPONSE,
            CharacteristicProperty.NOTIFY);
  }

  @Test
  void characteristicInfoRejectsBadHandles() {
    assertThatThrownBy(() -> new GattCharacteristicInfo(A, B, 0x10000, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
    GattCharacteristicInfo info =
        new GattCharacteristicInfo(A, B, 0x2a, EnumSet.of(CharacteristicProperty.NOTIFY));
    assertThat(info.has(CharacteristicProperty.NOTIFY)).isTrue();
    assertThat(info.has(CharacteristicProperty.READ)).isFalse();
  }

  @Test
  void exceptionMessageStartsWithTheReason() {
    BleException e = new BleException(BleException.Reason.TIMEOUT, "no answer from AA");
    assertThat(e.reason()).isEqualTo(BleException.Reason.TIMEOUT);
    assertThat(e.getMessage()).isEqualTo("TIMEOUT: no answer from AA");
  }
}
