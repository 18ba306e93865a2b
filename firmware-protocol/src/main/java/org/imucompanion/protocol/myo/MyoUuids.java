package org.imucompanion.protocol.myo;

import java.util.List;
import java.util.UUID;

/**
 * The Myo armband's GATT UUIDs (PROTOCOL.md §4.1). Myo UUIDs are {@code d506xxxx-a904-deb9-4748-2c7f4a124842}
 * with a 16-bit short id in place of {@code xxxx}; the battery level is the standard 0x2A19.
 */
public final class MyoUuids {
  /** Control service (info, version, command). */
  public static final UUID CONTROL_SERVICE = myo(0x0001);
  /** Firmware info (serial number, unlock pose, classifier, SKU): read. */
  public static final UUID FIRMWARE_INFO = myo(0x0101);
  /** Firmware version (major, minor, patch, hardware revision): read. */
  public static final UUID FIRMWARE_VERSION = myo(0x0201);
  /** Command characteristic: write. */
  public static final UUID COMMAND = myo(0x0401);
  /** IMU data service. */
  public static final UUID IMU_SERVICE = myo(0x0002);
  /** IMU data: notify, 50 Hz. */
  public static final UUID IMU_DATA = myo(0x0402);
  /** Classifier service. */
  public static final UUID CLASSIFIER_SERVICE = myo(0x0003);
  /** Classifier events: indicate. */
  public static final UUID CLASSIFIER_EVENT = myo(0x0103);
  /** EMG data service. */
  public static final UUID EMG_SERVICE = myo(0x0005);
  /** EMG characteristic 0: notify, two samples each. */
  public static final UUID EMG_DATA_0 = myo(0x0105);
  /** EMG characteristic 1. */
  public static final UUID EMG_DATA_1 = myo(0x0205);
  /** EMG characteristic 2. */
  public static final UUID EMG_DATA_2 = myo(0x0305);
  /** EMG characteristic 3. */
  public static final UUID EMG_DATA_3 = myo(0x0405);
  /** The four EMG characteristics in the order the armband cycles through them. */
  public static final List<UUID> EMG_DATA = List.of(EMG_DATA_0, EMG_DATA_1, EMG_DATA_2, EMG_DATA_3);
  /** Standard Battery service. */
  public static final UUID BATTERY_SERVICE = UUID.fromString("0000180f-0000-1000-8000-00805f9b34fb");
  /** Standard Battery Level characteristic: read/notify, one byte 0..100. */
  public static final UUID BATTERY_LEVEL = UUID.fromString("00002a19-0000-1000-8000-00805f9b34fb");

  private MyoUuids() {}

  /**
   * Returns the Myo UUID with a 16-bit short id.
   *
   * @param shortId 0..0xFFFF
   * @return {@code d506xxxx-a904-deb9-4748-2c7f4a124842}
   */
  public static UUID myo(int shortId) {
    return UUID.fromString(String.format("d506%04x-a904-deb9-4748-2c7f4a124842", shortId));
  }
}
