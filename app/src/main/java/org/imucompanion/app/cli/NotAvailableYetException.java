package org.imucompanion.app.cli;

/**
 * Thrown by a command whose backing code has not landed in this build. The CLI prints {@code not
 * available yet: <what is missing>} and exits with {@link ExitStatus#NOT_AVAILABLE}.
 */
public final class NotAvailableYetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param missing what is missing, in words a user understands (e.g. "the BlueZ transport")
   */
  public NotAvailableYetException(String missing) {
    super(missing);
  }

  /**
   * Returns what is missing.
   *
   * @return the description given at construction
   */
  public String missing() {
    return getMessage();
  }
}
