package org.imucompanion.app.ui.sessions;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XRangeIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/**
 * Builds the Sessions view: the store's sessions in a table, refresh and export buttons, and the
 * selected session's sets with label editing (relabel, incorrect form, split, merge), its plot (a
 * stream selector when it has several streams), and re-running the model loaded in the Models view
 * over the session to compare it with the labels.
 */
public final class SessionsView {
  private final VBox root = new VBox(8);

  /**
   * Builds the view; export asks for a directory with a {@link DirectoryChooser}.
   *
   * @param viewModel the state to show
   */
  public SessionsView(SessionsViewModel viewModel) {
    this(viewModel, owner -> Optional.ofNullable(new DirectoryChooser().showDialog(owner)).map(File::toPath));
  }

  /**
   * Builds the view with another way to choose the export directory (tests answer without a
   * native dialog, which headless Monocle can't show).
   *
   * @param viewModel the state to show
   * @param exportDirectory asks where exported CSV files go; empty if the user cancelled
   */
  public SessionsView(SessionsViewModel viewModel, Function<Window, Optional<Path>> exportDirectory) {
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
    table.setPrefHeight(150);
    table.setMinHeight(100);

    Button refresh = new Button("Refresh");
    refresh.setId("sessions-refresh");
    refresh.setOnAction(e -> viewModel.refresh());
    Button export = new Button("Export CSV…");
    export.setId("sessions-export");
    export.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    export.setOnAction(
        e -> {
          SessionRow row = table.getSelectionModel().getSelectedItem();
          if (row != null) {
            exportDirectory
                .apply(root.getScene().getWindow())
                .ifPresent(dir -> viewModel.export(row.id(), dir));
          }
        });
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (obs, old, row) -> {
              if (row != null) {
                viewModel.select(row.id());
              }
            });

    TableView<SetRow> sets = new TableView<>(viewModel.sets());
    sets.setId("sessions-sets");
    sets.getColumns().add(setColumn("Set", r -> Long.toString(r.segmentId()), 50));
    sets.getColumns().add(setColumn("Exercise", SetRow::exercise, 140));
    sets.getColumns().add(setColumn("Reps", SetRow::repsText, 60));
    sets.getColumns()
        .add(setColumn("Start", r -> String.format(Locale.ROOT, "%.1f s", r.startSeconds()), 80));
    sets.getColumns()
        .add(
            setColumn(
                "Duration", r -> String.format(Locale.ROOT, "%.1f s", r.durationSeconds()), 80));
    sets.getColumns().add(setColumn("Athlete", SetRow::athlete, 120));
    sets.getColumns().add(setColumn("Form", r -> r.incorrectForm() ? "incorrect" : "", 80));
    sets.getColumns().add(setColumn("Label", r -> r.edited() ? "edited" : "as recorded", 100));
    sets.setPlaceholder(new Label("Select a session to see its sets."));
    sets.setPrefHeight(150);
    sets.setMinHeight(100);

    TextField exercise = new TextField();
    exercise.setId("sessions-exercise");
    exercise.setPromptText("exercise");
    exercise.setPrefColumnCount(10);
    Button relabel = new Button("Relabel");
    relabel.setId("sessions-relabel");
    Button form = new Button("Toggle incorrect form");
    form.setId("sessions-form");
    TextField splitAt = new TextField();
    splitAt.setId("sessions-split-at");
    splitAt.setPromptText("s into set");
    splitAt.setPrefColumnCount(6);
    Button split = new Button("Split");
    split.setId("sessions-split");
    Button merge = new Button("Merge with next");
    merge.setId("sessions-merge");
    for (Button b : List.of(relabel, form, split, merge)) {
      b.disableProperty().bind(sets.getSelectionModel().selectedItemProperty().isNull());
    }
    relabel.setOnAction(
        e -> {
          SetRow set = sets.getSelectionModel().getSelectedItem();
          if (set != null && !exercise.getText().isBlank()) {
            viewModel.relabel(set.segmentId(), exercise.getText());
          }
        });
    form.setOnAction(
        e -> {
          SetRow set = sets.getSelectionModel().getSelectedItem();
          if (set != null) {
            viewModel.markIncorrectForm(set.segmentId(), !set.incorrectForm());
          }
        });
    split.setOnAction(
        e -> {
          SetRow set = sets.getSelectionModel().getSelectedItem();
          if (set != null) {
            try {
              viewModel.split(set.segmentId(), Double.parseDouble(splitAt.getText().strip()));
            } catch (NumberFormatException notANumber) {
              splitAt.setText("");
              splitAt.setPromptText("seconds, e.g. 4.5");
            }
          }
        });
    merge.setOnAction(
        e -> {
          SetRow set = sets.getSelectionModel().getSelectedItem();
          if (set != null) {
            viewModel.mergeWithNext(set.segmentId());
          }
        });

    Button compare = new Button();
    compare
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> "Re-run " + viewModel.modelProperty().get().name() + " and compare",
                viewModel.modelProperty()));
    compare.setId("sessions-compare");
    compare
        .disableProperty()
        .bind(
            table
                .getSelectionModel()
                .selectedItemProperty()
                .isNull()
                .or(viewModel.comparingProperty()));
    compare.setOnAction(
        e -> {
          SessionRow row = table.getSelectionModel().getSelectedItem();
          if (row != null) {
            viewModel.compareWithModel(row.id());
          }
        });
    ProgressBar progress = new ProgressBar();
    progress.setId("sessions-compare-progress");
    progress.progressProperty().bind(viewModel.comparisonProgressProperty());
    progress.visibleProperty().bind(viewModel.comparingProperty());
    TextArea report = new TextArea();
    report.setId("sessions-comparison");
    report.setEditable(false);
    report.setStyle("-fx-font-family: monospace;");
    report.setPrefRowCount(6);
    report.setMinHeight(60);
    report.textProperty().bind(viewModel.comparisonProperty());

    XYChart chart = plotChart();
    viewModel.plotProperty().addListener((obs, old, drawn) -> draw(chart, drawn));
    // Which stream to plot, when a session recorded several devices (or a Myo's IMU and EMG).
    ComboBox<String> stream = new ComboBox<>(viewModel.streams());
    stream.setId("sessions-stream");
    stream.setPromptText("stream");
    stream.visibleProperty().bind(Bindings.size(viewModel.streams()).greaterThan(1));
    stream.managedProperty().bind(stream.visibleProperty());
    viewModel
        .plottedStreamProperty()
        .addListener((obs, old, index) -> stream.getSelectionModel().select(index.intValue()));
    viewModel
        .streams()
        .addListener(
            (javafx.collections.ListChangeListener<String>)
                change -> stream.getSelectionModel().select(viewModel.plottedStreamProperty().get()));
    stream.setOnAction(
        e -> {
          int index = stream.getSelectionModel().getSelectedIndex();
          if (index >= 0 && index != viewModel.plottedStreamProperty().get()) {
            viewModel.plotStream(index);
          }
        });

    Label setsTitle = new Label("Sets of the selected session");
    root.getChildren()
        .addAll(
            title,
            status,
            table,
            new HBox(8, refresh, export),
            setsTitle,
            sets,
            new HBox(8, exercise, relabel, form, splitAt, split, merge),
            stream,
            chart,
            new HBox(8, compare, progress),
            report);
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

  private static XYChart plotChart() {
    DefaultNumericAxis time = new DefaultNumericAxis("time", "s");
    time.setAutoRanging(true);
    DefaultNumericAxis value = new DefaultNumericAxis("value");
    value.setAutoRanging(true);
    XYChart chart = new XYChart(time, value);
    chart.setId("sessions-plot");
    chart.setAnimated(false);
    chart.setTitle("Selected session");
    chart.setPrefHeight(260);
    VBox.setVgrow(chart, Priority.ALWAYS);
    ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
    renderer.setDrawMarker(false);
    renderer.setErrorStyle(ErrorStyle.NONE);
    chart.getRenderers().setAll(renderer);
    return chart;
  }

  /** Replaces the plotted channels and the label bands (FX thread: the view model publishes there). */
  private static void draw(XYChart chart, SessionPlot drawn) {
    List<DoubleDataSet> channels = new ArrayList<>();
    for (int c = 0; c < drawn.channels().size(); c++) {
      channels.add(
          new DoubleDataSet(drawn.channels().get(c))
              .set(drawn.seconds(), drawn.values()[c], drawn.seconds().length, true));
    }
    chart.getRenderers().get(0).getDatasets().setAll(channels);
    chart.getPlugins().removeIf(p -> p instanceof XRangeIndicator);
    for (SessionPlot.Band band : drawn.bands()) {
      chart
          .getPlugins()
          .add(
              new XRangeIndicator(
                  chart.getXAxis(), band.startSeconds(), band.endSeconds(), band.label()));
    }
    chart.setTitle(drawn.stream().isEmpty() ? "Selected session (no samples)" : "Stream " + drawn.stream());
  }

  private static TableColumn<SetRow, String> setColumn(
      String heading, Function<SetRow, String> value, double width) {
    TableColumn<SetRow, String> column = new TableColumn<>(heading);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }

  private static TableColumn<SessionRow, String> column(
      String heading, Function<SessionRow, String> value, double width) {
    TableColumn<SessionRow, String> column = new TableColumn<>(heading);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setPrefWidth(width);
    return column;
  }
}
