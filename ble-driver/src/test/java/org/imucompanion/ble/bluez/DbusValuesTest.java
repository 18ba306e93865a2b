package org.imucompanion.ble.bluez;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

class DbusValuesTest {

  @Test
  void anAyInsideAVariantArrivesAsAListOfBytesAndIsCopiedOut() {
    List<Byte> list = new ArrayList<>(List.of((byte) 1, (byte) -2, (byte) 127));
    assertThat(DbusValues.bytes(new Variant<>(list, "ay"))).containsExactly(1, -2, 127);
    byte[] raw = {4, 5};
    byte[] copy = DbusValues.bytes(raw);
    raw[0] = 9;
    assertThat(copy).containsExactly(4, 5);
    assertThatThrownBy(() -> DbusValues.bytes("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void numbersAreReadAsDbusMeansThem() {
    assertThat(DbusValues.integer(new Variant<>((byte) 200))).isEqualTo(OptionalInt.of(200)); // 'y' is unsigned
    assertThat(DbusValues.integer(new Variant<>((short) -67))).isEqualTo(OptionalInt.of(-67)); // RSSI 'n'
    assertThat(DbusValues.integer(new UInt16(0x2a))).isEqualTo(OptionalInt.of(0x2a));
    assertThat(DbusValues.integer(null)).isEmpty();
  }

  @Test
  void stringArraysComeAsArraysOrListsAndBadUuidsAreSkipped() {
    UUID u = UUID.fromString("0e5a0001-8c4b-4d9e-a1f3-7b2c6d5e4f30");
    assertThat(DbusValues.uuids(new Variant<>(new String[] {u.toString(), "180f"}, "as"))).containsExactly(u);
    assertThat(DbusValues.strings(List.of("read", "notify"))).containsExactly("read", "notify");
    assertThat(DbusValues.path(new Variant<>(new DBusPath("/org/bluez/hci0")))).isEqualTo("/org/bluez/hci0");
    assertThat(DbusValues.bool(new Variant<>(Boolean.TRUE))).isTrue();
    assertThat(DbusValues.bool(null)).isFalse();
  }
}
