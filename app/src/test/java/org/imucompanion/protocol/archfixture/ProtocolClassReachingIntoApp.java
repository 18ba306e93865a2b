package org.imucompanion.protocol.archfixture;

import org.imucompanion.app.Main;

/** Breaks "nothing depends on app" by calling the app's entry point from the protocol layer. */
public final class ProtocolClassReachingIntoApp {
  /** Starts the app from where it must never be started. */
  public void start() {
    Main.main(new String[] {"--help"});
  }
}
