package org.imucompanion.app.cli;

/**
 * Exit codes of every command. They are part of the CLI's contract: scripts branch on them, so
 * they never change meaning.
 */
public final class ExitStatus {
  /** The command did what it was asked. */
  public static final int OK = 0;

  /** The command ran and failed (a file could not be read, a device did not connect, ...). */
  public static final int FAILURE = 1;

  /** The command line itself was wrong: unknown command or option, missing or bad parameter. */
  public static final int USAGE = 2;

  private ExitStatus() {}
}
