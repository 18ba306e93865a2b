package org.imucompanion.app.ui.sessions;

import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** Builds the Sessions view: the store's sessions in a table, refresh and export buttons. */
public final class SessionsView {
  private final VBox root = new VBox(8);

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   */
  public SessionsView(SessionsViewModel viewModel) {
    Label title = new Label("Sessions");
    title.getStyleClass().add("view-title");
    Label status = new Label();
    status.setId("sessions-status");
    status.setWrapText(true);
    status.textProperty().bind(viewModel.statusProperty());

    TableView<SessionRow> table = new TableView<>(viewModel.rows());
    table.setId("sessions-table");
    table.getColumns().add(column("#", r -> Long.toString(r.id()), 50));
    table.getColumns().add(column("Athlete", SessionRow::athlete, 140));
    table.getColumns().add(column("Started", SessionRow::started, 160));
    table.getColumns().add(column("Device", SessionRow::device, 120));
    table.getColumns().add(column("State", SessionRow::state, 100));
    table.getColumns().add(column("Notes", SessionRow::notes, 300));
    table.setPlaceholder(new Label("No sessions. Record one (Record view or `imu-companion record`)."));
    VBox.setVgrow(table, Priority.ALWAYS);

    Button refresh = new Button("Refresh");
    refresh.setId("sessions-refresh");
    refresh.setOnAction(e -> viewModel.refresh());
    Button export = new Button("Export CSV…");
    export.setId("sessions-export");
    export.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    export.setOnAction(
        e -> {
          SessionRow row = table.getSelectionModel().getSelectedItem();
          File dir = new DirectoryChooser().showDialog(root.getScene().getWindow());
          if (row != null && dir != null) {
            viewModel.export(row.id(), dir.toPath());
          }
        });
    root.getChildren().addAll(title, status, table, new HBox(8, refresh, export));
    root.setId("sessions-view");
  }

  /**
   * Returns the view's root node.
   *
   * @return the root
   */
  public VBox root() {
    return root;
  }

  private static TableColumn<SessionRow, String> column(
      String heading, Function<SessionRow, String> value, double width) {
    TableColumn<SessionRow, String> column = new TableColumn<>(heading);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
