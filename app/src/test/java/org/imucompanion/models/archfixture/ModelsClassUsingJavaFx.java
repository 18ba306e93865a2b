package org.imucompanion.models.archfixture;

import javafx.scene.paint.Color;

/** Breaks "only app uses JavaFX" by choosing a plot colour inside models. */
public final class ModelsClassUsingJavaFx {
  /**
   * Colour for a class label.
   *
   * @return a colour
   */
  public Color labelColour() {
    return Color.ORANGE;
  }
}
