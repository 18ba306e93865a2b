package org.imucompanion.app.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.bluez.BluezTransport;

/**
 * The devices the dashboard is showing and what the system offers. The device list is changed on
 * the FX thread only (a device is added once per connect, not per packet); closing the workspace
 * closes every device, newest first.
 */
public final class Workspace implements AutoCloseable {
  private final ObservableList<LiveDevice> devices = FXCollections.observableArrayList();
  private final ObjectProperty<BluetoothStatus> bluetooth;
  private final BluezOptions bluezOptions;
  private BluezTransport bluez;
  private volatile boolean closed;

  /**
   * Creates an empty workspace.
   *
   * @param bluetooth whether real devices can be reached, and if not, why (as known at start)
   */
  public Workspace(BluetoothStatus bluetooth) {
    this(bluetooth, BluezOptions.defaults());
  }

  /**
   * Creates an empty workspace that reaches BlueZ with the given options.
   *
   * @param bluetooth whether real devices can be reached, and if not, why (as known at start)
   * @param bluezOptions where BlueZ is (the system bus unless told otherwise)
   */
  public Workspace(BluetoothStatus bluetooth, BluezOptions bluezOptions) {
    this.bluetooth = new SimpleObjectProperty<>(Objects.requireNonNull(bluetooth, "bluetooth"));
    this.bluezOptions = Objects.requireNonNull(bluezOptions, "bluezOptions");
  }

  /**
   * Returns the BlueZ transport real devices are scanned and connected through, opening it on
   * first use. Blocks on D-Bus: call it off the FX thread.
   *
   * @return the transport, owned by the workspace
   * @throws BleException if BlueZ cannot be reached
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized BluezTransport bluez() throws BleException {
    if (closed) {
      throw new IllegalStateException("workspace is closed");
    }
    if (bluez == null) {
      bluez = BluezTransport.open(bluezOptions);
    }
    return bluez;
  }

  /**
   * Returns the devices, in the order they were added.
   *
   * @return the live list (FX thread only)
   */
  public ObservableList<LiveDevice> devices() {
    return devices;
  }

  /**
   * Whether real devices can be reached; updated (on the FX thread) when a probe finishes.
   *
   * @return the property
   */
  public ObjectProperty<BluetoothStatus> bluetoothProperty() {
    return bluetooth;
  }

  /**
   * Adds a device (FX thread).
   *
   * @param device the device
   * @throws IllegalStateException after {@link #close()}
   */
  public void add(LiveDevice device) {
    if (closed) {
      throw new IllegalStateException("workspace is closed");
    }
    devices.add(Objects.requireNonNull(device, "device"));
  }

  /**
   * Removes a device from the dashboard (FX thread); the caller closes it, off the FX thread if
   * closing can block (a real link's disconnect goes through D-Bus).
   *
   * @param device the device
   * @return whether it was there
   */
  public boolean remove(LiveDevice device) {
    return devices.remove(Objects.requireNonNull(device, "device"));
  }

  /** Closes every device, newest first. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<LiveDevice> newestFirst = new ArrayList<>(devices);
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(LiveDevice::close);
    synchronized (this) {
      if (bluez != null) {
        bluez.close(); // opened before any of its devices, closed after them
      }
    }
  }
}
