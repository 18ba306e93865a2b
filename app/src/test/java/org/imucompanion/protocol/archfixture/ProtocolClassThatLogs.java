package org.imucompanion.protocol.archfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks "firmware-protocol depends on nothing but the JDK" by logging through SLF4J. */
public final class ProtocolClassThatLogs {
  private static final Logger LOG = LoggerFactory.getLogger(ProtocolClassThatLogs.class);

  /**
   * Logs a decoded length.
   *
   * @param length the length
   */
  public void decoded(int length) {
    LOG.info("decoded {} bytes", length);
  }
}
