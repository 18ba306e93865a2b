package org.imucompanion.models.store;

/** Where a session is in its life. */
public enum SessionState {
  /** Samples are being written by a live recorder. */
  RECORDING,
  /** The recorder finished normally. */
  COMPLETE,
  /**
   * The process that was recording died (crash, kill, power loss); everything committed before
   * that is kept. Set when the store is reopened and finds the recorder gone.
   */
  INTERRUPTED;

  String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static SessionState fromSql(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
