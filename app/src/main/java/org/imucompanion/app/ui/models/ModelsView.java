package org.imucompanion.app.ui.models;

import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Builds the Models view: the contract of the model in use and a button to load another. */
public final class ModelsView {
  private final VBox root = new VBox(10);

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   */
  public ModelsView(ModelsViewModel viewModel) {
    Label title = new Label("Models");
    title.getStyleClass().add("view-title");
    Label status = new Label();
    status.setId("models-status");
    status.setWrapText(true);
    status.textProperty().bind(viewModel.statusProperty());

    GridPane contract = new GridPane();
    contract.setId("models-contract");
    contract.setHgap(12);
    contract.setVgap(4);
    contract.setPadding(new Insets(8, 0, 8, 0));
    String[] rows = {"File", "SHA-256", "Version", "Classes", "Rate", "Window / hop", "Channels", "Trained on"};
    for (int i = 0; i < rows.length; i++) {
      Label name = new Label(rows[i]);
      name.setStyle("-fx-font-weight: bold;");
      Label value = new Label();
      value.setWrapText(true);
      value.setMaxWidth(760);
      int row = i;
      value
          .textProperty()
          .bind(
              Bindings.createStringBinding(
                  () -> viewModel.modelProperty().get() == null ? "—" : field(viewModel.modelProperty().get(), row),
                  viewModel.modelProperty()));
      GridPane.setValignment(name, VPos.TOP);
      contract.addRow(i, name, value);
    }

    Button load = new Button("Load .onnx file…");
    load.setId("models-load");
    load.disableProperty().bind(viewModel.loadingProperty());
    load.setOnAction(
        e -> {
          FileChooser chooser = new FileChooser();
          chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
          File file = chooser.showOpenDialog(root.getScene().getWindow());
          if (file != null) {
            viewModel.loadFile(file.toPath());
          }
        });
    Button reset = new Button("Use the default model");
    reset.disableProperty().bind(viewModel.loadingProperty());
    reset.setOnAction(e -> viewModel.loadDefault());
    root.getChildren().addAll(title, status, contract, new HBox(8, load, reset));
    root.setId("models-view");
  }

  /**
   * Returns the view's root node.
   *
   * @return the root
   */
  public VBox root() {
    return root;
  }

  private static String field(ModelSummary m, int row) {
    return switch (row) {
      case 0 -> m.source();
      case 1 -> m.sha256();
      case 2 -> m.modelVersion();
      case 3 -> String.join(", ", m.classes());
      case 4 -> String.format(Locale.ROOT, "%.1f Hz", m.sampleRateHz());
      case 5 -> String.format(
          Locale.ROOT,
          "%d samples (%.1f s) / %d samples",
          m.windowLength(),
          m.windowLength() / m.sampleRateHz(),
          m.hop());
      case 6 -> String.join(", ", m.channels());
      default -> m.trainingData();
    };
  }
}
