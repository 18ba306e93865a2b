package org.imucompanion.models.store;

/** Why a stream has no samples for a while. */
public enum GapKind {
  /** The device disconnected; the gap ends when it reconnects. */
  DISCONNECT,
  /** Packets were lost over the air (sequence numbers skipped). */
  LOST_PACKETS,
  /** The recorder's own queue overflowed and dropped samples. */
  RECORDER_DROP;

  String sql() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static GapKind fromSql(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
