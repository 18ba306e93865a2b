package org.imucompanion.ble.capture;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;

/**
 * The properties file beside a btsnoop capture: devices, their GATT tables and read values, and the
 * connection handle each device's packets use in the btsnoop file.
 *
 * <pre>
 * format=imu-companion-capture-1
 * device.0.address=AA:BB:CC:DD:EE:01
 * device.0.name=IMU Wristband
 * device.0.kind=wristband-v1
 * device.0.connectionHandle=64
 * device.0.characteristic.0.service=0e5a0001-...
 * device.0.characteristic.0.uuid=0e5a0002-...
 * device.0.characteristic.0.handle=18
 * device.0.characteristic.0.properties=read,notify
 * device.0.read.0e5a0003-...=0132...
 * </pre>
 *
 * <p>Written by hand in a fixed order (not with {@link Properties#store}, which adds the date and
 * orders keys by hash) so the same capture always gives the same bytes.
 */
final class CaptureSidecar {

  static final String FORMAT = "imu-companion-capture-1";

  /** A device and the connection handle its ACL packets carry. */
  record Entry(CaptureDevice device, int connectionHandle) {}

  private CaptureSidecar() {}

  static Path of(Path btsnoop) {
    return btsnoop.resolveSibling(btsnoop.getFileName() + ".properties");
  }

  static void write(Path btsnoop, List<Entry> entries) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# IMU Companion capture sidecar: what the btsnoop file beside it cannot hold\n");
    sb.append("format=").append(FORMAT).append('\n');
    HexFormat hex = HexFormat.of();
    for (int d = 0; d < entries.size(); d++) {
      CaptureDevice device = entries.get(d).device();
      String p = "device." + d + ".";
      line(sb, p + "address", device.address());
      if (device.name().isPresent()) {
        line(sb, p + "name", device.name().get());
      }
      line(sb, p + "kind", device.kind());
      line(sb, p + "connectionHandle", Integer.toString(entries.get(d).connectionHandle()));
      for (int c = 0; c < device.characteristics().size(); c++) {
        GattCharacteristicInfo ch = device.characteristics().get(c);
        String q = p + "characteristic." + c + ".";
        line(sb, q + "service", ch.service().toString());
        line(sb, q + "uuid", ch.uuid().toString());
        line(sb, q + "handle", Integer.toString(ch.handle()));
        List<String> flags = new ArrayList<>();
        for (CharacteristicProperty prop : CharacteristicProperty.values()) {
          if (ch.has(prop)) {
            flags.add(prop.bluezFlag());
          }
        }
        line(sb, q + "properties", String.join(",", flags));
      }
      for (Map.Entry<UUID, byte[]> e : device.readValues().entrySet()) {
        line(sb, p + "read." + e.getKey(), hex.formatHex(e.getValue()));
      }
    }
    // Replace atomically: a crash while rewriting leaves the previous sidecar, never half of one.
    Path target = of(btsnoop);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.US_ASCII);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static List<Entry> read(Path btsnoop) throws IOException {
    Path path = of(btsnoop);
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
      props.load(r);
    } catch (NoSuchFileException e) {
      throw new CaptureFormatException(
          "no sidecar " + path + ": a capture needs it to know which characteristic each handle is",
          e);
    } catch (IllegalArgumentException e) {
      throw new CaptureFormatException(path + ": not a properties file: " + e.getMessage(), e);
    }
    try {
      return entries(path, props);
    } catch (IllegalArgumentException e) {
      // A read value that is not hex, a handle out of range, two characteristics on one handle...
      throw new CaptureFormatException(path + ": " + e.getMessage(), e);
    }
  }

  private static List<Entry> entries(Path path, Properties props) throws CaptureFormatException {
    if (!FORMAT.equals(props.getProperty("format"))) {
      throw new CaptureFormatException(
          path + ": format is " + props.getProperty("format") + ", expected " + FORMAT);
    }
    List<Entry> entries = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (int d = 0; props.containsKey("device." + d + ".address"); d++) {
      String p = "device." + d + ".";
      List<GattCharacteristicInfo> chars = new ArrayList<>();
      for (int c = 0; props.containsKey(p + "characteristic." + c + ".uuid"); c++) {
        String q = p + "characteristic." + c + ".";
        String flags = props.getProperty(q + "properties", "");
        Set<CharacteristicProperty> propsSet =
            CharacteristicProperty.fromBluezFlags(
                flags.isEmpty() ? List.of() : List.of(flags.split(",")));
        chars.add(
            new GattCharacteristicInfo(
                uuid(path, props, q + "service"),
                uuid(path, props, q + "uuid"),
                integer(path, props, q + "handle"),
                propsSet));
      }
      Map<UUID, byte[]> reads = new LinkedHashMap<>();
      String readPrefix = p + "read.";
      // Properties has no order: read values keep the order of the GATT table, then any others.
      for (GattCharacteristicInfo ch : chars) {
        String v = props.getProperty(readPrefix + ch.uuid());
        if (v != null) {
          reads.put(ch.uuid(), hex.parseHex(v));
        }
      }
      for (String key : props.stringPropertyNames().stream().sorted().toList()) {
        if (key.startsWith(readPrefix)) {
          UUID u = UUID.fromString(key.substring(readPrefix.length()));
          reads.putIfAbsent(u, hex.parseHex(props.getProperty(key)));
        }
      }
      CaptureDevice device =
          new CaptureDevice(
              required(path, props, p + "address").toUpperCase(Locale.ROOT),
              Optional.ofNullable(props.getProperty(p + "name")),
              required(path, props, p + "kind"),
              chars,
              reads);
      entries.add(new Entry(device, integer(path, props, p + "connectionHandle")));
    }
    return entries;
  }

  private static String required(Path path, Properties props, String key)
      throws CaptureFormatException {
    String v = props.getProperty(key);
    if (v == null) {
      throw new CaptureFormatException(path + ": missing " + key);
    }
    return v;
  }

  private static UUID uuid(Path path, Properties props, String key) throws CaptureFormatException {
    try {
      return UUID.fromString(required(path, props, key));
    } catch (IllegalArgumentException e) {
      throw new CaptureFormatException(path + ": " + key + " is not a UUID", e);
    }
  }

  private static int integer(Path path, Properties props, String key)
      throws CaptureFormatException {
    try {
      return Integer.parseInt(required(path, props, key));
    } catch (NumberFormatException e) {
      throw new CaptureFormatException(path + ": " + key + " is not an integer", e);
    }
  }

  private static void line(StringBuilder sb, String key, String value) {
    sb.append(key).append('=').append(escape(value)).append('\n');
  }

  /** Escapes a value the way {@link Properties#load} reads it back, in plain ASCII. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\f' -> sb.append("\\f");
        case ' ' -> sb.append(i == 0 ? "\\ " : " ");
        default -> {
          if (ch < 0x20 || ch > 0x7e) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
