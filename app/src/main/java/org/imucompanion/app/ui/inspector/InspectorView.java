package org.imucompanion.app.ui.inspector;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.imucompanion.app.ui.OnScreenTimer;

/**
 * Builds the Inspector view: health line, pause, malformed-only and characteristic filters, and the
 * packet table (host time, device, characteristic, sequence, gap, length, hex, ASCII, decoded
 * fields) with malformed rows in red and rows after a sequence gap in amber, and charts of packet
 * rate vs nominal, loss and jitter over time. Refreshed once per frame while on screen.
 */
public final class InspectorView {
  private final VBox root = new VBox(8);

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   */
  public InspectorView(InspectorViewModel viewModel) {
    this(viewModel, CaptureChooser.fileDialogs());
  }

  /**
   * Builds the view with a given way of choosing capture files (tests answer without a dialog).
   *
   * @param viewModel the state to show
   * @param chooser asks which capture to open or where to save one
   */
  public InspectorView(InspectorViewModel viewModel, CaptureChooser chooser) {
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

    XYChart rateChart = trendChart("inspector-rate-chart", "Rate vs nominal", "packets/s");
    XYChart lossChart = trendChart("inspector-loss-chart", "Loss and jitter", "% / ms");
    HBox charts = new HBox(8, rateChart, lossChart);
    charts.setMaxHeight(200);
    pause.setMinWidth(Region.USE_PREF_SIZE);
    onlyBad.setMinWidth(Region.USE_PREF_SIZE);
    HBox.setHgrow(rateChart, Priority.ALWAYS);
    HBox.setHgrow(lossChart, Priority.ALWAYS);

    Button open = new Button("Open capture…");
    open.setId("inspector-open");
    open.setOnAction(
        e -> chooser.toOpen(root.getScene().getWindow()).ifPresent(viewModel::openCapture));
    Button replay = new Button("Replay capture…");
    replay.setId("inspector-replay");
    replay.setTooltip(
        new Tooltip(
            "Add a capture to the dashboard as a device, played at its recorded pace: Live plots"
                + " and labels it, Record can record it."));
    replay.setOnAction(
        e -> chooser.toOpen(root.getScene().getWindow()).ifPresent(viewModel::replayCapture));
    Button save = new Button("Save capture…");
    save.setId("inspector-save");
    save.setTooltip(
        new Tooltip(
            "Save the selected device's last 4,096 packets, as received, to a btsnoop file"
                + " (Wireshark, tshark, replay)."));
    save.disableProperty().bind(viewModel.deviceProperty().isNull());
    save.setOnAction(
        e -> chooser.toSave(root.getScene().getWindow()).ifPresent(viewModel::saveCapture));
    Button showDevice = new Button("Back to device");
    showDevice.setId("inspector-show-device");
    showDevice.visibleProperty().bind(viewModel.openedCaptureProperty().isNotNull());
    showDevice.managedProperty().bind(showDevice.visibleProperty());
    showDevice.setOnAction(e -> viewModel.showDevice());
    Label status = new Label();
    status.setId("inspector-status");
    status.setWrapText(true);
    status.textProperty().bind(viewModel.statusProperty());
    for (Region r : List.of(open, replay, save, showDevice)) {
      r.setMinWidth(Region.USE_PREF_SIZE);
    }
    HBox files = new HBox(8, open, replay, save, showDevice, status);
    files.setAlignment(Pos.CENTER_LEFT);

    root.getChildren()
        .addAll(
            title,
            health,
            files,
            new HBox(12, pause, onlyBad, characteristic, counts),
            table,
            charts);
    root.setId("inspector-view");
    long[] drawn = {-1};
    OnScreenTimer.attach(
        root,
        now -> {
          viewModel.refresh(System.nanoTime());
          HealthTrend trend = viewModel.healthTrend();
          if (trend.version() != drawn[0]) {
            drawn[0] = trend.version();
            double[] t = trend.seconds();
            // Fresh data sets swapped in, never written while attached: a chart-fx 11.3 data set
            // written on the FX thread can wait forever on the lock its renderer holds.
            rateChart
                .getRenderers()
                .get(0)
                .getDatasets()
                .setAll(
                    dataSet("packets/s", t, trend.packetRate()),
                    dataSet("nominal packets/s", t, trend.nominalRate()));
            lossChart
                .getRenderers()
                .get(0)
                .getDatasets()
                .setAll(
                    dataSet("lost %", t, trend.lostPercent()),
                    dataSet("jitter p99 ms", t, trend.jitterMillis()));
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

  private static DoubleDataSet dataSet(String name, double[] x, double[] y) {
    return new DoubleDataSet(name).set(x, y, x.length, true);
  }

  private static XYChart trendChart(String id, String title, String unit) {
    DefaultNumericAxis time = new DefaultNumericAxis("time", "s");
    time.setAutoRanging(true);
    DefaultNumericAxis value = new DefaultNumericAxis(unit);
    value.setAutoRanging(true);
    XYChart chart = new XYChart(time, value);
    chart.setId(id);
    chart.setTitle(title);
    chart.setAnimated(false);
    chart.setPrefHeight(200);
    chart.setMaxHeight(200);
    ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    renderer.setDrawMarker(false);
    renderer.setErrorStyle(ErrorStyle.NONE);
    chart.getRenderers().setAll(renderer);
    return chart;
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
