package org.imucompanion.app.ui.record;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Builds the Record view: athlete and exercise, session and set buttons, the model's live label
 * beside the athlete's own, a status line, and a banner when the store stopped a recording (disk
 * full, damaged). Digits 1–9 pick the exercise while the view has
 * the keyboard focus (and no text field is being edited).
 */
public final class RecordView {
  private final VBox root = new VBox(10);

  /**
   * Builds the view.
   *
   * @param viewModel the state to show
   * @param liveLabel the model's current label for the same device (from the Live view model)
   */
  public RecordView(RecordViewModel viewModel, ObservableValue<String> liveLabel) {
    Label title = new Label("Record");
    title.getStyleClass().add("view-title");

    TextField athlete = new TextField();
    athlete.setId("record-athlete");
    athlete.setPromptText("athlete's name");
    athlete.textProperty().bindBidirectional(viewModel.athleteProperty());
    athlete.disableProperty().bind(viewModel.sessionOpenProperty());

    ComboBox<String> exercise = new ComboBox<>();
    exercise.setId("record-exercise");
    exercise.getItems().setAll(RecordViewModel.EXERCISES);
    exercise.valueProperty().bindBidirectional(viewModel.exerciseProperty());
    exercise.disableProperty().bind(viewModel.setRunningProperty());

    Label model = new Label();
    model.setId("record-live-label");
    model.setStyle("-fx-font-size: 16px;");
    model.textProperty().bind(liveLabel.map(l -> "Model says: " + l));

    GridPane fields = new GridPane();
    fields.setHgap(10);
    fields.setVgap(6);
    fields.addRow(0, new Label("Athlete"), athlete);
    fields.addRow(1, new Label("Exercise (1–9)"), exercise, model);

    Button session = new Button();
    session.setId("record-session");
    session.textProperty().bind(viewModel.sessionOpenProperty().map(open -> open ? "End session" : "Start session"));
    session.setOnAction(
        e -> {
          if (viewModel.sessionOpenProperty().get()) {
            viewModel.endSession();
          } else {
            viewModel.startSession();
          }
        });
    Button set = new Button();
    set.setId("record-set");
    set.textProperty().bind(viewModel.setRunningProperty().map(running -> running ? "Stop set" : "Start set"));
    set.disableProperty().bind(viewModel.sessionOpenProperty().not());
    set.setOnAction(e -> viewModel.toggleSet());

    CheckBox form = new CheckBox("Incorrect form (F)");
    form.setId("record-incorrect-form");
    form.selectedProperty().bindBidirectional(viewModel.incorrectFormProperty());
    form.disableProperty().bind(viewModel.setRunningProperty().not());

    Label status = new Label();
    status.setId("record-status");
    status.setWrapText(true);
    status.textProperty().bind(viewModel.statusProperty());

    // The store stopping a recording (disk full ...) must be seen, not scroll by in the status.
    Label storeProblem = new Label();
    storeProblem.setId("record-store-problem");
    storeProblem.setWrapText(true);
    storeProblem.setStyle(
        "-fx-background-color: #fdecea; -fx-text-fill: #8a1c13; -fx-border-color: #d93025;"
            + " -fx-padding: 8; -fx-font-weight: bold;");
    storeProblem.textProperty().bind(viewModel.storeProblemProperty());
    storeProblem.visibleProperty().bind(viewModel.storeProblemProperty().isNotEmpty());
    storeProblem.managedProperty().bind(storeProblem.visibleProperty());

    root.getChildren().addAll(title, storeProblem, fields, new HBox(8, session, set, form), status);
    root.setId("record-view");
    root.addEventFilter(
        KeyEvent.KEY_TYPED,
        e -> {
          String c = e.getCharacter();
          if (!(e.getTarget() instanceof TextField) && c.length() == 1 && c.charAt(0) >= '1' && c.charAt(0) <= '9') {
            viewModel.pickExercise(c.charAt(0) - '0');
            e.consume();
          } else if (!(e.getTarget() instanceof TextField)
              && c.equalsIgnoreCase("f")
              && viewModel.setRunningProperty().get()) {
            viewModel.incorrectFormProperty().set(!viewModel.incorrectFormProperty().get());
            e.consume();
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
}
