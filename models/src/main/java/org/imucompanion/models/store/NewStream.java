package org.imucompanion.models.store;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One device's sample stream within a session, as declared when the device starts streaming.
 *
 * @param name a name unique within the session, e.g. {@code left-wrist} or {@code myo-emg}
 * @param deviceKind the kind of device, e.g. {@code wristband}, {@code myo}, {@code legacy}
 * @param address the device's Bluetooth address (or a file name for imports)
 * @param channels the channel names in the order of each sample's values, e.g. {@code accel_x}
 * @param nominalRateHz the rate the device was configured for
 */
public record NewStream(
    String name, String deviceKind, String address, List<String> channels, double nominalRateHz) {
  /** Checks the fields and copies the channel list. */
  public NewStream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deviceKind, "deviceKind");
    Objects.requireNonNull(address, "address");
    channels = List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("a stream needs at least one channel");
    }
    if (new HashSet<>(channels).size() != channels.size()) {
      throw new IllegalArgumentException("duplicate channel names: " + channels);
    }
    for (String c : channels) {
      if (c.isBlank() || c.contains(",") || c.contains("\n")) {
        throw new IllegalArgumentException("bad channel name: '" + c + "'");
      }
    }
    if (!(nominalRateHz > 0) || Double.isInfinite(nominalRateHz)) {
      throw new IllegalArgumentException("nominal rate must be positive: " + nominalRateHz);
    }
  }
}
