package org.imucompanion.app.ui.inspector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Writes what the Inspector received from one device to a btsnoop capture with its properties
 * sidecar, so Wireshark, tshark and this app's replay read it like a capture made with the {@code
 * capture} command. Writing blocks on the file: do it off the FX thread.
 *
 * <p>The device's GATT table is rebuilt from the notifications (each carries its UUID and ATT
 * handle). A wristband's configuration is not among them; the capture records the configuration
 * the Inspector decodes with ({@link WristbandConfig#DEFAULT}), which is what a replay then reads.
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
    Map<UUID, Integer> handles = new LinkedHashMap<>();
    for (Notification n : notifications) {
      handles.putIfAbsent(n.characteristic(), n.handle());
    }
    String kind = profileId(displayKind);
    List<GattCharacteristicInfo> table = new ArrayList<>();
    int highest = 0;
    for (Map.Entry<UUID, Integer> e : handles.entrySet()) {
      UUID uuid = e.getKey();
      // Our wristband's service is known; for others the service UUID was not kept with the
      // notification, and nothing that reads a capture looks characteristics up by service.
      UUID service = isWristband(uuid) ? WristbandUuids.SERVICE : uuid;
      table.add(
          new GattCharacteristicInfo(
              service, uuid, e.getValue(), EnumSet.of(CharacteristicProperty.NOTIFY)));
      highest = Math.max(highest, e.getValue());
    }
    Map<UUID, byte[]> reads = new LinkedHashMap<>();
    if (kind.equals(DeviceKind.WRISTBAND_V1.id()) && !handles.containsKey(WristbandUuids.CONFIG)) {
      table.add(
          new GattCharacteristicInfo(
              WristbandUuids.SERVICE,
              WristbandUuids.CONFIG,
              highest + 2,
              EnumSet.of(CharacteristicProperty.READ)));
      reads.put(WristbandUuids.CONFIG, WristbandConfig.DEFAULT.encode());
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

  private static boolean isWristband(UUID uuid) {
    return uuid.equals(WristbandUuids.DATA)
        || uuid.equals(WristbandUuids.CONFIG)
        || uuid.equals(WristbandUuids.CONTROL);
  }
}
