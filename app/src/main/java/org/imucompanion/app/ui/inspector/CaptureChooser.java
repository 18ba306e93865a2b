package org.imucompanion.app.ui.inspector;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user which capture file to open or where to save one. The app uses the platform's file
 * dialogs; headless tests answer with a file of their own, so the buttons are still clicked.
 */
public interface CaptureChooser {

  /**
   * Asks for a capture to open.
   *
   * @param owner the window the dialog belongs to
   * @return the file, or empty if the user cancelled
   */
  Optional<Path> toOpen(Window owner);

  /**
   * Asks where to save a capture.
   *
   * @param owner the window the dialog belongs to
   * @return the file, or empty if the user cancelled
   */
  Optional<Path> toSave(Window owner);

  /**
   * The platform's file dialogs, filtered to btsnoop captures.
   *
   * @return the chooser
   */
  static CaptureChooser fileDialogs() {
    return new CaptureChooser() {
      @Override
      public Optional<Path> toOpen(Window owner) {
        return Optional.ofNullable(dialog("Open capture").showOpenDialog(owner)).map(File::toPath);
      }

      @Override
      public Optional<Path> toSave(Window owner) {
        FileChooser chooser = dialog("Save capture");
        chooser.setInitialFileName("inspector.btsnoop");
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
      }
    };
  }

  private static FileChooser dialog(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("btsnoop captures", "*.btsnoop", "*.log", "*.cfa"),
            new FileChooser.ExtensionFilter("All files", "*"));
    return chooser;
  }
}
