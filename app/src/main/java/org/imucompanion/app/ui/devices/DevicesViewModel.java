package org.imucompanion.app.ui.devices;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.Workspace;

/**
 * State of the Devices view: one {@link DeviceRow} per workspace device, the selected device, and
 * what to tell the user about Bluetooth. Rows follow the workspace's device list; their figures
 * change only when {@link #refresh(long)} is called (a few times a second by the view).
 */
public final class DevicesViewModel {
  private final ObservableList<DeviceRow> rows = FXCollections.observableArrayList();
  private final ObjectProperty<LiveDevice> selected = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper bluetoothMessage = new ReadOnlyStringWrapper();
  private final ReadOnlyBooleanWrapper bluetoothAvailable = new ReadOnlyBooleanWrapper();

  /**
   * Creates the view model over a workspace.
   *
   * @param workspace the devices and Bluetooth status
   */
  public DevicesViewModel(Workspace workspace) {
    Objects.requireNonNull(workspace, "workspace");
    bluetoothMessage.bind(workspace.bluetoothProperty().map(BluetoothStatus::message));
    bluetoothAvailable.bind(workspace.bluetoothProperty().map(BluetoothStatus::available));
    workspace.devices().forEach(d -> rows.add(new DeviceRow(d)));
    workspace
        .devices()
        .addListener(
            (ListChangeListener<LiveDevice>)
                change -> {
                  while (change.next()) {
                    change.getRemoved().forEach(d -> rows.removeIf(r -> r.device() == d));
                    change.getAddedSubList().forEach(d -> rows.add(new DeviceRow(d)));
                  }
                  if (selected.get() == null && !rows.isEmpty()) {
                    selected.set(rows.get(0).device());
                  }
                });
    if (!rows.isEmpty()) {
      selected.set(rows.get(0).device());
    }
  }

  /**
   * The table's rows.
   *
   * @return the rows
   */
  public ObservableList<DeviceRow> rows() {
    return rows;
  }

  /**
   * The device the other views show (the first one connected, until the user picks another).
   *
   * @return the property
   */
  public ObjectProperty<LiveDevice> selectedProperty() {
    return selected;
  }

  /**
   * What to tell the user about Bluetooth, e.g. "BlueZ not available: ...".
   *
   * @return the property
   */
  public ReadOnlyStringProperty bluetoothMessageProperty() {
    return bluetoothMessage.getReadOnlyProperty();
  }

  /**
   * Whether real devices can be scanned and connected.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty bluetoothAvailableProperty() {
    return bluetoothAvailable.getReadOnlyProperty();
  }

  /**
   * Re-reads every row's device.
   *
   * @param nowNanos the current {@link System#nanoTime()}
   */
  public void refresh(long nowNanos) {
    rows.forEach(r -> r.refresh(nowNanos));
  }
}
