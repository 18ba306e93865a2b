package org.imucompanion.app.ui;

import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.imucompanion.app.ui.devices.DevicesView;
import org.imucompanion.app.ui.inspector.InspectorView;
import org.imucompanion.app.ui.live.LiveView;
import org.imucompanion.app.ui.models.ModelsView;
import org.imucompanion.app.ui.record.RecordView;
import org.imucompanion.app.ui.sessions.SessionsView;

/**
 * Builds the main window's content: navigation on the left, the current view in the centre. The
 * views are built once and stay in the scene; only the current one is visible and managed, so
 * each keeps its state while hidden, and a hidden view's per-frame timer stops ({@link
 * OnScreenTimer}). Keeping charts in the scene also keeps ChartFX's per-pulse data-set locking
 * balanced (it locks before layout and unlocks after, per scene).
 */
public final class MainWindow {
  private final MainWindowViewModel viewModel;
  private final BorderPane root = new BorderPane();
  private final StackPane content = new StackPane();
  private final Map<ViewId, Node> views = new EnumMap<>(ViewId.class);
  private final LiveView liveView;

  /**
   * Builds the window content.
   *
   * @param viewModel the state to show
   */
  public MainWindow(MainWindowViewModel viewModel) {
    this.viewModel = viewModel;
    liveView = new LiveView(viewModel.live());
    views.put(ViewId.DEVICES, new DevicesView(viewModel.devices()).root());
    views.put(ViewId.LIVE, liveView.root());
    views.put(
        ViewId.RECORD,
        new RecordView(viewModel.record(), viewModel.live().exerciseProperty()).root());
    views.put(ViewId.INSPECTOR, new InspectorView(viewModel.inspector()).root());
    views.put(ViewId.SESSIONS, new SessionsView(viewModel.sessions()).root());
    views.put(ViewId.MODELS, new ModelsView(viewModel.models()).root());
    content.setPadding(new Insets(12));
    content.getChildren().addAll(views.values());

    root.setLeft(navigation());
    root.setCenter(content);
    root.setId("main-window");
    root.getStylesheets()
        .add(MainWindow.class.getResource("dashboard.css").toExternalForm());
    show(viewModel.currentViewProperty().get());
    viewModel.currentViewProperty().addListener((obs, old, now) -> show(now));
  }

  /**
   * Returns the window's root node.
   *
   * @return the root
   */
  public Parent root() {
    return root;
  }

  /**
   * Returns a view's root node (built once, whether shown or not).
   *
   * @param id which view
   * @return its root
   */
  public Node view(ViewId id) {
    return views.get(id);
  }

  /**
   * Returns the Live view, for tests that check what it plots.
   *
   * @return the live view
   */
  public LiveView liveView() {
    return liveView;
  }

  private VBox navigation() {
    VBox nav = new VBox(4);
    nav.setPadding(new Insets(12));
    nav.setId("navigation");
    nav.setStyle("-fx-background-color: #eef1f5;");
    Label product = new Label("IMU Companion");
    product.setStyle("-fx-font-weight: bold; -fx-font-size: 14px;");
    nav.getChildren().add(product);
    ToggleGroup group = new ToggleGroup();
    for (ViewId id : ViewId.values()) {
      ToggleButton button = new ToggleButton(id.title());
      button.setId(id.navigationId());
      button.setToggleGroup(group);
      button.setMaxWidth(Double.MAX_VALUE);
      button.setSelected(id == viewModel.currentViewProperty().get());
      button.setOnAction(
          e -> {
            viewModel.currentViewProperty().set(id);
            button.setSelected(true); // a toggle group would otherwise let it be unselected
          });
      viewModel.currentViewProperty().addListener((obs, old, now) -> button.setSelected(now == id));
      nav.getChildren().add(button);
    }
    return nav;
  }

  private void show(ViewId shown) {
    views.forEach(
        (id, view) -> {
          view.setVisible(id == shown);
          view.setManaged(id == shown);
        });
  }
}
