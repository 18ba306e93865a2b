package org.imucompanion.app.ui.devices;

import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import org.imucompanion.app.ui.OnScreenTimer;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.profile.DeviceKind;

/**
 * Builds the Devices view: the Bluetooth status line, a table of devices with their state and
 * health, and (when BlueZ is there) scanning and one-click connecting. Figures are refreshed four times a second while the view is on screen.
 */
public final class DevicesView {
  private static final long REFRESH_NANOS = 250_000_000L;

  private final VBox root = new VBox(8);
  private final TableView<DeviceRow> table = new TableView<>();

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   */
  public DevicesView(DevicesViewModel viewModel) {
    Label title = new Label("Devices");
    title.getStyleClass().add("view-title");
    Label bluetooth = new Label();
    bluetooth.setId("bluetooth-status");
    bluetooth.setWrapText(true);
    bluetooth.textProperty().bind(viewModel.bluetoothMessageProperty());
    bluetooth
        .styleProperty()
        .bind(
            viewModel
                .bluetoothAvailableProperty()
                .map(ok -> ok ? "" : "-fx-text-fill: #b00020; -fx-font-weight: bold;"));

    table.setId("devices-table");
    table.setItems(viewModel.rows());
    table.getColumns().add(column("Device", DeviceRow::nameProperty, 180));
    table.getColumns().add(column("Kind", DeviceRow::kindProperty, 140));
    table.getColumns().add(column("Athlete", DeviceRow::athleteProperty, 120));
    table.getColumns().add(column("State", DeviceRow::stateProperty, 160));
    table.getColumns().add(column("RSSI", DeviceRow::rssiProperty, 80));
    table.getColumns().add(column("Battery", DeviceRow::batteryProperty, 70));
    table.getColumns().add(column("Firmware", DeviceRow::firmwareProperty, 130));
    table.getColumns().add(column("Stream health", DeviceRow::healthProperty, 260));
    table.setPlaceholder(new Label("No devices. Virtual devices start with the dashboard."));
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, row) -> {
              if (row != null) {
                viewModel.selectedProperty().set(row.device());
              }
            });
    VBox.setVgrow(table, Priority.ALWAYS);

    Button scan = new Button("Scan for devices");
    scan.setId("devices-scan");
    scan.disableProperty()
        .bind(viewModel.bluetoothAvailableProperty().not().or(viewModel.scanningProperty()));
    scan.setOnAction(e -> viewModel.scan(5));
    ListView<DiscoveredDevice> found = new ListView<>(viewModel.found());
    found.setId("devices-found");
    found.setPrefHeight(110);
    found.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(DiscoveredDevice d, boolean empty) {
                super.updateItem(d, empty);
                setText(
                    empty || d == null
                        ? null
                        : d.address()
                            + "  "
                            + d.name().orElse("(no name)")
                            + "  "
                            + DeviceKind.fromAdvertisement(d).map(DeviceKind::id).orElse("?")
                            + (d.rssi().isPresent() ? "  " + d.rssi().getAsInt() + " dBm" : ""));
              }
            });
    Button connect = new Button("Connect");
    connect.setId("devices-connect");
    connect.disableProperty().bind(found.getSelectionModel().selectedItemProperty().isNull());
    connect.setOnAction(e -> viewModel.connect(found.getSelectionModel().getSelectedItem()));
    Label scanStatus = new Label();
    scanStatus.setId("devices-scan-status");
    scanStatus.textProperty().bind(viewModel.scanStatusProperty());
    // Scanning takes seconds: show that it is under way, not only a disabled button.
    ProgressIndicator scanning = new ProgressIndicator();
    scanning.setId("devices-scanning");
    scanning.setPrefSize(18, 18);
    scanning.visibleProperty().bind(viewModel.scanningProperty());
    scanning.managedProperty().bind(viewModel.scanningProperty());
    ChoiceBox<VirtualDeviceChoice> virtualKind =
        new ChoiceBox<>(FXCollections.observableArrayList(VirtualDeviceChoice.values()));
    virtualKind.setId("devices-virtual-kind");
    virtualKind.setValue(VirtualDeviceChoice.WRISTBAND);
    Button addVirtual = new Button("Add virtual device");
    addVirtual.setId("devices-add-virtual");
    addVirtual.setOnAction(e -> viewModel.addVirtual(virtualKind.getValue()));
    Button disconnect = new Button("Disconnect");
    disconnect.setId("devices-disconnect");
    disconnect.disableProperty().bind(viewModel.selectedProperty().isNull());
    disconnect.setOnAction(e -> viewModel.disconnect(viewModel.selectedProperty().get()));
    TextField athlete = new TextField();
    athlete.setId("devices-athlete");
    athlete.setPromptText("Athlete wearing the selected device");
    athlete.disableProperty().bind(viewModel.selectedProperty().isNull());
    Button nameAthlete = new Button("Name athlete");
    nameAthlete.setId("devices-name-athlete");
    nameAthlete.disableProperty().bind(viewModel.selectedProperty().isNull());
    Runnable applyName =
        () -> viewModel.nameAthlete(viewModel.selectedProperty().get(), athlete.getText());
    nameAthlete.setOnAction(e -> applyName.run());
    athlete.setOnAction(e -> applyName.run());
    viewModel
        .selectedProperty()
        .addListener((obs, old, now) -> athlete.setText(now == null ? "" : now.athlete()));
    if (viewModel.selectedProperty().get() != null) {
      athlete.setText(viewModel.selectedProperty().get().athlete());
    }
    HBox deviceActions =
        new HBox(8, virtualKind, addVirtual, disconnect, athlete, nameAthlete);
    root.getChildren()
        .addAll(
            title,
            bluetooth,
            table,
            deviceActions,
            new HBox(8, scan, connect, scanning, scanStatus),
            found);
    root.setId("devices-view");

    long[] last = {0};
    OnScreenTimer.attach(
        root,
        now -> {
          if (now - last[0] >= REFRESH_NANOS) {
            last[0] = now;
            viewModel.refresh(System.nanoTime());
          }
        });
  }

  /**
   * Returns the view's root node.
   *
   * @return the root
   */
  public VBox root() {
    return root;
  }

  private static TableColumn<DeviceRow, String> column(
      String heading,
      java.util.function.Function<DeviceRow, ObservableValue<String>> property,
      double width) {
    TableColumn<DeviceRow, String> column = new TableColumn<>(heading);
    Callback<TableColumn.CellDataFeatures<DeviceRow, String>, ObservableValue<String>> factory =
        cell -> property.apply(cell.getValue());
    column.setCellValueFactory(factory);
    column.setPrefWidth(width);
    return column;
  }
}
