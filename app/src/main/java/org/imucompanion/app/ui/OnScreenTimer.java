package org.imucompanion.app.ui;

import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Runs a per-frame action only while a node is visible in a showing window.
 *
 * <p>Besides saving work, this matters for ChartFX: a chart read-locks its data sets between the
 * pre- and post-layout phases of a pulse of its own scene. A chart whose window is gone (or that
 * is not laid out) may keep such a lock, and a timer writing its data sets would then block the FX
 * thread for good. Writing only while the chart is visible on screen avoids that.
 */
public final class OnScreenTimer {
  private OnScreenTimer() {}

  /**
   * Attaches a per-frame action to a node.
   *
   * @param node the node whose visibility gates the action
   * @param perFrame called with the pulse's time stamp (nanoseconds) on the FX thread
   * @return the observable "on screen" state, for tests
   */
  public static ObservableValue<Boolean> attach(Node node, LongConsumer perFrame) {
    AnimationTimer timer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            perFrame.accept(now);
          }
        };
    ObservableValue<Boolean> windowShowing =
        node.sceneProperty()
            .flatMap(Scene::windowProperty)
            .flatMap(Window::showingProperty)
            .orElse(false);
    ObservableValue<Boolean> onScreen =
        node.visibleProperty().flatMap(visible -> visible ? windowShowing : constantFalse());
    onScreen.addListener(
        (obs, was, is) -> {
          if (is) {
            timer.start();
          } else {
            timer.stop();
          }
        });
    if (Boolean.TRUE.equals(onScreen.getValue())) {
      timer.start();
    }
    return onScreen;
  }

  private static ObservableValue<Boolean> constantFalse() {
    return new javafx.beans.property.SimpleBooleanProperty(false);
  }
}
