package org.imucompanion.app.cli;

/**
 * A failure a user can act on (no such file, device refused, model contract not met). The CLI
 * prints only its message, without a stack trace, and exits with {@link ExitStatus#FAILURE}.
 */
public final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to do about it
   */
  public CommandFailedException(String message) {
    super(message);
  }

  /**
   * Creates the exception keeping the underlying cause (shown with {@code --debug}).
   *
   * @param message what went wrong and, where possible, what to do about it
   * @param cause the underlying failure
   */
  public CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
