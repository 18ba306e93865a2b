package org.imucompanion.models.store;

/** Where a session is in its life. */
public enum SessionState {
  /** Samples are being written by a live recorder. */
  RECORDING,
  /** The recorder finished normally. */
  COMPLETE,
  /**
   * The recording ended abnormally; everything committed before is kept, and the session and any
   * open set end at the last stored sample. Set when the store is reopened and finds the
   * recording process gone (crash, kill, power loss), or by a recorder that had to stop because
   * the store could take no more (disk full).
   */
  INTERRUPTED;

  String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static SessionState fromSql(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
