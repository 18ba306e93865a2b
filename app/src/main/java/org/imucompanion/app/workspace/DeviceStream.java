package org.imucompanion.app.workspace;

import java.util.List;
import java.util.Objects;

/**
 * One stream a device sends, as a recording stores it: its channels (canonical names from {@link
 * org.imucompanion.models.Channels}, in the order {@link SampleSink#onSample} gives the values) and
 * the nominal rate of the mode in use.
 *
 * @param name what the stream is ({@code imu}, {@code emg})
 * @param channels channel names, in value order
 * @param nominalRateHz samples per second the device sends in the mode in use
 */
public record DeviceStream(String name, List<String> channels, double nominalRateHz) {

  /** Validates and copies. */
  public DeviceStream {
    Objects.requireNonNull(name, "name");
    channels = List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("a stream needs channels");
    }
    if (!(nominalRateHz > 0)) {
      throw new IllegalArgumentException("nominal rate must be positive: " + nominalRateHz);
    }
  }
}
