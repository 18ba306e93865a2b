package org.imucompanion.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import org.imucompanion.app.ui.models.ModelSummary;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.app.ui.sessions.SessionsViewModel;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.models.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The main window's wiring: the model loaded in the Models view is the one Sessions re-runs. */
@ExtendWith(ApplicationExtension.class)
class ModelsToSessionsIT {

  @Test
  void aModelLoadedInModelsIsTheOneSessionsReRuns() throws Exception {
    ModelSummary summary =
        new ModelSummary("mine.onnx", "00", "1", List.of("Rest"), 50, 40, 10, List.of("accel_x"), "");
    ModelsViewModel models = new ModelsViewModel(file -> summary, Runnable::run, Runnable::run);
    SessionsViewModel sessions =
        new SessionsViewModel(
            () -> SessionStore.open(Path.of("unused.db")), () -> "unused", Runnable::run, Platform::runLater);
    try (Workspace workspace = new Workspace(BluetoothStatus.unavailable("no bus"))) {
      WaitForAsyncUtils.asyncFx(() -> new MainWindowViewModel(workspace, models, sessions)).get();
      assertThat(sessions.modelProperty().get().name()).isEqualTo("the default model");

      WaitForAsyncUtils.asyncFx(() -> models.loadFile(Path.of("/models/mine.onnx"))).get().join();

      assertThat(sessions.modelProperty().get().name()).isEqualTo("mine.onnx");
    }
  }
}
