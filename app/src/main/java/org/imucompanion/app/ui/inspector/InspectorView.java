package org.imucompanion.app.ui.inspector;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.imucompanion.app.ui.OnScreenTimer;

/**
 * Builds the Inspector view: health line, pause, malformed-only and characteristic filters, and the
 * packet table (host time, device, characteristic, sequence, gap, length, hex, ASCII, decoded
 * fields) with malformed rows in red and rows after a sequence gap in amber. Refreshed once per frame while on screen.
 */
public final class InspectorView {
  private final VBox root = new VBox(8);

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   */
  public InspectorView(InspectorViewModel viewModel) {
    Label title = new Label("Inspector");
    title.getStyleClass().add("view-title");
    Label health = new Label();
    health.setId("inspector-health");
    health.textProperty().bind(viewModel.healthProperty());
    Label counts = new Label();
    counts.setId("inspector-counts");
    counts
        .textProperty()
        .bind(
            viewModel
                .malformedProperty()
                .asString("%d malformed")
                .concat(viewModel.irregularProperty().asString(" · %d after a sequence gap"))
                .concat(viewModel.missedProperty().asString(" · %d not shown (overwritten while paused)")));

    ToggleButton pause = new ToggleButton("Pause");
    pause.setId("inspector-pause");
    pause.selectedProperty().bindBidirectional(viewModel.pausedProperty());
    CheckBox onlyBad = new CheckBox("Malformed only");
    onlyBad.selectedProperty().bindBidirectional(viewModel.malformedOnlyProperty());
    onlyBad.setId("inspector-malformed-only");
    TextField characteristic = new TextField();
    characteristic.setId("inspector-characteristic");
    characteristic.setPromptText("characteristic UUID contains…");
    characteristic.setPrefColumnCount(16);
    characteristic.textProperty().bindBidirectional(viewModel.characteristicFilterProperty());

    TableView<PacketRow> table = new TableView<>(viewModel.rows());
    table.setId("inspector-table");
    table.getColumns().add(column("ms", PacketRow::hostMillis, 80));
    table.getColumns().add(column("device", PacketRow::device, 130));
    table.getColumns().add(column("char.", PacketRow::characteristic, 75));
    table.getColumns().add(column("seq", PacketRow::sequence, 55));
    table.getColumns().add(column("gap", PacketRow::sequenceNote, 90));
    table.getColumns().add(column("len", r -> Integer.toString(r.length()), 40));
    table.getColumns().add(column("hex", PacketRow::hex, 300));
    table.getColumns().add(column("ascii", PacketRow::ascii, 120));
    table.getColumns().add(column("decoded", PacketRow::decoded, 420));
    table.setRowFactory(
        t ->
            new TableRow<>() {
              @Override
              protected void updateItem(PacketRow row, boolean empty) {
                super.updateItem(row, empty);
                String style = "";
                if (!empty && row != null && row.malformed()) {
                  style = "-fx-background-color: #ffd6d6;";
                } else if (!empty && row != null && row.irregular()) {
                  style = "-fx-background-color: #fff0c2;";
                }
                setStyle(style);
              }
            });
    table.setPlaceholder(new Label("No packets yet."));
    VBox.setVgrow(table, Priority.ALWAYS);

    root.getChildren().addAll(title, health, new HBox(12, pause, onlyBad, characteristic, counts), table);
    root.setId("inspector-view");
    OnScreenTimer.attach(root, now -> viewModel.refresh(System.nanoTime()));
  }

  /**
   * Returns the view's root node.
   *
   * @return the root
   */
  public VBox root() {
    return root;
  }

  private static TableColumn<PacketRow, String> column(
      String heading, Function<PacketRow, String> value, double width) {
    TableColumn<PacketRow, String> column = new TableColumn<>(heading);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    column.setSortable(false);
    return column;
  }
}
