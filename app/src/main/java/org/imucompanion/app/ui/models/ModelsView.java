package org.imucompanion.app.ui.models;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.imucompanion.models.classifier.BundledModel;

/**
 * Builds the Models view: the contract of the model in use, its SHA-256 and model card figures,
 * and a button to load another.
 */
public final class ModelsView {
  private final VBox root = new VBox(10);

  /**
   * Builds the view; loading asks for a file with a {@link FileChooser}.
   *
   * @param viewModel the state to show
   */
  public ModelsView(ModelsViewModel viewModel) {
    this(viewModel, ModelsView::chooseOnnxFile);
  }

  /**
   * Builds the view with another way to choose the model file (tests answer without a native
   * dialog, which headless Monocle can't show).
   *
   * @param viewModel the state to show
   * @param modelFile asks which {@code .onnx} file to load; empty if the user cancelled
   */
  public ModelsView(ModelsViewModel viewModel, Function<Window, Optional<Path>> modelFile) {
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
    String[] rows = {
      "File", "SHA-256", "Version", "Classes", "Rate", "Window / hop", "Channels", "Trained on",
      "Model card"
    };
    for (int i = 0; i < rows.length; i++) {
      Label name = new Label(rows[i]);
      name.setStyle("-fx-font-weight: bold;");
      Label value = new Label();
      value.setId("models-field-" + i);
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
        e -> modelFile.apply(root.getScene().getWindow()).ifPresent(viewModel::loadFile));
    Button reset = new Button("Use the default model");
    reset.setId("models-default");
    reset.disableProperty().bind(viewModel.loadingProperty());
    reset.setOnAction(e -> viewModel.loadDefault());
    ComboBox<BundledModel> bundled =
        new ComboBox<>(FXCollections.observableArrayList(BundledModel.values()));
    bundled.setId("models-bundled");
    bundled.getSelectionModel().selectFirst();
    bundled.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(BundledModel m) {
            return m == null ? "" : m.title();
          }

          @Override
          public BundledModel fromString(String text) {
            return null;
          }
        });
    Button useBundled = new Button("Load bundled model");
    useBundled.setId("models-load-bundled");
    useBundled.disableProperty().bind(viewModel.loadingProperty());
    useBundled.setOnAction(
        e -> {
          BundledModel m = bundled.getValue();
          if (m != null) {
            viewModel.loadBundled(m);
          }
        });
    root.getChildren()
        .addAll(
            title,
            status,
            contract,
            new HBox(8, load, reset),
            new HBox(8, new Label("Shipped with the app:"), bundled, useBundled));
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

  private static Optional<Path> chooseOnnxFile(Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
    return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
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
      case 7 -> m.trainingData();
      default -> ModelCard.figuresFor(m.sha256())
          .orElse("No model card figures: not a bundled model (its SHA-256 is not one we measured).");
    };
  }
}
