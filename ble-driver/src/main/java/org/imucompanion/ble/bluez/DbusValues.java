package org.imucompanion.ble.bluez;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * Reads property values the way dbus-java really delivers them: an {@code ay} inside a Variant
 * arrives as a {@code List<Byte>}, a plain {@code ay} as {@code byte[]}, {@code as} as an array or a
 * list depending on the path it took.
 */
final class DbusValues {

  private DbusValues() {}

  static Object unwrap(Object value) {
    return value instanceof Variant<?> v ? v.getValue() : value;
  }

  static byte[] bytes(Object value) {
    Object v = unwrap(value);
    if (v instanceof byte[] b) {
      return b.clone();
    }
    if (v instanceof List<?> list) {
      byte[] out = new byte[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = ((Number) list.get(i)).byteValue();
      }
      return out;
    }
    if (v instanceof Byte[] boxed) {
      byte[] out = new byte[boxed.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = boxed[i];
      }
      return out;
    }
    throw new IllegalArgumentException("not a byte array: " + (v == null ? "null" : v.getClass()));
  }

  static List<String> strings(Object value) {
    Object v = unwrap(value);
    List<String> out = new ArrayList<>();
    if (v instanceof Object[] arr) {
      for (Object o : arr) {
        out.add(String.valueOf(o));
      }
    } else if (v instanceof Iterable<?> it) {
      for (Object o : it) {
        out.add(String.valueOf(o));
      }
    }
    return out;
  }

  static Set<UUID> uuids(Object value) {
    List<UUID> out = new ArrayList<>();
    for (String s : strings(value)) {
      try {
        out.add(UUID.fromString(s));
      } catch (IllegalArgumentException notAUuid) {
        // bluetoothd only sends 128-bit strings; anything else is not ours to interpret
      }
    }
    return Set.copyOf(out);
  }

  static OptionalInt integer(Object value) {
    Object v = unwrap(value);
    if (v instanceof UInt16 u) {
      return OptionalInt.of(u.intValue());
    }
    if (v instanceof Byte b) {
      return OptionalInt.of(b & 0xFF); // D-Bus 'y' is unsigned
    }
    if (v instanceof Number n) {
      return OptionalInt.of(n.intValue());
    }
    return OptionalInt.empty();
  }

  static Optional<String> string(Object value) {
    Object v = unwrap(value);
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }

  static boolean bool(Object value) {
    return Boolean.TRUE.equals(unwrap(value));
  }

  static String path(Object value) {
    Object v = unwrap(value);
    return v instanceof DBusPath p ? p.getPath() : String.valueOf(v);
  }

  static Map<String, Variant<?>> props(
      Map<String, Map<String, Variant<?>>> interfaces, String iface) {
    Map<String, Variant<?>> p = interfaces.get(iface);
    return p == null ? Map.of() : p;
  }
}
