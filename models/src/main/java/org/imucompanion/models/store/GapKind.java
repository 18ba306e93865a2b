package org.imucompanion.models.store;

/** Why a stream has no samples for a while. */
public enum GapKind {
  /** The device disconnected; the gap ends when it reconnects. */
  DISCONNECT,
  /** Packets were lost over the air (sequence numbers skipped). */
  LOST_PACKETS,
  /**
   * The recorder could not keep samples: its own queue overflowed, or the store stopped taking
   * them (disk full) and the recording stopped.
   */
  RECORDER_DROP;

  String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static GapKind fromSql(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
