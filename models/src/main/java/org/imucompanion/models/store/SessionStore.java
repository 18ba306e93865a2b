package org.imucompanion.models.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The session store: one SQLite file holding athletes, sessions, per-device sample streams,
 * labeled segments, gaps, predictions and rep events.
 *
 * <p>The file is opened in WAL mode with {@code synchronous=NORMAL}: a committed transaction
 * survives the application being killed (it is in the WAL, which the OS keeps), and a power cut can
 * lose at most the last few commits but never corrupts the file. Before anything is written the
 * file is checked: a file that is not SQLite, an SQLite file of another application, or a schema
 * newer than this code is refused with a {@link SessionStoreException} naming the file, and the
 * file is left byte-for-byte as it was. A store opened for writing is also checked for damaged
 * pages ({@code PRAGMA quick_check}) and refused if it has any, so nothing is ever added to a
 * damaged file; {@link #openForReading(Path)} skips that check and never writes at all.
 *
 * <p>Sessions left in state {@link SessionState#RECORDING} by a process that no longer runs are
 * marked {@link SessionState#INTERRUPTED} when the store opens (see {@link #interruptedOnOpen()}).
 *
 * <p>All methods are synchronized on the store; each public write is one transaction. Calls do
 * file I/O, so never call them from the UI or D-Bus thread: {@link SessionRecorder} writes live
 * samples from its own thread.
 */
public final class SessionStore implements AutoCloseable {
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final String FILE_NAME = "sessions.db";

  /**
   * Files this process found undamaged, with how they looked then or when this process last
   * closed them. A file that still looks so is not checked again: the dashboard opens the store
   * for each action, and a check costs about 2 s per GB (StoreOpenCheckBench). Anything else
   * that touched the file (another process, a crash leaving a WAL) changes the stamp.
   */
  private static final Map<Path, FileStamp> CHECKED = new ConcurrentHashMap<>();

  /**
   * Identity, size and modification time of the database file and of its WAL when that holds
   * anything (readers create an empty one and the last connection deletes it). Damage that leaves
   * all of these as they were (a disk flipping bits under a file nobody wrote) is not seen until
   * another process opens the file: the price of not reading a gigabyte at every open.
   */
  private record FileStamp(Object key, long size, FileTime modified, long walSize, FileTime walModified) {
    static Optional<FileStamp> of(Path file) {
      try {
        BasicFileAttributes db = Files.readAttributes(file, BasicFileAttributes.class);
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        BasicFileAttributes w =
            Files.exists(wal) ? Files.readAttributes(wal, BasicFileAttributes.class) : null;
        boolean noWal = w == null || w.size() == 0;
        return Optional.of(
            new FileStamp(
                db.fileKey(),
                db.size(),
                db.lastModifiedTime(),
                noWal ? -1 : w.size(),
                noWal ? null : w.lastModifiedTime()));
      } catch (IOException e) {
        return Optional.empty(); // unknown: check it
      }
    }
  }

  private final Path file;
  private final Connection conn;
  private final boolean readOnly;
  private final List<Long> interruptedOnOpen;
  private boolean closed;

  private SessionStore(Path file, Connection conn, boolean readOnly) throws SessionStoreException {
    this.file = file;
    this.conn = conn;
    this.readOnly = readOnly;
    // Recovering interrupted sessions writes; a reader shows them as they are.
    this.interruptedOnOpen = readOnly ? List.of() : List.copyOf(recoverInterruptedSessions());
  }

  /**
   * The default location of the store: {@code $XDG_DATA_HOME/imu-companion/sessions.db}, or
   * {@code ~/.local/share/imu-companion/sessions.db} when {@code XDG_DATA_HOME} is unset or not
   * absolute (as the XDG base directory specification says).
   *
   * @return the default database file
   */
  public static Path defaultLocation() {
    return defaultLocation(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static Path defaultLocation(Map<String, String> env, Path home) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
            ? Path.of(xdg)
            : home.resolve(".local").resolve("share");
    return base.resolve("imu-companion").resolve(FILE_NAME);
  }

  /**
   * Opens (or creates) the store at {@link #defaultLocation()}.
   *
   * @return the open store
   * @throws SessionStoreException if the file can't be used; see {@link #open(Path)}
   */
  public static SessionStore openDefault() throws SessionStoreException {
    return open(defaultLocation());
  }

  /**
   * Opens (or creates) a store, migrating its schema to the latest version.
   *
   * @param file the database file; missing parent directories are created
   * @return the open store
   * @throws SessionStoreException if the file is not an SQLite database, belongs to another
   *     application, has a newer schema, is damaged ({@link SessionStoreException.Reason#CORRUPT},
   *     with how to save what is readable), or cannot be written
   */
  public static SessionStore open(Path file) throws SessionStoreException {
    return open(file, 0);
  }

  /**
   * Opens (or creates) a store whose file may not grow beyond a size, for users who want to cap
   * the disk space recordings take (and for tests of the disk-full path).
   *
   * @param file the database file
   * @param maxFileBytes the size limit in bytes, or 0 for none; reaching it gives {@link
   *     SessionStoreException.Reason#DISK_FULL}, exactly like a full disk
   * @return the open store
   * @throws SessionStoreException as for {@link #open(Path)}
   */
  public static SessionStore open(Path file, long maxFileBytes) throws SessionStoreException {
    Path abs = file.toAbsolutePath().normalize();
    checkHeader(abs);
    try {
      Path parent = abs.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new SessionStoreException(
          SessionStoreException.Reason.READ_ONLY,
          abs,
          "cannot create the directory for the session store: " + e.getMessage(),
          e);
    }
    Connection c;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + abs);
    } catch (SQLException e) {
      throw translate(abs, "opening the session store", e);
    }
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
      }
      int version = checkOwnership(abs, c);
      if (version > 0) {
        Optional<FileStamp> seen = FileStamp.of(abs);
        if (seen.isEmpty() || !seen.equals(Optional.ofNullable(CHECKED.get(abs)))) {
          CHECKED.remove(abs);
          checkIntegrity(abs, c);
          seen.ifPresent(stamp -> CHECKED.put(abs, stamp));
        }
      } else {
        CHECKED.remove(abs);
      }
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
          if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
            throw new SessionStoreException(
                SessionStoreException.Reason.IO,
                abs,
                "SQLite refused to switch the session store to WAL mode");
          }
        }
        s.execute("PRAGMA synchronous = NORMAL");
        if (maxFileBytes > 0) {
          long pageSize;
          try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
            rs.next();
            pageSize = rs.getLong(1);
          }
          s.execute("PRAGMA max_page_count = " + Math.max(1, maxFileBytes / pageSize));
        }
      }
      migrate(abs, c, version);
      return new SessionStore(abs, c, false);
    } catch (SessionStoreException e) {
      closeQuietly(c);
      throw e;
    } catch (SQLException e) {
      closeQuietly(c);
      throw translate(abs, "opening the session store", e);
    }
  }

  /**
   * Opens an existing store for reading only, for commands that only read (export, listings). It
   * never creates a file or a directory, never migrates, never marks sessions interrupted, and
   * works in a directory the user cannot write to. Every write through it fails with {@link
   * SessionStoreException.Reason#READ_ONLY}. SQLite may leave its {@code -wal} and {@code -shm}
   * companion files beside the store (its readers coordinate through them); the store file itself
   * is left byte-for-byte as it was.
   *
   * @param file the database file
   * @return the open store
   * @throws SessionStoreException if the file does not exist ({@link
   *     SessionStoreException.Reason#MISSING}), is empty or not a session store, belongs to
   *     another application, has a schema newer or older than this code's, or cannot be read
   */
  public static SessionStore openForReading(Path file) throws SessionStoreException {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new SessionStoreException(
          SessionStoreException.Reason.MISSING,
          abs,
          "there is no session store here; nothing was created. Check the path"
              + " (record or import create a store).");
    }
    checkHeader(abs);
    try {
      if (Files.size(abs) == 0) {
        throw new SessionStoreException(
            SessionStoreException.Reason.NOT_A_DATABASE,
            abs,
            "is an empty file, not a session store; it was not modified.");
      }
    } catch (IOException e) {
      throw new SessionStoreException(
          SessionStoreException.Reason.IO, abs, "cannot read the session store: " + e, e);
    }
    Connection c = connectForReading(abs);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
      }
      int version = checkOwnership(abs, c);
      if (version == 0) {
        throw new SessionStoreException(
            SessionStoreException.Reason.NOT_A_DATABASE,
            abs,
            "is an empty SQLite database, not a session store; it was not modified.");
      }
      if (version < SchemaMigrations.LATEST) {
        throw new SessionStoreException(
            SessionStoreException.Reason.NEWER_SCHEMA,
            abs,
            "has schema version "
                + version
                + ", older than this version's "
                + SchemaMigrations.LATEST
                + ", and a command that only reads does not upgrade it; it was not modified."
                + " Open it once with record or import to upgrade it.");
      }
      return new SessionStore(abs, c, true);
    } catch (SessionStoreException e) {
      closeQuietly(c);
      throw e;
    } catch (SQLException e) {
      closeQuietly(c);
      throw translate(abs, "opening the session store for reading", e);
    }
  }

  /**
   * Opens a read-only connection. SQLite's WAL readers need the {@code -shm} file; in a
   * directory nobody can write to it cannot be made, and then (with no {@code -wal} either, so no
   * writer can exist) the file is opened as immutable, which needs neither.
   */
  private static Connection connectForReading(Path file) throws SessionStoreException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    Connection c = null;
    try {
      c = config.createConnection("jdbc:sqlite:" + file);
      // SQLite opens lazily: the first read is what needs the -shm file.
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
      }
      return c;
    } catch (SQLException e) {
      if (c != null) {
        closeQuietly(c);
      }
      Path wal = file.resolveSibling(file.getFileName() + "-wal");
      if (code(e) != SQLiteErrorCode.SQLITE_CANTOPEN || Files.exists(wal)) {
        throw translate(file, "opening the session store for reading", e);
      }
    }
    try {
      return config.createConnection("jdbc:sqlite:" + file.toUri() + "?immutable=1");
    } catch (SQLException e) {
      throw translate(file, "opening the session store for reading", e);
    }
  }

  /**
   * Refuses to write into a damaged file: every write could spread the damage, and an import or
   * a recording into it would look fine until a later export fails. {@code quick_check} reads
   * every page once (about 2 s per GB, see {@code StoreOpenCheckBench}) but skips the slower index
   * cross-checks of {@code integrity_check}; a file this process already checked and left as it
   * was is not checked again ({@link #CHECKED}).
   */
  private static void checkIntegrity(Path file, Connection c) throws SessionStoreException {
    List<String> problems = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA quick_check(3)")) {
      while (rs.next()) {
        problems.add(rs.getString(1));
      }
    } catch (SQLException e) {
      problems.add(e.getMessage());
    }
    if (problems.equals(List.of("ok"))) {
      return;
    }
    throw new SessionStoreException(
        SessionStoreException.Reason.CORRUPT,
        file,
        "is damaged, so nothing will be written to it (SQLite's check found: "
            + String.join("; ", problems)
            + "). To recover, export what is readable: imu-companion export --store "
            + file
            + " -o <dir> (with --session <id> for one session at a time if a damaged one stops"
            + " it), then move the file away; the next recording creates a new store.");
  }

  /** Reads the file's first bytes ourselves, so a foreign file is refused before SQLite touches it. */
  private static void checkHeader(Path file) throws SessionStoreException {
    if (Files.isDirectory(file)) {
      throw new SessionStoreException(
          SessionStoreException.Reason.NOT_A_DATABASE, file, "is a directory, not a session store");
    }
    if (!Files.exists(file)) {
      return;
    }
    byte[] head = new byte[100];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new SessionStoreException(
          SessionStoreException.Reason.IO, file, "cannot read the session store: " + e, e);
    }
    if (n == 0) {
      return; // SQLite treats an empty file as a new, empty database
    }
    if (n < head.length || !Arrays.equals(head, 0, SQLITE_MAGIC.length, SQLITE_MAGIC, 0, SQLITE_MAGIC.length)) {
      throw new SessionStoreException(
          SessionStoreException.Reason.NOT_A_DATABASE,
          file,
          "is not an SQLite database (its header is not 'SQLite format 3'); it was not modified."
              + " Choose another file for the session store.");
    }
  }

  /**
   * Decides, through read-only queries, whether the file is ours. The header alone is not enough:
   * in WAL mode the latest page 1 may still be in the -wal file.
   */
  private static int checkOwnership(Path file, Connection c)
      throws SQLException, SessionStoreException {
    int appId;
    int version;
    int objects;
    try (Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
        rs.next();
        appId = rs.getInt(1);
      }
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        rs.next();
        version = rs.getInt(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
        objects = rs.getInt(1);
      }
    }
    boolean fresh = appId == 0 && version == 0 && objects == 0;
    if (!fresh && appId != SchemaMigrations.APPLICATION_ID) {
      throw new SessionStoreException(
          SessionStoreException.Reason.FOREIGN_DATABASE,
          file,
          String.format(
              "is an SQLite database of another application (application_id 0x%08x, %d schema"
                  + " objects), not an IMU Companion session store; it was not modified.",
              appId, objects));
    }
    if (version > SchemaMigrations.LATEST) {
      throw new SessionStoreException(
          SessionStoreException.Reason.NEWER_SCHEMA,
          file,
          "was written by a newer IMU Companion (schema version "
              + version
              + ", this version knows up to "
              + SchemaMigrations.LATEST
              + "); it was not modified. Update IMU Companion to open it.");
    }
    return version;
  }

  private static void migrate(Path file, Connection c, int from)
      throws SQLException, SessionStoreException {
    for (SchemaMigrations.Migration m : SchemaMigrations.MIGRATIONS) {
      if (m.version() <= from) {
        continue;
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : m.statements()) {
          s.execute(sql);
        }
        s.execute("PRAGMA user_version = " + m.version());
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw translate(file, "migrating the schema to version " + m.version(), e);
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * Returns the database file.
   *
   * @return the absolute path of the file
   */
  public Path file() {
    return file;
  }

  /**
   * Returns the schema version of the open file.
   *
   * @return the {@code user_version}
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized int schemaVersion() throws SessionStoreException {
    checkOpen();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw translate("reading the schema version", e);
    }
  }

  /**
   * Returns the sessions this open found in state recording with their recorder process gone, and
   * marked interrupted.
   *
   * @return session ids, oldest first
   */
  public List<Long> interruptedOnOpen() {
    return interruptedOnOpen;
  }

  // ---------------------------------------------------------------- athletes

  /**
   * Adds an athlete.
   *
   * @param name the name
   * @param notes free notes
   * @return the stored athlete
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized Athlete addAthlete(String name, String notes) throws SessionStoreException {
    checkOpen();
    Athlete probe = new Athlete(0, name, notes);
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO athletes(name, notes) VALUES (?, ?)")) {
      ps.setString(1, probe.name());
      ps.setString(2, probe.notes());
      ps.executeUpdate();
      return new Athlete(lastId(), name, notes);
    } catch (SQLException e) {
      throw translate("adding athlete " + name, e);
    }
  }

  /**
   * Finds an athlete.
   *
   * @param id the athlete's id
   * @return the athlete, or empty if there is none with that id
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized Optional<Athlete> findAthlete(long id) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement("SELECT id, name, notes FROM athletes WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Athlete(rs.getLong(1), rs.getString(2), rs.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw translate("reading athlete " + id, e);
    }
  }

  /**
   * Lists the athletes by name.
   *
   * @return all athletes
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<Athlete> athletes() throws SessionStoreException {
    checkOpen();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, notes FROM athletes ORDER BY name, id")) {
      List<Athlete> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Athlete(rs.getLong(1), rs.getString(2), rs.getString(3)));
      }
      return out;
    } catch (SQLException e) {
      throw translate("listing athletes", e);
    }
  }

  // ---------------------------------------------------------------- sessions

  /**
   * Starts a session in state {@link SessionState#RECORDING}, owned by this process (if the
   * process dies, the next open marks it interrupted).
   *
   * @param spec what is known about the session
   * @return the stored session
   * @throws SessionStoreException if the athlete does not exist or on an SQLite failure
   */
  public synchronized Session startSession(NewSession spec) throws SessionStoreException {
    checkOpen();
    ProcessHandle me = ProcessHandle.current();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO sessions(athlete_id, device_kind, firmware_version, placement, notes,"
                + " started_at_epoch_ns, host_origin_ns, state, recorder_pid, recorder_started_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 'recording', ?, ?)")) {
      if (spec.athleteId().isPresent()) {
        if (findAthlete(spec.athleteId().get()).isEmpty()) {
          throw invalid("there is no athlete with id " + spec.athleteId().get());
        }
        ps.setLong(1, spec.athleteId().get());
      } else {
        ps.setNull(1, Types.INTEGER);
      }
      ps.setString(2, spec.deviceKind());
      ps.setString(3, spec.firmwareVersion());
      ps.setString(4, spec.placement());
      ps.setString(5, spec.notes());
      ps.setLong(6, epochNanos(spec.startedAt()));
      ps.setLong(7, spec.hostOriginNanos());
      ps.setLong(8, me.pid());
      ps.setLong(9, me.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
      ps.executeUpdate();
      long id = lastId();
      return findSession(id).orElseThrow();
    } catch (SQLException e) {
      throw translate("starting a session", e);
    }
  }

  /**
   * Marks a session complete (the recording ended normally, or an import finished).
   *
   * @param sessionId the session
   * @param endedAt the wall-clock end
   * @return the updated session
   * @throws SessionStoreException if there is no such session or on an SQLite failure
   */
  public synchronized Session finishSession(long sessionId, Instant endedAt)
      throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE sessions SET state = 'complete', ended_at_epoch_ns = ?, recorder_pid = NULL"
                + " WHERE id = ?")) {
      ps.setLong(1, epochNanos(endedAt));
      ps.setLong(2, sessionId);
      if (ps.executeUpdate() == 0) {
        throw invalid("there is no session with id " + sessionId);
      }
      return findSession(sessionId).orElseThrow();
    } catch (SQLException e) {
      throw translate("finishing session " + sessionId, e);
    }
  }

  /**
   * Changes the descriptive fields of a session (athlete, placement, notes ...), e.g. after the
   * athlete reviewed it. Times and state are not changed.
   *
   * @param edited the session with new descriptive fields
   * @return the stored session
   * @throws SessionStoreException if there is no such session or on an SQLite failure
   */
  public synchronized Session updateSessionDetails(Session edited) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE sessions SET athlete_id = ?, device_kind = ?, firmware_version = ?,"
                + " placement = ?, notes = ? WHERE id = ?")) {
      if (edited.athleteId().isPresent()) {
        ps.setLong(1, edited.athleteId().get());
      } else {
        ps.setNull(1, Types.INTEGER);
      }
      ps.setString(2, edited.deviceKind());
      ps.setString(3, edited.firmwareVersion());
      ps.setString(4, edited.placement());
      ps.setString(5, edited.notes());
      ps.setLong(6, edited.id());
      if (ps.executeUpdate() == 0) {
        throw invalid("there is no session with id " + edited.id());
      }
      return findSession(edited.id()).orElseThrow();
    } catch (SQLException e) {
      throw translate("updating session " + edited.id(), e);
    }
  }

  /**
   * Finds a session.
   *
   * @param id the session's id
   * @return the session, or empty if none has that id
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized Optional<Session> findSession(long id) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement(SESSION_COLUMNS + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readSession(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw translate("reading session " + id, e);
    }
  }

  /**
   * Lists all sessions, newest first.
   *
   * @return the sessions
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<Session> sessions() throws SessionStoreException {
    checkOpen();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery(SESSION_COLUMNS + " ORDER BY started_at_epoch_ns DESC, id DESC")) {
      List<Session> out = new ArrayList<>();
      while (rs.next()) {
        out.add(readSession(rs));
      }
      return out;
    } catch (SQLException e) {
      throw translate("listing sessions", e);
    }
  }

  /**
   * Deletes a session with its streams, samples, segments, gaps, predictions and rep events.
   *
   * @param sessionId the session
   * @return true if it existed
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized boolean deleteSession(long sessionId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
      ps.setLong(1, sessionId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw translate("deleting session " + sessionId, e);
    }
  }

  private static final String SESSION_COLUMNS =
      "SELECT id, athlete_id, device_kind, firmware_version, placement, notes,"
          + " started_at_epoch_ns, ended_at_epoch_ns, host_origin_ns, state FROM sessions";

  private static Session readSession(ResultSet rs) throws SQLException {
    long athlete = rs.getLong(2);
    Optional<Long> athleteId = rs.wasNull() ? Optional.empty() : Optional.of(athlete);
    long ended = rs.getLong(8);
    Optional<Instant> endedAt = rs.wasNull() ? Optional.empty() : Optional.of(fromEpochNanos(ended));
    return new Session(
        rs.getLong(1),
        athleteId,
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        fromEpochNanos(rs.getLong(7)),
        endedAt,
        rs.getLong(9),
        SessionState.fromSql(rs.getString(10)));
  }

  /**
   * Marks sessions whose recorder process is gone as interrupted, ends them (and any open set or
   * gap) at their last stored sample, so what was saved is usable as it is.
   */
  private List<Long> recoverInterruptedSessions() throws SessionStoreException {
    List<Long> dead = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT id, recorder_pid, recorder_started_ms FROM sessions"
                    + " WHERE state = 'recording' ORDER BY id")) {
      while (rs.next()) {
        long id = rs.getLong(1);
        long pid = rs.getLong(2);
        boolean noPid = rs.wasNull();
        long startedMs = rs.getLong(3);
        if (noPid || !recorderAlive(pid, startedMs)) {
          dead.add(id);
        }
      }
    } catch (SQLException e) {
      throw translate("looking for interrupted sessions", e);
    }
    for (long id : dead) {
      markInterrupted(id);
    }
    return dead;
  }

  /**
   * Marks one session interrupted and ends it, and its open set, at its last stored sample. Used
   * on open for sessions of dead recorders, and by a recorder that had to stop (disk full).
   *
   * @return the host time of the last stored sample, if any
   */
  synchronized OptionalLong markInterrupted(long id) throws SessionStoreException {
    return transact(
        "marking session " + id + " interrupted",
        () -> {
          OptionalLong last = lastHostNanos(id);
          long end = last.orElse(Long.MIN_VALUE);
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "UPDATE sessions SET state = 'interrupted', recorder_pid = NULL,"
                      + " ended_at_epoch_ns = started_at_epoch_ns"
                      + " + max(0, coalesce(?, host_origin_ns) - host_origin_ns) WHERE id = ?")) {
            if (end == Long.MIN_VALUE) {
              ps.setNull(1, Types.INTEGER);
            } else {
              ps.setLong(1, end);
            }
            ps.setLong(2, id);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "UPDATE segments SET end_host_ns = max(start_host_ns, coalesce(?, start_host_ns))"
                      + " WHERE session_id = ? AND end_host_ns IS NULL")) {
            if (end == Long.MIN_VALUE) {
              ps.setNull(1, Types.INTEGER);
            } else {
              ps.setLong(1, end);
            }
            ps.setLong(2, id);
            ps.executeUpdate();
          }
            return last;
        });
  }

  private static boolean recorderAlive(long pid, long startedMs) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (h.isEmpty()) {
      return false;
    }
    // A live process with the same pid may be an unrelated one that reused it: compare start times.
    Optional<Instant> start = h.get().info().startInstant();
    return start.isEmpty() || startedMs == 0 || Math.abs(start.get().toEpochMilli() - startedMs) < 2000;
  }

  private OptionalLong lastHostNanos(long sessionId) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT max(b.last_host_ns) FROM sample_blocks b JOIN streams s ON s.id = b.stream_id"
                + " WHERE s.session_id = ?")) {
      ps.setLong(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
      }
    }
  }

  // ---------------------------------------------------------------- streams and samples

  /**
   * Declares a device's stream in a session.
   *
   * @param sessionId the session
   * @param spec the stream
   * @return the stored stream
   * @throws SessionStoreException if the session does not exist, the name is taken, or on an
   *     SQLite failure
   */
  public synchronized StreamInfo addStream(long sessionId, NewStream spec) throws SessionStoreException {
    checkOpen();
    if (findSession(sessionId).isEmpty()) {
      throw invalid("there is no session with id " + sessionId);
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO streams(session_id, name, device_kind, address, channels, nominal_rate_hz)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, sessionId);
      ps.setString(2, spec.name());
      ps.setString(3, spec.deviceKind());
      ps.setString(4, spec.address());
      ps.setString(5, String.join(",", spec.channels()));
      ps.setDouble(6, spec.nominalRateHz());
      ps.executeUpdate();
      return new StreamInfo(
          lastId(),
          sessionId,
          spec.name(),
          spec.deviceKind(),
          spec.address(),
          spec.channels(),
          spec.nominalRateHz());
    } catch (SQLException e) {
      if (code(e) == SQLiteErrorCode.SQLITE_CONSTRAINT) {
        throw invalid("session " + sessionId + " already has a stream named '" + spec.name() + "'");
      }
      throw translate("adding stream " + spec.name(), e);
    }
  }

  /**
   * Lists a session's streams in the order they were added.
   *
   * @param sessionId the session
   * @return its streams
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<StreamInfo> streams(long sessionId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement(STREAM_COLUMNS + " WHERE session_id = ? ORDER BY id")) {
      ps.setLong(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        List<StreamInfo> out = new ArrayList<>();
        while (rs.next()) {
          out.add(readStream(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw translate("listing streams of session " + sessionId, e);
    }
  }

  /**
   * Finds a stream.
   *
   * @param streamId the stream's id
   * @return the stream, or empty if none has that id
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized Optional<StreamInfo> findStream(long streamId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement(STREAM_COLUMNS + " WHERE id = ?")) {
      ps.setLong(1, streamId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readStream(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw translate("reading stream " + streamId, e);
    }
  }

  private static final String STREAM_COLUMNS =
      "SELECT id, session_id, name, device_kind, address, channels, nominal_rate_hz FROM streams";

  private static StreamInfo readStream(ResultSet rs) throws SQLException {
    return new StreamInfo(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        List.of(rs.getString(6).split(",")),
        rs.getDouble(7));
  }

  /**
   * Appends samples to a stream in one transaction.
   *
   * @param streamId the stream
   * @param block samples with as many values as the stream has channels
   * @throws SessionStoreException if the stream does not exist, the block doesn't match its
   *     channels, the disk is full, or on an SQLite failure; nothing is written then
   */
  public synchronized void appendSamples(long streamId, SampleBlock block) throws SessionStoreException {
    checkOpen();
    if (block.size() == 0) {
      return;
    }
    StreamInfo stream =
        findStream(streamId).orElseThrow(() -> invalid("there is no stream with id " + streamId));
    if (stream.channels().size() != block.channelCount()) {
      throw invalid(
          "stream "
              + streamId
              + " has "
              + stream.channels().size()
              + " channels, the samples have "
              + block.channelCount());
    }
    transact(
        "saving " + block.size() + " samples of stream " + streamId,
        () -> {
          insertBlock(streamId, block);
          return null;
        });
  }

  /** Inserts a block; the caller holds the monitor and a transaction. */
  void insertBlock(long streamId, SampleBlock block) throws SQLException {
    long firstIndex;
    try (PreparedStatement ps =
        conn.prepareStatement(
            // The newest block through the (stream_id, first_index) index: max() over an
            // expression would read every block of the stream at every commit.
            "SELECT first_index + sample_count FROM sample_blocks WHERE stream_id = ?"
                + " ORDER BY first_index DESC LIMIT 1")) {
      ps.setLong(1, streamId);
      try (ResultSet rs = ps.executeQuery()) {
        firstIndex = rs.next() ? rs.getLong(1) : 0;
      }
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < block.size(); i++) {
      first = Math.min(first, block.hostNanos(i));
      last = Math.max(last, block.hostNanos(i));
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO sample_blocks(stream_id, first_index, sample_count, first_host_ns,"
                + " last_host_ns, host_ns, device_us, sample_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, streamId);
      ps.setLong(2, firstIndex);
      ps.setInt(3, block.size());
      ps.setLong(4, first);
      ps.setLong(5, last);
      ps.setBytes(6, block.hostNanosBlob());
      ps.setBytes(7, block.deviceMicrosBlob());
      ps.setBytes(8, block.valuesBlob());
      ps.executeUpdate();
    }
  }

  /**
   * Counts a stream's samples.
   *
   * @param streamId the stream
   * @return the number of stored samples
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized long sampleCount(long streamId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT coalesce(sum(sample_count), 0) FROM sample_blocks WHERE stream_id = ?")) {
      ps.setLong(1, streamId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw translate("counting samples of stream " + streamId, e);
    }
  }

  /**
   * Reads all samples of a stream, in recording order. Device time comes back 64-bit: sessions
   * stored with the device's 32 bits (before the recorder unwrapped them) are unwrapped here
   * ({@link WrappingDeviceClock}); the file is not changed.
   *
   * @param streamId the stream
   * @return the samples in one block
   * @throws SessionStoreException if the stream does not exist or on an SQLite failure
   */
  public SampleBlock readSamples(long streamId) throws SessionStoreException {
    return readSamples(streamId, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * Reads the samples of a stream whose host time lies in {@code [fromHostNanos, toHostNanos]},
   * in recording order, with 64-bit device time as {@link #readSamples(long)} gives it (the
   * device times of earlier blocks are read too, to count the wraps before the range).
   *
   * @param streamId the stream
   * @param fromHostNanos first host time included
   * @param toHostNanos last host time included
   * @return the samples in one block
   * @throws SessionStoreException if the stream does not exist or on an SQLite failure
   */
  public synchronized SampleBlock readSamples(long streamId, long fromHostNanos, long toHostNanos)
      throws SessionStoreException {
    checkOpen();
    StreamInfo stream =
        findStream(streamId).orElseThrow(() -> invalid("there is no stream with id " + streamId));
    int channels = stream.channels().size();
    SampleBlock out = new SampleBlock(channels, 1024);
    WrappingDeviceClock clock = new WrappingDeviceClock();
    try (PreparedStatement ps =
        conn.prepareStatement(
            // Blocks before the range only feed the device clock: their values are not loaded.
            "SELECT sample_count, last_host_ns >= ?, host_ns, device_us,"
                + " CASE WHEN last_host_ns >= ? THEN sample_values END FROM sample_blocks"
                + " WHERE stream_id = ? AND first_host_ns <= ? ORDER BY first_index")) {
      ps.setLong(1, fromHostNanos);
      ps.setLong(2, fromHostNanos);
      ps.setLong(3, streamId);
      ps.setLong(4, toHostNanos);
      try (ResultSet rs = ps.executeQuery()) {
        double[] values = new double[channels];
        while (rs.next()) {
          int count = rs.getInt(1);
          if (!rs.getBoolean(2)) {
            byte[] device = rs.getBytes(4);
            if (device.length != count * Long.BYTES) {
              throw new IllegalStateException(
                  "sample block device times don't match " + count + " samples");
            }
            LongBuffer times = ByteBuffer.wrap(device).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
            for (int i = 0; i < count; i++) {
              clock.unwrap(times.get(i));
            }
            continue;
          }
          SampleBlock b = SampleBlock.fromBlobs(channels, count, rs.getBytes(3), rs.getBytes(4), rs.getBytes(5));
          for (int i = 0; i < b.size(); i++) {
            long t = b.hostNanos(i);
            long device = clock.unwrap(b.deviceMicros(i)); // every sample, in order
            if (t >= fromHostNanos && t <= toHostNanos) {
              for (int c = 0; c < channels; c++) {
                values[c] = b.value(i, c);
              }
              out.add(t, device, values);
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw translate("reading samples of stream " + streamId, e);
    } catch (IllegalStateException e) {
      throw new SessionStoreException(
          SessionStoreException.Reason.CORRUPT, file, "stream " + streamId + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- gaps

  /**
   * Records a gap in a stream.
   *
   * @param streamId the stream
   * @param kind why samples are missing
   * @param startHostNanos when the gap started
   * @param endHostNanos when it ended, if already known
   * @param lostSamples samples known to be missing (0 if unknown)
   * @param detail free text
   * @return the stored gap
   * @throws SessionStoreException if the stream does not exist or on an SQLite failure
   */
  public synchronized Gap addGap(
      long streamId,
      GapKind kind,
      long startHostNanos,
      OptionalLong endHostNanos,
      long lostSamples,
      String detail)
      throws SessionStoreException {
    checkOpen();
    if (findStream(streamId).isEmpty()) {
      throw invalid("there is no stream with id " + streamId);
    }
    try {
      return insertGap(new Gap(0, streamId, kind, startHostNanos, endHostNanos, lostSamples, detail));
    } catch (SQLException e) {
      throw translate("saving a gap of stream " + streamId, e);
    }
  }

  Gap insertGap(Gap g) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO gaps(stream_id, kind, start_host_ns, end_host_ns, lost_samples, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, g.streamId());
      ps.setString(2, g.kind().sql());
      ps.setLong(3, g.startHostNanos());
      if (g.endHostNanos().isPresent()) {
        ps.setLong(4, g.endHostNanos().getAsLong());
      } else {
        ps.setNull(4, Types.INTEGER);
      }
      ps.setLong(5, g.lostSamples());
      ps.setString(6, g.detail());
      ps.executeUpdate();
      return new Gap(
          lastId(), g.streamId(), g.kind(), g.startHostNanos(), g.endHostNanos(), g.lostSamples(), g.detail());
    }
  }

  /**
   * Ends an open gap (the device reconnected).
   *
   * @param gapId the gap
   * @param endHostNanos when samples resumed
   * @throws SessionStoreException if the gap does not exist or on an SQLite failure
   */
  public synchronized void endGap(long gapId, long endHostNanos) throws SessionStoreException {
    checkOpen();
    try {
      if (!updateGapEnd(gapId, endHostNanos)) {
        throw invalid("there is no gap with id " + gapId);
      }
    } catch (SQLException e) {
      throw translate("ending gap " + gapId, e);
    }
  }

  boolean updateGapEnd(long gapId, long endHostNanos) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("UPDATE gaps SET end_host_ns = ? WHERE id = ?")) {
      ps.setLong(1, endHostNanos);
      ps.setLong(2, gapId);
      return ps.executeUpdate() > 0;
    }
  }

  /**
   * Lists a stream's gaps in time order.
   *
   * @param streamId the stream
   * @return its gaps
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<Gap> gaps(long streamId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT id, stream_id, kind, start_host_ns, end_host_ns, lost_samples, detail FROM gaps"
                + " WHERE stream_id = ? ORDER BY start_host_ns, id")) {
      ps.setLong(1, streamId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Gap> out = new ArrayList<>();
        while (rs.next()) {
          long end = rs.getLong(5);
          OptionalLong endOpt = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
          out.add(
              new Gap(
                  rs.getLong(1),
                  rs.getLong(2),
                  GapKind.fromSql(rs.getString(3)),
                  rs.getLong(4),
                  endOpt,
                  rs.getLong(6),
                  rs.getString(7)));
        }
        return out;
      }
    } catch (SQLException e) {
      throw translate("listing gaps of stream " + streamId, e);
    }
  }

  // ---------------------------------------------------------------- segments (labeled sets)

  /**
   * Starts a set live: a segment with an exercise and no end yet.
   *
   * @param sessionId the session
   * @param exercise the exercise label
   * @param startHostNanos when the set started
   * @return the stored segment
   * @throws SessionStoreException if another set is still open or overlaps, or on an SQLite failure
   */
  public Segment startSegment(long sessionId, String exercise, long startHostNanos)
      throws SessionStoreException {
    return addSegment(
        new Segment(0, sessionId, exercise, startHostNanos, OptionalLong.empty(), OptionalInt.empty(), false, ""));
  }

  /**
   * Ends a live set.
   *
   * @param segmentId the segment
   * @param endHostNanos when the set ended
   * @return the stored segment
   * @throws SessionStoreException if the segment does not exist, is already ended, or the end is
   *     before its start
   */
  public synchronized Segment endSegment(long segmentId, long endHostNanos) throws SessionStoreException {
    checkOpen();
    Segment s = findSegment(segmentId).orElseThrow(() -> invalid("there is no segment with id " + segmentId));
    if (s.endHostNanos().isPresent()) {
      throw invalid("segment " + segmentId + " (" + s.exercise() + ") has already ended");
    }
    if (endHostNanos < s.startHostNanos()) {
      throw invalid("segment " + segmentId + " would end before it starts");
    }
    return updateSegment(s.withBounds(s.startHostNanos(), endHostNanos));
  }

  /**
   * Adds a segment (e.g. labeling a set afterwards, or importing).
   *
   * @param segment the segment; its id is ignored
   * @return the stored segment with its id
   * @throws SessionStoreException if the session does not exist, the segment overlaps another, or
   *     on an SQLite failure
   */
  public synchronized Segment addSegment(Segment segment) throws SessionStoreException {
    checkOpen();
    if (findSession(segment.sessionId()).isEmpty()) {
      throw invalid("there is no session with id " + segment.sessionId());
    }
    checkNoOverlap(segment, 0);
    try {
      return insertSegment(segment);
    } catch (SQLException e) {
      throw translate("saving a segment of session " + segment.sessionId(), e);
    }
  }

  Segment insertSegment(Segment s) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO segments(session_id, exercise, start_host_ns, end_host_ns, rep_count,"
                + " incorrect_form, notes) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      bindSegment(ps, s);
      ps.executeUpdate();
      return new Segment(
          lastId(),
          s.sessionId(),
          s.exercise(),
          s.startHostNanos(),
          s.endHostNanos(),
          s.repCount(),
          s.incorrectForm(),
          s.notes());
    }
  }

  /**
   * Edits a segment afterwards: moves its boundaries, changes the exercise, sets the true rep
   * count, the incorrect-form flag or the notes.
   *
   * @param edited the segment as it should be stored (same id and session)
   * @return the stored segment
   * @throws SessionStoreException if the segment does not exist, would overlap another, or on an
   *     SQLite failure
   */
  public synchronized Segment updateSegment(Segment edited) throws SessionStoreException {
    checkOpen();
    Segment old =
        findSegment(edited.id()).orElseThrow(() -> invalid("there is no segment with id " + edited.id()));
    if (old.sessionId() != edited.sessionId()) {
      throw invalid("segment " + edited.id() + " cannot move to another session");
    }
    checkNoOverlap(edited, edited.id());
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE segments SET session_id = ?, exercise = ?, start_host_ns = ?, end_host_ns = ?,"
                + " rep_count = ?, incorrect_form = ?, notes = ? WHERE id = ?")) {
      bindSegment(ps, edited);
      ps.setLong(8, edited.id());
      ps.executeUpdate();
      return edited;
    } catch (SQLException e) {
      throw translate("updating segment " + edited.id(), e);
    }
  }

  /**
   * Deletes a segment (the samples stay).
   *
   * @param segmentId the segment
   * @return true if it existed
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized boolean deleteSegment(long segmentId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM segments WHERE id = ?")) {
      ps.setLong(1, segmentId);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw translate("deleting segment " + segmentId, e);
    }
  }

  /**
   * Changes a recorded set's exercise label. The edit is kept (see {@link #labelEdits}).
   *
   * @param segmentId the set
   * @param exercise the new exercise label
   * @return the stored set
   * @throws SessionStoreException if the set does not exist, or on an SQLite failure
   */
  public synchronized Segment relabelSegment(long segmentId, String exercise)
      throws SessionStoreException {
    Segment old = requireSegment(segmentId);
    Segment edited = old.withExercise(exercise);
    return transact(
        "relabeling segment " + segmentId,
        () -> {
          Segment stored = updateSegment(edited);
          recordEdit(old, segmentId, "relabel to " + exercise);
          return stored;
        });
  }

  /**
   * Marks a recorded set as done with incorrect form, or clears the mark. The edit is kept.
   *
   * @param segmentId the set
   * @param incorrect whether the form was incorrect
   * @return the stored set
   * @throws SessionStoreException if the set does not exist, or on an SQLite failure
   */
  public synchronized Segment markIncorrectForm(long segmentId, boolean incorrect)
      throws SessionStoreException {
    Segment old = requireSegment(segmentId);
    return transact(
        "marking the form of segment " + segmentId,
        () -> {
          Segment stored = updateSegment(old.withIncorrectForm(incorrect));
          recordEdit(old, segmentId, incorrect ? "mark incorrect form" : "mark correct form");
          return stored;
        });
  }

  /**
   * Splits a finished set in two at a host time: the first keeps {@code [start, at]}, the second
   * gets {@code (at, end]}. Both keep the exercise, form and notes; the true rep count is dropped
   * from both, since nobody knows how the reps divide. Both halves carry an edit.
   *
   * @param segmentId the set
   * @param atHostNanos where to split; strictly inside the set
   * @return the two sets, in time order
   * @throws SessionStoreException if the set does not exist, is still running, the time is not
   *     inside it, or on an SQLite failure
   */
  public synchronized List<Segment> splitSegment(long segmentId, long atHostNanos)
      throws SessionStoreException {
    Segment old = requireSegment(segmentId);
    if (old.endHostNanos().isEmpty()) {
      throw invalid("segment " + segmentId + " is still running; end it before splitting it");
    }
    long end = old.endHostNanos().getAsLong();
    if (atHostNanos <= old.startHostNanos() || atHostNanos >= end) {
      throw invalid(
          "segment "
              + segmentId
              + " can only be split strictly inside ["
              + old.startHostNanos()
              + ", "
              + end
              + "], not at "
              + atHostNanos);
    }
    Segment first =
        new Segment(
            old.id(),
            old.sessionId(),
            old.exercise(),
            old.startHostNanos(),
            OptionalLong.of(atHostNanos),
            OptionalInt.empty(),
            old.incorrectForm(),
            old.notes());
    Segment second =
        new Segment(
            0,
            old.sessionId(),
            old.exercise(),
            atHostNanos + 1,
            OptionalLong.of(end),
            OptionalInt.empty(),
            old.incorrectForm(),
            old.notes());
    return transact(
        "splitting segment " + segmentId,
        () -> {
          Segment a = updateSegment(first);
          Segment b = insertSegment(second);
          recordEdit(old, a.id(), "split at " + atHostNanos + " (first part)");
          recordEdit(old, b.id(), "split at " + atHostNanos + " (second part)");
          return List.of(a, b);
        });
  }

  /**
   * Merges two sets of a session into one spanning both (the earlier set's id and exercise). Rep
   * counts add up when both are known; the form is incorrect if either was; notes are joined. No
   * other set may lie between them.
   *
   * @param firstId one set
   * @param secondId the other set
   * @return the merged set
   * @throws SessionStoreException if a set does not exist, they belong to different sessions, one
   *     is still running, another set lies between them, or on an SQLite failure
   */
  public synchronized Segment mergeSegments(long firstId, long secondId)
      throws SessionStoreException {
    Segment x = requireSegment(firstId);
    Segment y = requireSegment(secondId);
    if (firstId == secondId) {
      throw invalid("segment " + firstId + " cannot be merged with itself");
    }
    if (x.sessionId() != y.sessionId()) {
      throw invalid("segments " + firstId + " and " + secondId + " belong to different sessions");
    }
    if (x.endHostNanos().isEmpty() || y.endHostNanos().isEmpty()) {
      throw invalid("a running set cannot be merged; end it first");
    }
    Segment a = x.startHostNanos() <= y.startHostNanos() ? x : y;
    Segment b = a == x ? y : x;
    OptionalInt reps =
        a.repCount().isPresent() && b.repCount().isPresent()
            ? OptionalInt.of(a.repCount().getAsInt() + b.repCount().getAsInt())
            : OptionalInt.empty();
    String notes =
        a.notes().isEmpty() ? b.notes() : b.notes().isEmpty() ? a.notes() : a.notes() + "; " + b.notes();
    Segment merged =
        new Segment(
            a.id(),
            a.sessionId(),
            a.exercise(),
            a.startHostNanos(),
            OptionalLong.of(Math.max(a.endHostNanos().getAsLong(), b.endHostNanos().getAsLong())),
            reps,
            a.incorrectForm() || b.incorrectForm(),
            notes);
    return transact(
        "merging segments " + firstId + " and " + secondId,
        () -> {
          // The later set goes first so the merged span is only checked against the others;
          // a set between the two then overlaps it and the whole merge rolls back.
          deleteSegment(b.id());
          Segment stored = updateSegment(merged);
          recordEdit(a, stored.id(), "merge with " + b.id());
          recordEdit(b, stored.id(), "merged into " + a.id());
          return stored;
        });
  }

  /**
   * Lists the label edits of a session, oldest first.
   *
   * @param sessionId the session
   * @return its edits; empty if the labels are as recorded
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<LabelEdit> labelEdits(long sessionId) throws SessionStoreException {
    return selectForSession(
        sessionId,
        "reading label edits of session " + sessionId,
        "SELECT id, session_id, segment_id, edited_at, action, before FROM label_edits"
            + " WHERE session_id = ? ORDER BY id",
        rs ->
            new LabelEdit(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                Instant.parse(rs.getString(4)),
                rs.getString(5),
                rs.getString(6)));
  }

  /**
   * Whether a set's label was edited after recording (the "edited" marker the Sessions view shows).
   *
   * @param segmentId the set
   * @return true if any edit touched it
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized boolean isEdited(long segmentId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT 1 FROM label_edits WHERE segment_id = ? LIMIT 1")) {
      ps.setLong(1, segmentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw translate("reading label edits of segment " + segmentId, e);
    }
  }

  private Segment requireSegment(long segmentId) throws SessionStoreException {
    checkOpen();
    return findSegment(segmentId)
        .orElseThrow(() -> invalid("there is no segment with id " + segmentId));
  }

  private void recordEdit(Segment before, long segmentId, String action) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO label_edits(session_id, segment_id, edited_at, action, before)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, before.sessionId());
      ps.setLong(2, segmentId);
      ps.setString(3, Instant.now().toString());
      ps.setString(4, action);
      ps.setString(5, describe(before));
      ps.executeUpdate();
    }
  }

  private static String describe(Segment s) {
    return s.exercise()
        + " ["
        + s.startHostNanos()
        + ", "
        + (s.endHostNanos().isPresent() ? Long.toString(s.endHostNanos().getAsLong()) : "open")
        + "] reps="
        + (s.repCount().isPresent() ? Integer.toString(s.repCount().getAsInt()) : "?")
        + (s.incorrectForm() ? " incorrect form" : "");
  }

  private static void bindSegment(PreparedStatement ps, Segment s) throws SQLException {
    ps.setLong(1, s.sessionId());
    ps.setString(2, s.exercise());
    ps.setLong(3, s.startHostNanos());
    if (s.endHostNanos().isPresent()) {
      ps.setLong(4, s.endHostNanos().getAsLong());
    } else {
      ps.setNull(4, Types.INTEGER);
    }
    if (s.repCount().isPresent()) {
      ps.setInt(5, s.repCount().getAsInt());
    } else {
      ps.setNull(5, Types.INTEGER);
    }
    ps.setInt(6, s.incorrectForm() ? 1 : 0);
    ps.setString(7, s.notes());
  }

  /** Sets may not overlap: each sample gets at most one label, which training relies on. */
  private void checkNoOverlap(Segment s, long ignoreId) throws SessionStoreException {
    for (Segment other : segments(s.sessionId())) {
      if (other.id() == ignoreId) {
        continue;
      }
      long aEnd = s.endHostNanos().orElse(Long.MAX_VALUE);
      long bEnd = other.endHostNanos().orElse(Long.MAX_VALUE);
      if (s.startHostNanos() <= bEnd && other.startHostNanos() <= aEnd) {
        throw invalid(
            "the set would overlap set "
                + other.id()
                + " ("
                + other.exercise()
                + (other.endHostNanos().isEmpty() ? ", still running" : "")
                + ")");
      }
    }
  }

  /**
   * Finds a segment.
   *
   * @param segmentId the segment's id
   * @return the segment, or empty if none has that id
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized Optional<Segment> findSegment(long segmentId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement(SEGMENT_COLUMNS + " WHERE id = ?")) {
      ps.setLong(1, segmentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(readSegment(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw translate("reading segment " + segmentId, e);
    }
  }

  /**
   * Lists a session's segments in time order.
   *
   * @param sessionId the session
   * @return its segments
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<Segment> segments(long sessionId) throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps =
        conn.prepareStatement(SEGMENT_COLUMNS + " WHERE session_id = ? ORDER BY start_host_ns, id")) {
      ps.setLong(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        List<Segment> out = new ArrayList<>();
        while (rs.next()) {
          out.add(readSegment(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw translate("listing segments of session " + sessionId, e);
    }
  }

  private static final String SEGMENT_COLUMNS =
      "SELECT id, session_id, exercise, start_host_ns, end_host_ns, rep_count, incorrect_form, notes"
          + " FROM segments";

  private static Segment readSegment(ResultSet rs) throws SQLException {
    long end = rs.getLong(5);
    OptionalLong endOpt = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(end);
    int reps = rs.getInt(6);
    OptionalInt repsOpt = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(reps);
    return new Segment(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        rs.getLong(4),
        endOpt,
        repsOpt,
        rs.getInt(7) != 0,
        rs.getString(8));
  }

  // ---------------------------------------------------------------- model output

  /**
   * Stores what a model predicted during a session.
   *
   * @param sessionId the session
   * @param labels predicted labels
   * @throws SessionStoreException if the session does not exist or on an SQLite failure
   */
  public synchronized void addPredictions(long sessionId, List<PredictedLabel> labels)
      throws SessionStoreException {
    insertForSession(
        sessionId,
        "saving predictions of session " + sessionId,
        "INSERT INTO predicted_labels(session_id, host_ns, label, confidence, model)"
            + " VALUES (?, ?, ?, ?, ?)",
        labels,
        (ps, p) -> {
          ps.setLong(2, p.hostNanos());
          ps.setString(3, p.label());
          ps.setDouble(4, p.confidence());
          ps.setString(5, p.model());
        });
  }

  /**
   * Lists a session's predicted labels in time order.
   *
   * @param sessionId the session
   * @return the predictions
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<PredictedLabel> predictions(long sessionId) throws SessionStoreException {
    return selectForSession(
        sessionId,
        "reading predictions of session " + sessionId,
        "SELECT host_ns, label, confidence, model FROM predicted_labels WHERE session_id = ?"
            + " ORDER BY host_ns, id",
        rs -> new PredictedLabel(rs.getLong(1), rs.getString(2), rs.getDouble(3), rs.getString(4)));
  }

  /**
   * Stores repetitions counted during a session.
   *
   * @param sessionId the session
   * @param reps rep events
   * @throws SessionStoreException if the session does not exist or on an SQLite failure
   */
  public synchronized void addRepEvents(long sessionId, List<RepEvent> reps) throws SessionStoreException {
    insertForSession(
        sessionId,
        "saving rep events of session " + sessionId,
        "INSERT INTO rep_events(session_id, host_ns, exercise, rep_number, model)"
            + " VALUES (?, ?, ?, ?, ?)",
        reps,
        (ps, r) -> {
          ps.setLong(2, r.hostNanos());
          ps.setString(3, r.exercise());
          ps.setInt(4, r.repNumber());
          ps.setString(5, r.model());
        });
  }

  /**
   * Lists a session's rep events in time order.
   *
   * @param sessionId the session
   * @return the rep events
   * @throws SessionStoreException on an SQLite failure
   */
  public synchronized List<RepEvent> repEvents(long sessionId) throws SessionStoreException {
    return selectForSession(
        sessionId,
        "reading rep events of session " + sessionId,
        "SELECT host_ns, exercise, rep_number, model FROM rep_events WHERE session_id = ?"
            + " ORDER BY host_ns, id",
        rs -> new RepEvent(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
  }

  /** Binds one item's columns after the session id (parameter 1). */
  @FunctionalInterface
  private interface RowBinder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }

  /** Reads one row of a result. */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /**
   * Model output (predictions, rep events) is written the same way: all of it or none, in one
   * transaction, and only for a session that exists, so a late writer can't leave orphans.
   */
  private <T> void insertForSession(
      long sessionId, String what, String insertSql, List<T> items, RowBinder<T> binder)
      throws SessionStoreException {
    checkOpen();
    if (findSession(sessionId).isEmpty()) {
      throw invalid("there is no session with id " + sessionId);
    }
    transact(
        what,
        () -> {
          try (PreparedStatement ps = conn.prepareStatement(insertSql)) {
            for (T item : items) {
              ps.setLong(1, sessionId);
              binder.bind(ps, item);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** Runs a query whose only parameter is the session id and maps every row. */
  private <T> List<T> selectForSession(
      long sessionId, String what, String selectSql, RowReader<T> reader)
      throws SessionStoreException {
    checkOpen();
    try (PreparedStatement ps = conn.prepareStatement(selectSql)) {
      ps.setLong(1, sessionId);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(reader.read(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw translate(what, e);
    }
  }

  // ---------------------------------------------------------------- plumbing

  /** Work run inside one transaction. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run() throws SQLException, SessionStoreException;
  }

  /**
   * Runs work in one transaction, rolling back on any failure so that a full disk or a bad row
   * never leaves half a batch behind.
   */
  synchronized <T> T transact(String action, SqlWork<T> work) throws SessionStoreException {
    checkOpen();
    try {
      conn.setAutoCommit(false);
    } catch (SQLException e) {
      throw translate(action, e);
    }
    try {
      T result = work.run();
      conn.commit();
      return result;
    } catch (SQLException e) {
      rollbackAfter(e);
      throw translate(action, e);
    } catch (SessionStoreException | RuntimeException e) {
      rollbackAfter(e);
      throw e;
    } finally {
      try {
        conn.setAutoCommit(true);
      } catch (SQLException ignored) {
        // SQLite already rolled back on its own (it does after SQLITE_FULL), so there was nothing
        // to commit; the driver has switched back to autocommit regardless.
      }
    }
  }

  private void rollbackAfter(Exception failure) {
    try {
      conn.rollback();
    } catch (SQLException e) {
      // After SQLITE_FULL SQLite has rolled back by itself; keep the first error, it's the useful one.
      failure.addSuppressed(e);
    }
  }

  private long lastId() throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the session store " + file + " is closed");
    }
  }

  SessionStoreException invalid(String problem) {
    return new SessionStoreException(SessionStoreException.Reason.INVALID_REQUEST, file, problem);
  }

  SessionStoreException translate(String action, SQLException e) {
    if (readOnly && code(e) == SQLiteErrorCode.SQLITE_READONLY) {
      return new SessionStoreException(
          SessionStoreException.Reason.READ_ONLY,
          file,
          "was opened for reading only, so " + action + " is not possible.",
          e);
    }
    return translate(file, action, e);
  }

  /**
   * The primary SQLite result code of a failure (extended codes such as {@code
   * SQLITE_IOERR_WRITE} fold into theirs), or {@link SQLiteErrorCode#UNKNOWN_ERROR}.
   */
  static SQLiteErrorCode code(SQLException e) {
    int raw = e instanceof SQLiteException se ? se.getResultCode().code : e.getErrorCode();
    return SQLiteErrorCode.getErrorCode(raw & 0xff);
  }

  static SessionStoreException translate(Path file, String action, SQLException e) {
    String detail = " (SQLite: " + e.getMessage() + ")";
    return switch (code(e)) {
      case SQLITE_FULL -> new SessionStoreException(
          SessionStoreException.Reason.DISK_FULL,
          file,
          "the disk (or the store's size limit) is full while "
              + action
              + "; everything saved before is intact. Free some space and try again."
              + detail,
          e);
      case SQLITE_CORRUPT -> new SessionStoreException(
          SessionStoreException.Reason.CORRUPT,
          file,
          "the database is damaged (found while " + action + ")." + detail,
          e);
      case SQLITE_NOTADB -> new SessionStoreException(
          SessionStoreException.Reason.NOT_A_DATABASE,
          file,
          "is not an SQLite database (found while " + action + ")." + detail,
          e);
      case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH -> new SessionStoreException(
          SessionStoreException.Reason.READ_ONLY,
          file,
          "cannot be written (while " + action + "): check permissions and free space." + detail,
          e);
      case SQLITE_BUSY, SQLITE_LOCKED -> new SessionStoreException(
          SessionStoreException.Reason.BUSY,
          file,
          "is locked by another process (while " + action + ")." + detail,
          e);
      default -> new SessionStoreException(
          SessionStoreException.Reason.IO, file, "failed while " + action + "." + detail, e);
    };
  }

  private static long epochNanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private static Instant fromEpochNanos(long ns) {
    return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Already failing with a better exception; the close error would only hide it.
    }
  }

  /**
   * Closes the database; further calls throw {@link IllegalStateException}. Closing twice is
   * harmless.
   *
   * @throws SessionStoreException if SQLite fails to close the file cleanly (committed data is
   *     safe either way)
   */
  @Override
  public synchronized void close() throws SessionStoreException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      conn.close();
    } catch (SQLException e) {
      CHECKED.remove(file);
      throw translate("closing", e);
    }
    if (!readOnly && CHECKED.containsKey(file)) {
      // What this process wrote since the check changed the stamp; it is still known good.
      FileStamp.of(file).ifPresentOrElse(stamp -> CHECKED.put(file, stamp), () -> CHECKED.remove(file));
    }
  }
}
