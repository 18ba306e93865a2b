package org.imucompanion.ble.capture;

import java.io.IOException;

/** A capture file or its sidecar is not what this package writes; the message names the problem. */
public final class CaptureFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message which file and what is wrong with it
   */
  public CaptureFormatException(String message) {
    super(message);
  }

  /**
   * Creates an exception with its cause.
   *
   * @param message which file and what is wrong with it
   * @param cause the failure underneath
   */
  public CaptureFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
