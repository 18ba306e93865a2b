package org.imucompanion.app.ui.inspector;

import org.imucompanion.app.workspace.LiveDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.ble.virtualdevice.VirtualLegacyWristband;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualWristband;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Writes what the Inspector received from one device to a btsnoop capture with its properties
 * sidecar, so Wireshark, tshark and this app's replay read it like a capture made with the {@code
 * capture} command. Writing blocks on the file: do it off the FX thread.
 *
 * <p>The device's GATT table is rebuilt from the notifications (each carries its UUID and ATT
 * handle) and the kind's reference table, the one its virtual device presents (services,
 * properties, and the characteristics the profile writes or reads, such as the Myo's command or
 * the wristband's configuration and control), so the capture replays through the kind's profile
 * and names each characteristic's real service. A characteristic this app does not know is kept
 * with the nil service UUID ({@link #UNKNOWN_SERVICE}). A wristband's configuration is not among the
 * notifications; the capture records the configuration the Inspector decodes with ({@link
 * WristbandConfig#DEFAULT}), which is what a replay then reads.
 *
 * @param file the btsnoop file written
 * @param notifications how many notifications it holds
 */
public record SavedCapture(Path file, long notifications) {

  /**
   * Validates.
   *
   * @param file see {@link #file()}
   * @param notifications see {@link #notifications()}
   */
  public SavedCapture {
    Objects.requireNonNull(file, "file");
  }

  /**
   * Writes notifications of one device to a capture.
   *
   * @param file the btsnoop file to write (replaced if it exists); the sidecar goes beside it
   * @param address the device's address
   * @param name the device's name
   * @param displayKind the device's kind as the dashboard shows it (e.g. {@code wristband v1
   *     (virtual)}); mapped to the capture's profile id
   * @param notifications what it received, oldest first
   * @return what was written
   * @throws IOException if writing fails
   */
  public static SavedCapture write(
      Path file, String address, String name, String displayKind, List<Notification> notifications)
      throws IOException {
    String kind = profileId(displayKind);
    return write(file, address, name, kind, table(kind, notifications), WristbandConfig.DEFAULT, notifications);
  }

  /**
   * Writes a live device's notifications to a capture, with the GATT table its connection really
   * has and the configuration a wristband's packets decode with; a device that never connected
   * (a test's) gets the table rebuilt from its notifications and its kind's reference table.
   *
   * @param file the btsnoop file to write (replaced if it exists); the sidecar goes beside it
   * @param device the device
   * @param notifications what it received, oldest first
   * @return what was written
   * @throws IOException if writing fails
   */
  public static SavedCapture write(Path file, LiveDevice device, List<Notification> notifications)
      throws IOException {
    String address =
        !device.address().isEmpty()
            ? device.address()
            : notifications.isEmpty() ? "00:00:00:00:00:00" : notifications.get(0).deviceAddress();
    if (device.deviceKind().isEmpty() || device.characteristics().isEmpty()) {
      return write(file, address, device.name(), device.kind(), notifications);
    }
    return write(
        file,
        address,
        device.name(),
        device.deviceKind().get().id(),
        device.characteristics(),
        device.wristbandConfig().orElse(WristbandConfig.DEFAULT),
        notifications);
  }

  private static SavedCapture write(
      Path file,
      String address,
      String name,
      String kind,
      List<GattCharacteristicInfo> table,
      WristbandConfig config,
      List<Notification> notifications)
      throws IOException {
    Map<UUID, byte[]> reads = new LinkedHashMap<>();
    if (kind.equals(DeviceKind.WRISTBAND_V1.id())) {
      reads.put(WristbandUuids.CONFIG, config.encode());
    }
    try (CaptureWriter writer = CaptureWriter.create(file)) {
      writer.addDevice(new CaptureDevice(address, Optional.of(name), kind, table, reads));
      for (Notification n : notifications) {
        writer.write(n);
      }
      return new SavedCapture(file, writer.written());
    }
  }

  /**
   * Maps the dashboard's kind text to the profile id a capture names.
   *
   * @param displayKind e.g. {@code wristband v1 (virtual)}, {@code myo}, {@code legacy wristband}
   * @return {@code wristband-v1}, {@code legacy} or {@code myo}
   */
  static String profileId(String displayKind) {
    String k = displayKind.toLowerCase(Locale.ROOT);
    if (k.contains("legacy")) {
      return DeviceKind.LEGACY.id();
    }
    if (k.contains("myo")) {
      return DeviceKind.MYO.id();
    }
    return DeviceKind.WRISTBAND_V1.id();
  }

  /** The service UUID recorded for a characteristic this app knows nothing about. */
  public static final UUID UNKNOWN_SERVICE = new UUID(0, 0);

  /**
   * Rebuilds a device's GATT table: every notified characteristic at the handle it came from, with
   * the service and properties of the kind's reference table, then the reference table's other
   * characteristics at their usual handles (or the next free ones).
   */
  static List<GattCharacteristicInfo> table(String kind, List<Notification> notifications) {
    List<GattCharacteristicInfo> reference = referenceTable(kind);
    Map<UUID, GattCharacteristicInfo> known = new LinkedHashMap<>();
    reference.forEach(c -> known.put(c.uuid(), c));
    Map<UUID, GattCharacteristicInfo> table = new LinkedHashMap<>();
    Set<Integer> used = new HashSet<>();
    for (Notification n : notifications) {
      if (table.containsKey(n.characteristic()) || used.contains(n.handle())) {
        continue; // first handle wins; the writer refuses anything that disagrees with it
      }
      GattCharacteristicInfo ref = known.get(n.characteristic());
      table.put(
          n.characteristic(),
          new GattCharacteristicInfo(
              ref == null ? UNKNOWN_SERVICE : ref.service(),
              n.characteristic(),
              n.handle(),
              ref == null ? EnumSet.of(CharacteristicProperty.NOTIFY) : ref.properties()));
      used.add(n.handle());
    }
    int next = used.stream().mapToInt(Integer::intValue).max().orElse(0) + 2;
    for (GattCharacteristicInfo ref : reference) {
      if (table.containsKey(ref.uuid())) {
        continue;
      }
      int handle = ref.handle();
      if (used.contains(handle)) {
        while (used.contains(next)) {
          next += 2;
        }
        handle = next;
      }
      used.add(handle);
      table.put(
          ref.uuid(), new GattCharacteristicInfo(ref.service(), ref.uuid(), handle, ref.properties()));
    }
    return new ArrayList<>(table.values());
  }

  /** The table the kind's virtual device presents, which mirrors the real device's. */
  private static List<GattCharacteristicInfo> referenceTable(String kind) {
    String address = "00:00:00:00:00:00";
    MotionSource still = SyntheticWorkout.demo();
    return switch (DeviceKind.byId(kind).orElseThrow()) {
      case WRISTBAND_V1 -> new VirtualWristband(address, "reference", still).characteristics();
      case LEGACY -> new VirtualLegacyWristband(address, "reference", still, 1).characteristics();
      case MYO -> new VirtualMyo(address, "reference", still).characteristics();
    };
  }
}
