package org.imucompanion.models.store;

import java.util.List;
import java.util.Objects;

/**
 * A stored stream.
 *
 * @param id the store's id
 * @param sessionId the session it belongs to
 * @param name the name, unique within the session
 * @param deviceKind the kind of device
 * @param address the device's address
 * @param channels channel names in the order of each sample's values
 * @param nominalRateHz the configured rate
 */
public record StreamInfo(
    long id,
    long sessionId,
    String name,
    String deviceKind,
    String address,
    List<String> channels,
    double nominalRateHz) {
  /** Checks the fields and copies the channel list. */
  public StreamInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deviceKind, "deviceKind");
    Objects.requireNonNull(address, "address");
    channels = List.copyOf(channels);
  }
}
