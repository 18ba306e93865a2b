package org.imucompanion.ble.virtualdevice;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.WriteType;

/**
 * A peripheral that lives in this process: its GATT table and the behaviour of its firmware. A
 * {@link VirtualTransport} makes it visible to scans and connections exactly as a real device
 * behind BlueZ would be, without D-Bus, for the demo mode, for tests and for load tests with many
 * devices.
 *
 * <p>Subclasses implement the firmware through the hooks, which the transport calls on its
 * scheduler's threads (they may run concurrently with the device's own timers: synchronize). The
 * device talks back through the {@link DeviceLink} it gets in {@link #onConnected}.
 */
public abstract class VirtualDevice {

  private final String address;
  private final Optional<String> name;
  private final Set<UUID> advertisedServices;
  private final List<GattCharacteristicInfo> characteristics;
  private final LinkFaults faults = new LinkFaults(this);
  private volatile int mtu = 247;
  private volatile int rssi = -55;
  private volatile OptionalInt battery = OptionalInt.empty();
  private volatile DeviceLink link;

  /**
   * Creates a device.
   *
   * @param address its address ({@code AA:BB:CC:DD:EE:FF})
   * @param name its advertised name, if any
   * @param advertisedServices service UUIDs in its advertisements
   * @param characteristics its GATT table
   */
  protected VirtualDevice(
      String address,
      Optional<String> name,
      Set<UUID> advertisedServices,
      List<GattCharacteristicInfo> characteristics) {
    this.address = Objects.requireNonNull(address, "address");
    this.name = Objects.requireNonNull(name, "name");
    this.advertisedServices = Set.copyOf(advertisedServices);
    this.characteristics = List.copyOf(characteristics);
  }

  /**
   * Returns the device's address.
   *
   * @return {@code AA:BB:CC:DD:EE:FF}
   */
  public final String address() {
    return address;
  }

  /**
   * Returns the advertised name.
   *
   * @return the name, if the device advertises one
   */
  public final Optional<String> name() {
    return name;
  }

  /**
   * Returns the service UUIDs the device advertises.
   *
   * @return the services
   */
  public final Set<UUID> advertisedServices() {
    return advertisedServices;
  }

  /**
   * Returns the GATT table.
   *
   * @return every characteristic of every service
   */
  public final List<GattCharacteristicInfo> characteristics() {
    return characteristics;
  }

  /**
   * Finds a characteristic.
   *
   * @param uuid its UUID
   * @return the characteristic, or empty if the device has none with that UUID
   */
  public final Optional<GattCharacteristicInfo> characteristic(UUID uuid) {
    return characteristics.stream().filter(c -> c.uuid().equals(uuid)).findFirst();
  }

  /**
   * Says which profile decodes this device, as captures record it ({@code wristband-v1}, {@code
   * legacy}, {@code myo}).
   *
   * @return the kind
   */
  public abstract String kind();

  /**
   * Returns the faults to inject between this device and the host.
   *
   * @return the device's fault controls
   */
  public final LinkFaults faults() {
    return faults;
  }

  /**
   * Returns the ATT MTU a connection negotiates.
   *
   * @return the MTU (247 by default, what BlueZ and current phones reach)
   */
  public int mtu() {
    return mtu;
  }

  /**
   * Sets the ATT MTU the next connection negotiates.
   *
   * @param mtu 23..517
   */
  public void setMtu(int mtu) {
    if (mtu < 23 || mtu > 517) {
      throw new IllegalArgumentException("ATT MTU must be 23..517: " + mtu);
    }
    this.mtu = mtu;
  }

  /**
   * Returns the signal strength scans report.
   *
   * @return dBm
   */
  public int rssi() {
    return rssi;
  }

  /**
   * Sets the signal strength scans report.
   *
   * @param rssi dBm
   */
  public void setRssi(int rssi) {
    this.rssi = rssi;
  }

  /**
   * Returns the battery level a connection reports.
   *
   * @return the percentage, or empty if the device has no battery service
   */
  public OptionalInt battery() {
    return battery;
  }

  /**
   * Sets the battery level a connection reports.
   *
   * @param percent 0..100
   */
  public void setBattery(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("battery 0..100: " + percent);
    }
    this.battery = OptionalInt.of(percent);
  }

  /**
   * Returns the current link to the host.
   *
   * @return the link, or empty while not connected
   */
  public final Optional<DeviceLink> link() {
    return Optional.ofNullable(link);
  }

  /**
   * Called when a host connected.
   *
   * @param link the new link
   */
  protected void onConnected(DeviceLink link) {}

  /** Called when the link went down (either side); stop timers that send on it. */
  protected void onDisconnected() {}

  /**
   * Called when the host turned a characteristic's notifications on or off.
   *
   * @param characteristic the characteristic's UUID
   * @param notifying whether notifications are now on
   */
  protected void onNotifyingChanged(UUID characteristic, boolean notifying) {}

  /**
   * Answers a read.
   *
   * @param characteristic the characteristic's UUID
   * @return the value
   * @throws BleException to answer with an error ({@code NOT_SUPPORTED} by default)
   */
  protected byte[] onRead(UUID characteristic) throws BleException {
    throw new BleException(
        BleException.Reason.NOT_SUPPORTED, address + ": cannot read " + characteristic);
  }

  /**
   * Takes a write.
   *
   * @param characteristic the characteristic's UUID
   * @param value the bytes written (a copy)
   * @param type with or without response
   * @throws BleException to refuse the write ({@code NOT_SUPPORTED} by default)
   */
  protected void onWrite(UUID characteristic, byte[] value, WriteType type) throws BleException {
    throw new BleException(
        BleException.Reason.NOT_SUPPORTED, address + ": cannot write " + characteristic);
  }

  final synchronized void attach(DeviceLink newLink) {
    this.link = newLink;
  }

  final synchronized boolean detach(DeviceLink oldLink) {
    if (link != oldLink) {
      return false;
    }
    link = null;
    return true;
  }
}
