package org.imucompanion.app.workspace;

import java.util.concurrent.CompletableFuture;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoUuids;

/**
 * Reads what a device says about itself after each connection — battery level, a Myo's firmware
 * version — into its {@link LiveDevice}. A device that does not answer just shows nothing; reads
 * never hold up the stream.
 */
final class DeviceInfo {
  private DeviceInfo() {}

  /**
   * Reads the battery once; a device without a battery service just shows none.
   *
   * @param connection the device's connection
   * @param device where the level shows
   */
  static void readBattery(BleConnection connection, LiveDevice device) {
    CompletableFuture<Void> unused =
        connection
            .battery()
            .thenAccept(p -> p.ifPresent(device::reportBattery))
            .exceptionally(e -> null);
  }

  /**
   * Reads a Myo's firmware version, then its battery.
   *
   * @param connection the armband's connection
   * @param device where they show
   */
  static void readMyo(BleConnection connection, LiveDevice device) {
    CompletableFuture<Void> unused =
        connection
            .read(MyoUuids.FIRMWARE_VERSION)
            .thenAccept(
                bytes -> {
                  try {
                    device.reportFirmwareVersion(MyoCodec.decodeFirmwareVersion(bytes).toString());
                  } catch (ProtocolException e) {
                    device.reportProblem("unreadable firmware version: " + e.getMessage());
                  }
                })
            .exceptionally(e -> null)
            .thenRun(() -> readBattery(connection, device));
  }
}
