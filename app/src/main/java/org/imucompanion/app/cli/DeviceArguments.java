package org.imucompanion.app.cli;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imucompanion.app.workspace.DeviceFeed;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.app.workspace.MyoFeed;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.virtualdevice.MotionSource;

/**
 * Turns a {@code <device>} argument into a supervised {@link LiveDevice}: {@code
 * virtual:wristband}, {@code virtual:legacy} and {@code virtual:myo} are the built-in virtual
 * devices, each in its own in-process transport; anything else is a BLE address reached through
 * BlueZ ({@code --bus}, {@code --adapter}) and recognised by its services when it connects.
 */
final class DeviceArguments {
  private DeviceArguments() {}

  /**
   * Refuses a {@code virtual:} argument that names no built-in virtual device.
   *
   * @param device the argument
   * @throws CommandFailedException naming the ones there are
   */
  static void requireKnownVirtual(String device) {
    if (device.startsWith("virtual:") && virtualKind(device).isEmpty()) {
      throw new CommandFailedException(
          "unknown virtual device "
              + device
              + "; try virtual:wristband, virtual:legacy or virtual:myo");
    }
  }

  private static Optional<DeviceKind> virtualKind(String device) {
    return switch (device) {
      case "virtual:wristband" -> Optional.of(DeviceKind.WRISTBAND_V1);
      case "virtual:myo" -> Optional.of(DeviceKind.MYO);
      case "virtual:legacy" -> Optional.of(DeviceKind.LEGACY);
      default -> Optional.empty();
    };
  }

  /**
   * Starts a supervised live device for a device argument: a built-in virtual device, or an
   * address reached through BlueZ and recognised by its services when it connects (any of the
   * three kinds). It reconnects by itself after a link loss.
   *
   * @param device {@code virtual:wristband}, {@code virtual:legacy}, {@code virtual:myo} or an
   *     address
   * @param bus where BlueZ is, for an address
   * @param motion what a virtual device performs (unused for an address)
   * @param sink receives every sample of every stream, and every outage
   * @return the device, connecting; closing it closes its transport
   */
  static LiveDevice start(String device, BluezBusOption bus, MotionSource motion, SampleSink sink) {
    requireKnownVirtual(device);
    Optional<DeviceKind> virtual = virtualKind(device);
    if (virtual.isPresent()) {
      return switch (virtual.get()) {
        case WRISTBAND_V1 -> DeviceFeed.startVirtual(
            virtual.get(), WristbandFeed.VIRTUAL_ADDRESS, "Virtual wristband", motion, sink);
        case MYO -> DeviceFeed.startVirtual(
            virtual.get(), MyoFeed.VIRTUAL_ADDRESS, "Virtual Myo", motion, sink);
        case LEGACY -> DeviceFeed.startVirtual(
            virtual.get(), VIRTUAL_LEGACY_ADDRESS, "Virtual legacy wristband", motion, sink);
      };
    }
    try {
      return DeviceFeed.start(
          BluezTransport.open(bus.options()), device, device, Optional.empty(), true, sink);
    } catch (BleException e) {
      throw new CommandFailedException("BlueZ not available: " + e.getMessage(), e);
    }
  }

  /**
   * Waits until a started device streams, or fails the command with the reason it did not.
   *
   * @param live the device
   * @param device the argument, for the message
   * @param timeoutSeconds how long to wait at most
   * @return the device, streaming
   */
  static LiveDevice awaitStreaming(LiveDevice live, String device, double timeoutSeconds) {
    try {
      return live.firstStreaming().get((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      live.close();
      throw new CommandFailedException(
          device
              + ": not streaming after "
              + timeoutSeconds
              + " s ("
              + live.link().describe(System.nanoTime())
              + live.problem().map(p -> "; last problem: " + p).orElse("")
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      live.close();
      throw new CommandFailedException("interrupted while connecting " + device, e);
    } catch (ExecutionException e) {
      live.close();
      throw new CommandFailedException(device + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Address of the built-in virtual legacy wristband. */
  static final String VIRTUAL_LEGACY_ADDRESS = "02:00:00:00:00:03";

}
