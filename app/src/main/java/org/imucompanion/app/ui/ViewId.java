package org.imucompanion.app.ui;

import java.util.Locale;

/** The dashboard's views, in navigation order. */
public enum ViewId {
  /** Devices: connect, state, stream health. */
  DEVICES("Devices"),
  /** Live: plots, exercise, reps (coach). */
  LIVE("Live"),
  /** Record: labeled sets (athlete). */
  RECORD("Record"),
  /** Inspector: packets and stream health (firmware developer). */
  INSPECTOR("Inspector"),
  /** Sessions: browse, re-run, export. */
  SESSIONS("Sessions"),
  /** Models: the loaded model's contract. */
  MODELS("Models");

  private final String title;

  ViewId(String title) {
    this.title = title;
  }

  /**
   * Returns the name shown in the navigation.
   *
   * @return the title
   */
  public String title() {
    return title;
  }

  /**
   * Returns the node id of the view's navigation button, for tests and CSS.
   *
   * @return e.g. {@code nav-live}
   */
  public String navigationId() {
    return "nav-" + name().toLowerCase(Locale.ROOT);
  }
}
