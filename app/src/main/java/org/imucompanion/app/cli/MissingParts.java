package org.imucompanion.app.cli;

/**
 * What each not-yet-wired command is waiting for, worded for users, kept in one place so the
 * messages stay consistent and are easy to delete as the commands are wired.
 */
final class MissingParts {
  static final String VIRTUAL_MYO = "the virtual Myo is not wired into the app yet; use virtual:wristband";

  private MissingParts() {}
}
