package org.imucompanion.ble.health;

import java.util.Objects;
import java.util.UUID;

/**
 * Names one notification stream: a characteristic of a device.
 *
 * @param deviceAddress the device's address ({@code AA:BB:CC:DD:EE:FF})
 * @param characteristic the characteristic's UUID
 */
public record StreamKey(String deviceAddress, UUID characteristic) {

  /**
   * Validates the parts.
   *
   * @param deviceAddress see {@link #deviceAddress()}
   * @param characteristic see {@link #characteristic()}
   */
  public StreamKey {
    Objects.requireNonNull(deviceAddress, "deviceAddress");
    Objects.requireNonNull(characteristic, "characteristic");
  }
}
