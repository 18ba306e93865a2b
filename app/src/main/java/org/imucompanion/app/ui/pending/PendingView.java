package org.imucompanion.app.ui.pending;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Builds a view that says what it will do and what it is waiting for. */
public final class PendingView {
  private final VBox root = new VBox(12);

  /**
   * Builds the view.
   *
   * @param title the view's name
   * @param purpose what the view is for, in one sentence
   * @param missing what has to land before it works
   */
  public PendingView(String title, String purpose, String missing) {
    Label heading = new Label(title);
    heading.getStyleClass().add("view-title");
    Label what = new Label(purpose);
    what.setWrapText(true);
    Label notYet = new Label("Not available yet: " + missing);
    notYet.setId("pending-reason");
    notYet.setWrapText(true);
    notYet.setStyle("-fx-text-fill: #8a5a00; -fx-font-weight: bold;");
    root.getChildren().addAll(heading, what, notYet);
  }

  /**
   * Returns the view's root node.
   *
   * @return the root
   */
  public VBox root() {
    return root;
  }
}
