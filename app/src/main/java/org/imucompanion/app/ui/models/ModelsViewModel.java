package org.imucompanion.app.ui.models;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.imucompanion.models.classifier.BundledModel;

/**
 * State of the Models view: the model in use, a loading flag, and the last refusal. Loading runs
 * on the background executor; results are published on the UI executor (the FX thread in the app,
 * a direct executor in tests). A refused model leaves the model in use unchanged.
 */
public final class ModelsViewModel {
  private final ModelLoader loader;
  private final Executor background;
  private final Executor ui;
  private final ReadOnlyObjectWrapper<ModelSummary> model = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No model loaded.");
  private final ReadOnlyObjectWrapper<ModelChoice> choice = new ReadOnlyObjectWrapper<>();

  /**
   * Creates the view model.
   *
   * @param loader loads and summarises models
   * @param background where loading runs
   * @param ui where results are published
   */
  public ModelsViewModel(ModelLoader loader, Executor background, Executor ui) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.background = Objects.requireNonNull(background, "background");
    this.ui = Objects.requireNonNull(ui, "ui");
  }

  /**
   * The model in use.
   *
   * @return the property (null until one loaded)
   */
  public ReadOnlyObjectProperty<ModelSummary> modelProperty() {
    return model.getReadOnlyProperty();
  }

  /**
   * The model in use, as other views open it again (Sessions re-runs it over a recording).
   *
   * @return the property (null until one loaded; a refused model leaves the previous one)
   */
  public ReadOnlyObjectProperty<ModelChoice> choiceProperty() {
    return choice.getReadOnlyProperty();
  }

  /**
   * Whether a model is being loaded.
   *
   * @return the property
   */
  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /**
   * One line saying what happened last: loaded, or refused and why.
   *
   * @return the property
   */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /**
   * Loads the shipped default model.
   *
   * @return completes when the result is published
   */
  public CompletableFuture<Void> loadDefault() {
    return load(Optional.empty());
  }

  /**
   * Loads a model file chosen by the user.
   *
   * @param file the {@code .onnx} file
   * @return completes when the result is published
   */
  public CompletableFuture<Void> loadFile(Path file) {
    return load(Optional.of(file));
  }

  /**
   * Loads one of the models shipped in the models jar.
   *
   * @param bundled which one
   * @return completes when the result is published
   */
  public CompletableFuture<Void> loadBundled(BundledModel bundled) {
    return load(bundled.title(), ModelChoice.bundled(bundled), () -> loader.loadBundled(bundled));
  }

  /** Loads and summarises; blocks. */
  @FunctionalInterface
  private interface Load {
    ModelSummary run() throws Exception;
  }

  private CompletableFuture<Void> load(Optional<Path> file) {
    return load(
        file.map(Path::toString).orElse("the default model"),
        file.map(ModelChoice::file).orElseGet(ModelChoice::shippedDefault),
        () -> loader.load(file));
  }

  private CompletableFuture<Void> load(String what, ModelChoice loaded, Load work) {
    loading.set(true);
    status.set("Loading " + what + "…");
    CompletableFuture<Void> published = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          try {
            ModelSummary summary = work.run();
            ui.execute(
                () -> {
                  model.set(summary);
                  choice.set(loaded);
                  loading.set(false);
                  status.set(
                      String.format(
                          Locale.ROOT,
                          "Loaded %s (%d classes, %.0f Hz, window %d).",
                          summary.source(),
                          summary.classes().size(),
                          summary.sampleRateHz(),
                          summary.windowLength()));
                  published.complete(null);
                });
          } catch (Exception | LinkageError e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            // A load's message names the file already ("FILE: what and why"): name it once.
            String refusal = reason.startsWith(what + ":") ? "Refused " + reason
                : "Refused " + what + ": " + reason;
            ui.execute(
                () -> {
                  loading.set(false);
                  status.set(refusal);
                  published.complete(null);
                });
          }
        },
        background);
    return published;
  }
}
