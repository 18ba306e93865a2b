package org.imucompanion.ble.capture;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;

/** Devices and notifications for capture tests, generated (never read from the datasets). */
final class CaptureFixtures {

  static final long START_MICROS = 1_795_000_000_000_000L; // 2026-11-19

  private CaptureFixtures() {}

  static CaptureDevice wristband() {
    return new CaptureDevice(
        "C0:FF:EE:00:00:01",
        Optional.of("IMU Wristband ü \\ = x"),
        "wristband-v1",
        List.of(
            new GattCharacteristicInfo(
                WristbandUuids.SERVICE,
                WristbandUuids.DATA,
                0x0012,
                EnumSet.of(CharacteristicProperty.NOTIFY)),
            new GattCharacteristicInfo(
                WristbandUuids.SERVICE,
                WristbandUuids.CONFIG,
                0x0015,
                EnumSet.of(CharacteristicProperty.READ, CharacteristicProperty.WRITE)),
            new GattCharacteristicInfo(
                WristbandUuids.SERVICE,
                WristbandUuids.CONTROL,
                0x0017,
                EnumSet.of(CharacteristicProperty.WRITE_WITHOUT_RESPONSE))),
        Map.of(WristbandUuids.CONFIG, WristbandConfig.DEFAULT.encode()));
  }

  static CaptureDevice myo() {
    List<GattCharacteristicInfo> chars = new ArrayList<>();
    chars.add(
        new GattCharacteristicInfo(
            MyoUuids.IMU_SERVICE,
            MyoUuids.IMU_DATA,
            0x001c,
            EnumSet.of(CharacteristicProperty.NOTIFY)));
    for (int i = 0; i < 4; i++) {
      chars.add(
          new GattCharacteristicInfo(
              MyoUuids.EMG_SERVICE,
              MyoUuids.EMG_DATA.get(i),
              0x002b + 3 * i,
              EnumSet.of(CharacteristicProperty.NOTIFY)));
    }
    // A leading space and no read values: the sidecar must keep both as they are.
    return new CaptureDevice("DE:AD:BE:EF:00:02", Optional.of(" Myo"), "myo", chars, Map.of());
  }

  /** Interleaved notifications from both devices, 20 ms apart, random lengths and bytes. */
  static List<CapturedNotification> notifications(
      CaptureDevice wristband, CaptureDevice myo, int count, long seed) {
    Random random = new Random(seed);
    List<CapturedNotification> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CaptureDevice d = i % 3 == 0 ? wristband : myo;
      GattCharacteristicInfo ch =
          d == wristband
              ? d.byUuid(WristbandUuids.DATA).orElseThrow()
              : d.characteristics().get(random.nextInt(d.characteristics().size()));
      byte[] value = new byte[1 + random.nextInt(60)];
      random.nextBytes(value);
      out.add(new CapturedNotification(timeOf(i), d.address(), ch.uuid(), ch.handle(), value));
    }
    return out;
  }

  static long timeOf(int i) {
    return START_MICROS + i * 20_000L + (i % 7);
  }
}
