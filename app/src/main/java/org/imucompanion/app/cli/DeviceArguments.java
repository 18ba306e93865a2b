package org.imucompanion.app.cli;

import org.imucompanion.app.athlete.AthleteMotion;
import org.imucompanion.app.workspace.MyoFeed;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.VirtualMyo;
import org.imucompanion.ble.virtualdevice.VirtualTransport;
import org.imucompanion.ble.virtualdevice.VirtualWristband;

/**
 * Turns a {@code <device>} argument into a transport and an address: {@code virtual:wristband}
 * and {@code virtual:myo} are the built-in virtual wristband and Myo, each in its own in-process
 * transport; anything else is a BLE address reached through BlueZ on the system bus.
 */
final class DeviceArguments {
  private DeviceArguments() {}

  /**
   * A transport that can reach the device, and the device's address on it.
   *
   * @param transport the transport (the caller closes it)
   * @param address the device's address
   */
  record Link(BleTransport transport, String address) {}

  /**
   * Refuses a {@code virtual:} argument that names no built-in virtual device.
   *
   * @param device the argument
   * @throws CommandFailedException naming the ones there are
   */
  static void requireKnownVirtual(String device) {
    if (device.startsWith("virtual:")
        && !device.equals("virtual:wristband")
        && !device.equals("virtual:myo")) {
      throw new CommandFailedException(
          "unknown virtual device " + device + "; try virtual:wristband or virtual:myo");
    }
  }

  /**
   * Opens a transport for a device argument.
   *
   * @param device {@code virtual:wristband}, {@code virtual:myo} or an address
   * @param bus where BlueZ is, for an address
   * @return the link
   */
  static Link open(String device, BluezBusOption bus) {
    return open(device, bus, AthleteMotion.demo());
  }

  /**
   * Opens a transport for a device argument, a virtual device performing a given motion.
   *
   * @param device {@code virtual:wristband}, {@code virtual:myo} or an address
   * @param bus where BlueZ is, for an address
   * @param motion what a virtual device performs (unused for an address)
   * @return the link
   */
  static Link open(String device, BluezBusOption bus, MotionSource motion) {
    if (device.equals("virtual:wristband")) {
      VirtualTransport transport = VirtualTransport.create();
      transport.addDevice(
          new VirtualWristband(
              WristbandFeed.VIRTUAL_ADDRESS, "Virtual wristband", motion));
      return new Link(transport, WristbandFeed.VIRTUAL_ADDRESS);
    }
    if (device.equals("virtual:myo")) {
      VirtualTransport transport = VirtualTransport.create();
      transport.addDevice(
          new VirtualMyo(MyoFeed.VIRTUAL_ADDRESS, "Virtual Myo", motion));
      return new Link(transport, MyoFeed.VIRTUAL_ADDRESS);
    }
    requireKnownVirtual(device);
    try {
      return new Link(BluezTransport.open(bus.options()), device);
    } catch (BleException e) {
      throw new CommandFailedException("BlueZ not available: " + e.getMessage(), e);
    }
  }
}
