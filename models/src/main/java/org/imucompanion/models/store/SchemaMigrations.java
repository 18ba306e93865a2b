package org.imucompanion.models.store;

import java.util.List;

/**
 * The store's schema as a list of migrations, applied in order; {@code PRAGMA user_version} holds
 * the number of the last one applied, {@code PRAGMA application_id} marks the file as ours.
 *
 * <p>Never edit a migration that has shipped: add a new one at the end. Each runs in one
 * transaction together with the {@code user_version} update, so a crash mid-migration leaves the
 * previous version intact.
 */
final class SchemaMigrations {
  /** "IMUC" in ASCII: lets us tell our files from any other SQLite database. */
  static final int APPLICATION_ID = 0x494D5543;

  /**
   * One schema step.
   *
   * @param version the {@code user_version} after this step
   * @param description what the step adds and why
   * @param statements SQL statements, run in order
   */
  record Migration(int version, String description, List<String> statements) {}

  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(
              1,
              "initial schema: athletes, sessions, streams, sample blocks, segments, gaps,"
                  + " predictions, rep events",
              List.of(
                  "PRAGMA application_id = " + APPLICATION_ID,
                  """
                  CREATE TABLE athletes (
                    id    INTEGER PRIMARY KEY,
                    name  TEXT NOT NULL,
                    notes TEXT NOT NULL DEFAULT ''
                  )""",
                  """
                  CREATE TABLE sessions (
                    id                  INTEGER PRIMARY KEY,
                    athlete_id          INTEGER REFERENCES athletes(id) ON DELETE SET NULL,
                    device_kind         TEXT NOT NULL,
                    firmware_version    TEXT NOT NULL,
                    placement           TEXT NOT NULL,
                    notes               TEXT NOT NULL,
                    started_at_epoch_ns INTEGER NOT NULL,
                    ended_at_epoch_ns   INTEGER,
                    host_origin_ns      INTEGER NOT NULL,
                    state               TEXT NOT NULL
                                        CHECK (state IN ('recording', 'complete', 'interrupted')),
                    recorder_pid        INTEGER,
                    recorder_started_ms INTEGER
                  )""",
                  """
                  CREATE TABLE streams (
                    id              INTEGER PRIMARY KEY,
                    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    name            TEXT NOT NULL,
                    device_kind     TEXT NOT NULL,
                    address         TEXT NOT NULL,
                    channels        TEXT NOT NULL,
                    nominal_rate_hz REAL NOT NULL,
                    UNIQUE (session_id, name)
                  )""",
                  """
                  CREATE TABLE sample_blocks (
                    id            INTEGER PRIMARY KEY,
                    stream_id     INTEGER NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
                    first_index   INTEGER NOT NULL,
                    sample_count  INTEGER NOT NULL CHECK (sample_count > 0),
                    first_host_ns INTEGER NOT NULL,
                    last_host_ns  INTEGER NOT NULL,
                    host_ns       BLOB NOT NULL,
                    device_us     BLOB NOT NULL,
                    sample_values BLOB NOT NULL,
                    UNIQUE (stream_id, first_index)
                  )""",
                  """
                  CREATE TABLE segments (
                    id             INTEGER PRIMARY KEY,
                    session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    exercise       TEXT NOT NULL,
                    start_host_ns  INTEGER NOT NULL,
                    end_host_ns    INTEGER,
                    rep_count      INTEGER,
                    incorrect_form INTEGER NOT NULL DEFAULT 0,
                    notes          TEXT NOT NULL DEFAULT ''
                  )""",
                  "CREATE INDEX segments_by_session ON segments(session_id, start_host_ns)",
                  """
                  CREATE TABLE gaps (
                    id            INTEGER PRIMARY KEY,
                    stream_id     INTEGER NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
                    kind          TEXT NOT NULL
                                  CHECK (kind IN ('disconnect', 'lost_packets', 'recorder_drop')),
                    start_host_ns INTEGER NOT NULL,
                    end_host_ns   INTEGER,
                    lost_samples  INTEGER NOT NULL DEFAULT 0,
                    detail        TEXT NOT NULL DEFAULT ''
                  )""",
                  "CREATE INDEX gaps_by_stream ON gaps(stream_id, start_host_ns)",
                  """
                  CREATE TABLE predicted_labels (
                    id         INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    host_ns    INTEGER NOT NULL,
                    label      TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    model      TEXT NOT NULL
                  )""",
                  "CREATE INDEX predicted_labels_by_session ON predicted_labels(session_id, host_ns)",
                  """
                  CREATE TABLE rep_events (
                    id         INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    host_ns    INTEGER NOT NULL,
                    exercise   TEXT NOT NULL,
                    rep_number INTEGER NOT NULL,
                    model      TEXT NOT NULL
                  )""",
                  "CREATE INDEX rep_events_by_session ON rep_events(session_id, host_ns)")),
          new Migration(
              2,
              "label edits: every change made to a set's label afterwards, with what it was before,"
                  + " so an edited label is visibly edited and the original stays known",
              List.of(
                  """
                  CREATE TABLE label_edits (
                    id         INTEGER PRIMARY KEY,
                    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                    segment_id INTEGER NOT NULL,
                    edited_at  TEXT NOT NULL,
                    action     TEXT NOT NULL,
                    before     TEXT NOT NULL
                  )""",
                  "CREATE INDEX label_edits_by_session ON label_edits(session_id, id)")));

  /** The schema version this code writes. */
  static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private SchemaMigrations() {}
}
