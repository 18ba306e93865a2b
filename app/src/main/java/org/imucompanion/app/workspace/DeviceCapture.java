package org.imucompanion.app.workspace;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Captures a live device into a btsnoop file: the device's kind, its connection's GATT table and
 * a wristband's configuration go to the sidecar (what a replay needs to decode), then every raw
 * notification of every data characteristic its feed subscribes — across reconnects, since the
 * tap belongs to the {@link LiveDevice}, not to a connection. The one way {@code capture} (and the
 * tests' capture fixtures) capture a device.
 */
public final class DeviceCapture implements AutoCloseable {
  private final LiveDevice device;

  private DeviceCapture(LiveDevice device) {
    this.device = device;
  }

  /**
   * Starts capturing a streaming device.
   *
   * @param device the device, streaming (its kind and GATT table are known)
   * @param writer the capture to write; the caller closes it after this capture
   * @return the running capture; closing it stops taking notifications
   * @throws IOException if the sidecar cannot be written
   * @throws IllegalStateException if the device has not streamed yet
   */
  public static DeviceCapture start(LiveDevice device, CaptureWriter writer) throws IOException {
    DeviceKind kind =
        device
            .deviceKind()
            .orElseThrow(
                () -> new IllegalStateException(device.name() + " is not streaming yet: nothing to capture"));
    writer.addDevice(
        new CaptureDevice(
            device.address(),
            Optional.of(device.name()),
            kind.id(),
            device.characteristics(),
            device
                .wristbandConfig()
                .map(c -> Map.of(WristbandUuids.CONFIG, c.encode()))
                .orElse(Map.of())));
    device.tapNotifications(writer.listener());
    return new DeviceCapture(device);
  }

  /** Stops taking the device's notifications; what was written stays. */
  @Override
  public void close() {
    device.tapNotifications(n -> {});
  }
}
