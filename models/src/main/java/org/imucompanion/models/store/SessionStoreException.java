package org.imucompanion.models.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A problem with the session store's file or with data given to it, always naming the file and
 * saying what is wrong in words a user can act on (free disk space, pick another file, upgrade the
 * application).
 */
public final class SessionStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, so that callers can react without parsing the message. */
  public enum Reason {
    /**
     * The file is not a session store: not an SQLite database at all (random bytes, another
     * format), or an empty file or database offered to a command that only reads.
     */
    NOT_A_DATABASE,
    /** A command that only reads was given a store file that does not exist (nothing is created). */
    MISSING,
    /** The file is an SQLite database that belongs to some other application. */
    FOREIGN_DATABASE,
    /** The file was written by a newer version of IMU Companion with a schema we don't know. */
    NEWER_SCHEMA,
    /** SQLite found damaged pages while reading or writing. */
    CORRUPT,
    /** The disk (or the configured size limit) is full; nothing already committed is lost. */
    DISK_FULL,
    /** The file or its directory cannot be written, or the store was opened for reading only. */
    READ_ONLY,
    /** Another process holds the database locked for longer than the busy timeout. */
    BUSY,
    /** A CSV file does not have the expected columns or values. */
    BAD_CSV,
    /** A request refers to a session, stream or segment that does not exist or is in the wrong state. */
    INVALID_REQUEST,
    /** Any other I/O or SQLite failure. */
    IO
  }

  private final Reason reason;
  private final Path file;
  private final String problem;

  /**
   * Creates an exception.
   *
   * @param reason what went wrong
   * @param file the database or CSV file concerned
   * @param problem a sentence saying what is wrong, without the file name (it is added)
   * @param cause the underlying exception, may be null
   */
  public SessionStoreException(Reason reason, Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.file = Objects.requireNonNull(file, "file");
    this.problem = problem;
  }

  /**
   * Creates an exception without a cause.
   *
   * @param reason what went wrong
   * @param file the database or CSV file concerned
   * @param problem a sentence saying what is wrong, without the file name (it is added)
   */
  public SessionStoreException(Reason reason, Path file, String problem) {
    this(reason, file, problem, null);
  }

  /**
   * Returns the reason.
   *
   * @return what went wrong
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns what is wrong without the file name in front, for messages that name the file
   * themselves or wrap this one.
   *
   * @return the sentence given when the exception was made
   */
  public String problem() {
    return problem;
  }

  /**
   * Returns the file concerned.
   *
   * @return the database or CSV file the problem is about
   */
  public Path file() {
    return file;
  }
}
