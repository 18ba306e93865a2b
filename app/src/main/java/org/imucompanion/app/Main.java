package org.imucompanion.app;

/** Entry point of the runnable jar. */
public final class Main {
  private Main() {}

  /**
   * Starts the application.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    System.out.println("IMU Companion");
  }
}
