package org.imucompanion.models.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVPrinter;
import org.imucompanion.models.dataset.CsvRows;
import org.imucompanion.models.dataset.CsvText;
import org.imucompanion.models.dataset.DatasetFormatException;
import org.imucompanion.models.dataset.PhysicalLimits;

/**
 * Exports a stream of a session (or one set of it) to CSV, one row per sample, and imports such a
 * file back as a new session. The columns are documented in {@code docs/SESSION_STORE.md}:
 *
 * <pre>
 * # imu-companion session csv 1
 * # device_kind: wristband            (more "# key: value" lines: session, stream, rate ...)
 * host_time_ns,device_time_us,time_s,accel_x [g],...,gyro_z [rad/s],set,exercise,rep_count,incorrect_form
 * </pre>
 *
 * <p>Values are written with {@link Double#toString(double)}, the shortest text that parses back
 * to the same double, so export then import is lossless. Text goes through Apache Commons CSV
 * with RFC 4180 quoting ({@link CsvText}), so a label holding a comma, a quote or a line break
 * reads back as it was; a text cell a spreadsheet would run as a formula ({@code =HYPERLINK(...)})
 * gets a leading single quote, which the import takes off again. Set boundaries come back snapped
 * to the first and last sample of each set, which is what training sees anyway; gaps are not
 * exported (they show as jumps in {@code host_time_ns}).
 *
 * <p>An export never follows a symbolic link and never replaces an existing file unless asked
 * to; it writes a temporary file beside the target and renames it into place ({@link
 * AtomicFile}), so a kill mid-export never leaves a truncated CSV under the final name. An import
 * reads and checks the whole file (UTF-8, row length, every cell, values within {@link
 * PhysicalLimits}) before it writes one row, in one transaction.
 */
public final class SessionCsv {
  /** First line of every file, with the format version. */
  public static final String MAGIC = "# imu-companion session csv 1";

  private static final List<String> LEADING = List.of("host_time_ns", "device_time_us", "time_s");
  private static final List<String> TRAILING = List.of("set", "exercise", "rep_count", "incorrect_form");
  private static final Pattern CHANNEL_HEADER = Pattern.compile("([A-Za-z][A-Za-z0-9_]*) \\[([^\\]]*)\\]");

  private SessionCsv() {}

  /**
   * The unit a channel is written in, from its canonical name prefix (see {@code
   * org.imucompanion.models.Channels}); {@code 1} for dimensionless or unknown channels.
   *
   * @param channel a channel name
   * @return the unit shown in the CSV header
   */
  public static String unitOf(String channel) {
    return PhysicalLimits.unitOf(channel);
  }

  /**
   * Writes a whole stream to a file that must not exist yet.
   *
   * @param store the store
   * @param streamId the stream
   * @param csv the file to write
   * @return the number of sample rows written
   * @throws SessionStoreException if the stream does not exist, the file exists or is a
   *     symbolic link, or the CSV can't be written
   */
  public static long exportStream(SessionStore store, long streamId, Path csv) throws SessionStoreException {
    return exportStream(store, streamId, csv, false);
  }

  /**
   * Writes a whole stream (see the class comment for how the file is written safely).
   *
   * @param store the store
   * @param streamId the stream
   * @param csv the file to write
   * @param replace whether an existing regular file of that name may be replaced
   * @return the number of sample rows written
   * @throws SessionStoreException if the stream does not exist, the file exists and {@code
   *     replace} is false, the name is a symbolic link or not a regular file, or the CSV can't
   *     be written
   */
  public static long exportStream(SessionStore store, long streamId, Path csv, boolean replace)
      throws SessionStoreException {
    return export(store, streamId, Optional.empty(), csv, replace);
  }

  /**
   * Writes one set (the samples of a stream inside one segment) to a file that must not exist
   * yet.
   *
   * @param store the store
   * @param streamId the stream
   * @param segmentId the set
   * @param csv the file to write
   * @return the number of sample rows written
   * @throws SessionStoreException if the stream or set does not exist or belong together, the
   *     file exists or is a symbolic link, or the CSV can't be written
   */
  public static long exportSet(SessionStore store, long streamId, long segmentId, Path csv)
      throws SessionStoreException {
    Segment seg =
        store.findSegment(segmentId).orElseThrow(() -> store.invalid("there is no set with id " + segmentId));
    return export(store, streamId, Optional.of(seg), csv, false);
  }

  /**
   * The files {@link #exportSession} writes for a session, without writing them: {@code
   * session-<id>-<stream>.csv} in the directory, one per stream.
   *
   * @param store the store
   * @param sessionId the session
   * @param directory where they would go
   * @return the files, in stream order
   * @throws SessionStoreException if the session does not exist
   */
  public static List<Path> sessionFiles(SessionStore store, long sessionId, Path directory)
      throws SessionStoreException {
    store.findSession(sessionId).orElseThrow(() -> store.invalid("there is no session with id " + sessionId));
    List<Path> files = new ArrayList<>();
    for (StreamInfo st : store.streams(sessionId)) {
      files.add(directory.resolve("session-" + sessionId + "-" + st.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv"));
    }
    return files;
  }

  /**
   * Writes every stream of a session into a directory, one file per stream named as {@link
   * #sessionFiles} says; none of them may exist yet.
   *
   * @param store the store
   * @param sessionId the session
   * @param directory where to write (created if missing)
   * @return the files written
   * @throws SessionStoreException if the session does not exist, a file exists or is a symbolic
   *     link, or a file can't be written
   */
  public static List<Path> exportSession(SessionStore store, long sessionId, Path directory)
      throws SessionStoreException {
    return exportSession(store, sessionId, directory, false);
  }

  /**
   * Writes every stream of a session into a directory, one file per stream named as {@link
   * #sessionFiles} says. Every name is checked before the first file is written, so a refused
   * export writes nothing.
   *
   * @param store the store
   * @param sessionId the session
   * @param directory where to write (created if missing)
   * @param replace whether existing regular files of those names may be replaced
   * @return the files written
   * @throws SessionStoreException if the session does not exist, a file exists and {@code
   *     replace} is false, a name is a symbolic link or not a regular file, or a file can't be
   *     written
   */
  public static List<Path> exportSession(
      SessionStore store, long sessionId, Path directory, boolean replace)
      throws SessionStoreException {
    List<Path> files = sessionFiles(store, sessionId, directory);
    for (Path f : files) {
      checkTarget(f, replace);
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new SessionStoreException(SessionStoreException.Reason.IO, directory, "cannot create the export directory: " + e, e);
    }
    List<StreamInfo> streams = store.streams(sessionId);
    for (int i = 0; i < streams.size(); i++) {
      exportStream(store, streams.get(i).id(), files.get(i), replace);
    }
    return files;
  }

  /**
   * Checks that an export may write a file: it is not a symbolic link (which a write would
   * follow out of the chosen directory), not a directory or device, and does not exist unless
   * {@code replace}.
   *
   * @param target the file an export would write
   * @param replace whether an existing regular file may be replaced
   * @throws SessionStoreException {@link SessionStoreException.Reason#INVALID_REQUEST} saying which
   */
  public static void checkTarget(Path target, boolean replace) throws SessionStoreException {
    if (Files.isSymbolicLink(target)) {
      throw new SessionStoreException(SessionStoreException.Reason.INVALID_REQUEST, target,
          "is a symbolic link; an export never writes through or over one");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new SessionStoreException(SessionStoreException.Reason.INVALID_REQUEST, target,
            "exists and is not a regular file");
      }
      if (!replace) {
        throw new SessionStoreException(SessionStoreException.Reason.INVALID_REQUEST, target,
            "already exists; not replaced unless asked to (--force)");
      }
    }
  }

  private static long export(SessionStore store, long streamId, Optional<Segment> only, Path csv, boolean replace)
      throws SessionStoreException {
    StreamInfo st = store.findStream(streamId).orElseThrow(() -> store.invalid("there is no stream with id " + streamId));
    Session session = store.findSession(st.sessionId()).orElseThrow();
    if (only.isPresent() && only.get().sessionId() != session.id()) {
      throw store.invalid("set " + only.get().id() + " is not in session " + session.id() + " of stream " + streamId);
    }
    checkTarget(csv, replace);
    List<Segment> sets = store.segments(session.id());
    SampleBlock samples =
        only.isPresent()
            ? store.readSamples(streamId, only.get().startHostNanos(), only.get().endHostNanos().orElse(Long.MAX_VALUE))
            : store.readSamples(streamId);
    AtomicFile.write(csv, replace, w -> {
      CSVPrinter out = new CSVPrinter(w, CsvText.WRITE_FORMAT);
      out.printComment(MAGIC.substring(2));
      meta(out, "session", Long.toString(session.id()));
      meta(out, "started_at", session.startedAt().toString());
      meta(out, "host_origin_ns", Long.toString(session.hostOriginNanos()));
      meta(out, "device_kind", session.deviceKind());
      meta(out, "firmware_version", session.firmwareVersion());
      meta(out, "placement", session.placement());
      meta(out, "stream", st.name());
      meta(out, "stream_device_kind", st.deviceKind());
      meta(out, "address", st.address());
      meta(out, "nominal_rate_hz", Double.toString(st.nominalRateHz()));
      List<String> header = new ArrayList<>(LEADING);
      for (String c : st.channels()) {
        header.add(CsvText.forSpreadsheet(c + " [" + unitOf(c) + "]"));
      }
      header.addAll(TRAILING);
      out.printRecord(header);
      int setIndex = 0;
      for (int i = 0; i < samples.size(); i++) {
        long t = samples.hostNanos(i);
        while (setIndex < sets.size() && sets.get(setIndex).endHostNanos().orElse(Long.MAX_VALUE) < t) {
          setIndex++;
        }
        out.print(t);
        out.print(samples.deviceMicros(i));
        out.print((t - session.hostOriginNanos()) / 1e9);
        for (int c = 0; c < samples.channelCount(); c++) {
          out.print(samples.value(i, c));
        }
        if (setIndex < sets.size() && sets.get(setIndex).contains(t)) {
          Segment s = sets.get(setIndex);
          out.print(setIndex + 1);
          out.print(CsvText.forSpreadsheet(s.exercise()));
          out.print(s.repCount().isPresent() ? Integer.toString(s.repCount().getAsInt()) : "");
          out.print(s.incorrectForm() ? 1 : 0);
        } else {
          out.print("");
          out.print("");
          out.print("");
          out.print("");
        }
        out.println();
      }
      out.flush();
    });
    return samples.size();
  }

  /**
   * One {@code # key: value} line. Line breaks become spaces (a comment is one line), and
   * since a spreadsheet splits the line at its commas, every piece after a comma is neutralised
   * like a text cell.
   */
  private static void meta(CSVPrinter out, String key, String value) throws IOException {
    String[] pieces = value.replace('\n', ' ').replace('\r', ' ').split(",", -1);
    for (int i = 1; i < pieces.length; i++) {
      pieces[i] = CsvText.forSpreadsheetComment(pieces[i]);
    }
    out.printComment(key + ": " + String.join(",", pieces));
  }

  /** Undoes {@link #meta}'s neutralisation of a value read back. */
  private static String metaValue(String written) {
    String[] pieces = written.split(",", -1);
    for (int i = 1; i < pieces.length; i++) {
      pieces[i] = CsvText.fromSpreadsheetComment(pieces[i]);
    }
    return String.join(",", pieces);
  }

  /**
   * Imports a file written by {@link #exportStream} (or by hand in the same format) as a new,
   * complete session with one stream and its sets. The whole file is checked before anything is
   * written, and the import is one transaction: a bad file leaves the store as it was.
   *
   * @param store the store
   * @param csv the file
   * @param athleteId the athlete to attach the session to, if any
   * @return the new session
   * @throws SessionStoreException {@link SessionStoreException.Reason#BAD_CSV} naming the file,
   *     line and column when the columns or a value are wrong; other reasons for store failures
   */
  public static Session importFile(SessionStore store, Path csv, Optional<Long> athleteId)
      throws SessionStoreException {
    return importFiles(store, List.of(csv), athleteId).get(0);
  }

  /**
   * Imports several files written by {@link #exportStream}, each as a new complete session.
   * Every file is read and checked before anything is written, and all of them are written in
   * one transaction: one bad file, a failure or a kill part way leaves the store as it was.
   *
   * @param store the store
   * @param files the files, imported in this order
   * @param athleteId the athlete to attach the sessions to, if any
   * @return the new sessions, in the order of the files
   * @throws SessionStoreException {@link SessionStoreException.Reason#BAD_CSV} naming the file,
   *     line and column of the first problem; other reasons for store failures
   */
  public static List<Session> importFiles(SessionStore store, List<Path> files, Optional<Long> athleteId)
      throws SessionStoreException {
    List<Prepared> prepared = new ArrayList<>();
    for (Path csv : files) {
      prepared.add(prepare(csv, athleteId));
    }
    List<Long> ids =
        store.transact(
            "importing " + (files.size() == 1 ? files.get(0) : files.size() + " CSV files"),
            () -> {
              List<Long> created = new ArrayList<>();
              for (Prepared one : prepared) {
                created.add(write(store, one));
              }
              return created;
            });
    List<Session> sessions = new ArrayList<>();
    for (long id : ids) {
      sessions.add(store.findSession(id).orElseThrow());
    }
    return sessions;
  }

  /** A checked file, ready to be written. */
  private record Prepared(NewSession spec, NewStream stream, Parsed parsed, Instant ended) {}

  private static Prepared prepare(Path csv, Optional<Long> athleteId) throws SessionStoreException {
    Parsed p = parse(csv);
    Map<String, String> m = p.meta;
    Instant started;
    try {
      started = m.containsKey("started_at") ? Instant.parse(m.get("started_at")) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      throw bad(csv, p.metaLines.get("started_at"), 0, "started_at is not an ISO-8601 instant: " + CsvText.excerpt(m.get("started_at")));
    }
    long origin = metaLong(csv, p, "host_origin_ns", p.samples.size() > 0 ? p.samples.hostNanos(0) : 0);
    double rate = estimateRate(csv, p);
    NewSession spec =
        new NewSession(
            athleteId,
            m.getOrDefault("device_kind", "imported"),
            m.getOrDefault("firmware_version", ""),
            m.getOrDefault("placement", ""),
            "imported from " + csv.getFileName(),
            started,
            origin);
    NewStream stream =
        new NewStream(
            m.getOrDefault("stream", "imported"),
            m.getOrDefault("stream_device_kind", spec.deviceKind()),
            m.getOrDefault("address", csv.getFileName().toString()),
            p.channels,
            rate);
    Instant ended;
    try {
      ended = started.plusNanos(p.samples.size() > 0 ? Math.subtractExact(p.samples.hostNanos(p.samples.size() - 1), origin) : 0);
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw bad(csv, p.metaLines.get("host_origin_ns"), 0, "the last host_time_ns is too far from host_origin_ns and started_at to be a time");
    }
    return new Prepared(spec, stream, p, ended);
  }

  private static long write(SessionStore store, Prepared one) throws SessionStoreException, java.sql.SQLException {
    Session s = store.startSession(one.spec());
    StreamInfo st = store.addStream(s.id(), one.stream());
    if (one.parsed().samples.size() > 0) {
      store.insertBlock(st.id(), one.parsed().samples);
    }
    for (Segment seg : one.parsed().sets) {
      store.insertSegment(
          new Segment(0, s.id(), seg.exercise(), seg.startHostNanos(), seg.endHostNanos(), seg.repCount(), seg.incorrectForm(), ""));
    }
    store.finishSession(s.id(), one.ended());
    return s.id();
  }

  private static double estimateRate(Path csv, Parsed p) throws SessionStoreException {
    if (p.meta.containsKey("nominal_rate_hz")) {
      try {
        double r = Double.parseDouble(p.meta.get("nominal_rate_hz"));
        if (r > 0 && !Double.isInfinite(r)) {
          return r;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw bad(csv, p.metaLines.get("nominal_rate_hz"), 0, "nominal_rate_hz must be a positive number: " + CsvText.excerpt(p.meta.get("nominal_rate_hz")));
    }
    int n = p.samples.size();
    if (n >= 2 && p.samples.hostNanos(n - 1) > p.samples.hostNanos(0)) {
      return (n - 1) * 1e9 / (p.samples.hostNanos(n - 1) - p.samples.hostNanos(0));
    }
    return 1;
  }

  private static long metaLong(Path csv, Parsed p, String key, long fallback) throws SessionStoreException {
    if (!p.meta.containsKey(key)) {
      return fallback;
    }
    try {
      return Long.parseLong(p.meta.get(key));
    } catch (NumberFormatException e) {
      throw bad(csv, p.metaLines.get(key), 0, key + " must be an integer: " + CsvText.excerpt(p.meta.get(key)));
    }
  }

  private static final class Parsed {
    final Map<String, String> meta = new HashMap<>();
    final Map<String, Long> metaLines = new HashMap<>();
    List<String> channels;
    SampleBlock samples;
    final List<Segment> sets = new ArrayList<>();
  }

  private static Parsed parse(Path csv) throws SessionStoreException {
    Parsed p = new Parsed();
    try (CsvRows rows = CsvRows.open(csv, true)) {
      Optional<CsvRows.Row> first = rows.next();
      if (first.isEmpty()) {
        throw bad(csv, 1L, 0, "has no header row (expected " + String.join(",", LEADING) + ",<channels>," + String.join(",", TRAILING) + ")");
      }
      for (CsvRows.Comment c : first.get().comments()) {
        int colon = c.text().indexOf(':');
        if (colon > 0) {
          String key = c.text().substring(0, colon).trim();
          p.meta.put(key, metaValue(c.text().substring(colon + 1).trim()));
          p.metaLines.put(key, c.line());
        }
      }
      List<String> header = new ArrayList<>();
      for (String cell : first.get().cells()) {
        header.add(CsvText.fromSpreadsheet(cell.trim()));
      }
      long headerLine = first.get().line();
      checkHeader(csv, headerLine, header, p);
      int channels = p.channels.size();
      int columns = header.size();
      String[] units = new String[channels];
      for (int c = 0; c < channels; c++) {
        units[c] = unitOf(p.channels.get(c));
      }
      p.samples = new SampleBlock(channels, 1024);
      double[] values = new double[channels];
      SetBuilder current = null;
      Optional<CsvRows.Row> next;
      while ((next = rows.next()).isPresent()) {
        CsvRows.Row row = next.get();
        long lineNo = row.line();
        List<String> cells = row.cells();
        if (cells.size() != columns) {
          throw bad(csv, lineNo, Math.min(cells.size(), columns) + 1, "has " + cells.size() + " cells, the header has " + columns + " columns");
        }
        long host = parseLong(csv, lineNo, 1, header.get(0), cells.get(0));
        long device = parseLong(csv, lineNo, 2, header.get(1), cells.get(1));
        for (int c = 0; c < channels; c++) {
          values[c] = parseDouble(csv, lineNo, 4 + c, header.get(3 + c), cells.get(3 + c));
          Optional<String> out = PhysicalLimits.problem(values[c], units[c]);
          if (out.isPresent()) {
            throw bad(csv, lineNo, 4 + c, header.get(3 + c), out.get());
          }
        }
        p.samples.add(host, device, values);
        int base = 3 + channels;
        String setCell = cells.get(base).trim();
        if (setCell.isEmpty()) {
          if (current != null) {
            p.sets.add(current.build());
            current = null;
          }
          continue;
        }
        long setNo = parseLong(csv, lineNo, base + 1, "set", setCell);
        String exercise = CsvText.fromSpreadsheet(cells.get(base + 1).trim());
        if (exercise.isEmpty()) {
          throw bad(csv, lineNo, base + 2, "exercise", "is empty but the row is in set " + setNo);
        }
        String repsCell = cells.get(base + 2).trim();
        OptionalInt reps = repsCell.isEmpty() ? OptionalInt.empty() : OptionalInt.of(parseCount(csv, lineNo, base + 3, "rep_count", repsCell));
        String formCell = cells.get(base + 3).trim();
        if (!formCell.equals("0") && !formCell.equals("1")) {
          throw bad(csv, lineNo, base + 4, "incorrect_form", "must be 0 or 1, not " + CsvText.excerpt(formCell));
        }
        if (current != null && current.number != setNo) {
          p.sets.add(current.build());
          current = null;
        }
        if (current == null) {
          current = new SetBuilder(setNo, exercise, reps, formCell.equals("1"), host);
        }
        current.end = host;
      }
      if (current != null) {
        p.sets.add(current.build());
      }
    } catch (DatasetFormatException e) {
      throw new SessionStoreException(SessionStoreException.Reason.BAD_CSV, csv, e.detail(), e);
    } catch (IOException e) {
      throw new SessionStoreException(SessionStoreException.Reason.IO, csv, "cannot read the CSV file: " + e.getMessage(), e);
    }
    return p;
  }

  private static void checkHeader(Path csv, long line, List<String> header, Parsed p) throws SessionStoreException {
    for (int i = 0; i < LEADING.size(); i++) {
      if (i >= header.size() || !header.get(i).trim().equals(LEADING.get(i))) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + " must be '" + LEADING.get(i) + "' but is " + CsvText.excerpt(i < header.size() ? header.get(i) : ""));
      }
    }
    int channelEnd = header.size() - TRAILING.size();
    if (channelEnd <= LEADING.size()) {
      throw bad(csv, line, header.size(), "the header has no channel columns between time_s and set (expected e.g. 'accel_x [g]')");
    }
    for (int i = 0; i < TRAILING.size(); i++) {
      String got = header.get(channelEnd + i).trim();
      if (!got.equals(TRAILING.get(i))) {
        throw bad(csv, line, channelEnd + i + 1, "header column " + (channelEnd + i + 1) + " must be '" + TRAILING.get(i) + "' but is " + CsvText.excerpt(got) + " (the last four columns are " + String.join(",", TRAILING) + ")");
      }
    }
    List<String> channels = new ArrayList<>();
    for (int i = LEADING.size(); i < channelEnd; i++) {
      String cell = header.get(i).trim();
      Matcher m = CHANNEL_HEADER.matcher(cell);
      if (!m.matches()) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + " " + CsvText.excerpt(cell) + " is not a channel written as 'name [unit]', e.g. 'accel_x [g]'");
      }
      String name = m.group(1);
      String unit = m.group(2);
      if (!unit.equals(unitOf(name))) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + " " + CsvText.excerpt(cell) + ": " + name + " must be in " + unitOf(name) + ", not " + CsvText.excerpt(unit));
      }
      if (channels.contains(name)) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + ": channel " + name + " appears twice");
      }
      channels.add(name);
    }
    p.channels = channels;
  }

  private static final class SetBuilder {
    final long number;
    final String exercise;
    final OptionalInt reps;
    final boolean incorrect;
    final long start;
    long end;

    SetBuilder(long number, String exercise, OptionalInt reps, boolean incorrect, long start) {
      this.number = number;
      this.exercise = exercise;
      this.reps = reps;
      this.incorrect = incorrect;
      this.start = start;
      this.end = start;
    }

    Segment build() {
      return new Segment(0, 0, exercise, start, OptionalLong.of(end), reps, incorrect, "");
    }
  }

  private static long parseLong(Path csv, long line, int col, String column, String cell) throws SessionStoreException {
    try {
      return Long.parseLong(cell.trim());
    } catch (NumberFormatException e) {
      throw bad(csv, line, col, column, CsvText.excerpt(cell) + " is not an integer");
    }
  }

  private static int parseCount(Path csv, long line, int col, String column, String cell) throws SessionStoreException {
    long n = parseLong(csv, line, col, column, cell);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw bad(csv, line, col, column, n + " is not a count from 0 to " + Integer.MAX_VALUE);
    }
    return (int) n;
  }

  private static double parseDouble(Path csv, long line, int col, String column, String cell) throws SessionStoreException {
    try {
      return parseValue(cell);
    } catch (NumberFormatException e) {
      throw bad(csv, line, col, column, CsvText.excerpt(cell) + " is not a number");
    }
  }

  /**
   * Parses a value cell: Java's decimal syntax plus {@code NaN}, {@code Infinity}, {@code
   * -Infinity} as {@link Double#toString} writes them; hexadecimal floats and type suffixes are
   * refused so that a typo like {@code 1.5f} doesn't pass silently. (The import then refuses
   * non-finite values, and finite ones outside {@link PhysicalLimits}, naming line and column.)
   */
  static double parseValue(String cell) {
    String t = cell.trim();
    if (t.isEmpty() || t.startsWith("0x") || t.startsWith("-0x")) {
      throw new NumberFormatException("not a number: '" + cell + "'");
    }
    char last = Character.toLowerCase(t.charAt(t.length() - 1));
    if (last == 'f' || last == 'd') {
      throw new NumberFormatException("not a number: '" + cell + "'");
    }
    return Double.parseDouble(t);
  }

  private static SessionStoreException bad(Path csv, long line, int col, String column, String problem) {
    return new SessionStoreException(
        SessionStoreException.Reason.BAD_CSV, csv, "line " + line + ", column " + col + " (" + column + "): " + problem);
  }

  private static SessionStoreException bad(Path csv, Long line, int col, String problem) {
    String where = "line " + (line == null ? "?" : line) + (col > 0 ? ", column " + col : "");
    return new SessionStoreException(SessionStoreException.Reason.BAD_CSV, csv, where + ": " + problem);
  }
}
