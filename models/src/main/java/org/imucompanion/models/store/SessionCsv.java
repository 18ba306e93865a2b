package org.imucompanion.models.store;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.imucompanion.models.dataset.CsvLine;

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
 * to the same double, so export then import is lossless. Set boundaries come back snapped to the
 * first and last sample of each set, which is what training sees anyway; gaps are not exported
 * (they show as jumps in {@code host_time_ns}).
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
    if (channel.startsWith("accel_") || channel.startsWith("gravity_") || channel.startsWith("lin_acc_")) {
      return "g";
    }
    if (channel.startsWith("gyro_")) {
      return "rad/s";
    }
    if (channel.startsWith("mag_")) {
      return "uT";
    }
    if (channel.startsWith("emg_")) {
      return "counts";
    }
    return "1";
  }

  /**
   * Writes a whole stream.
   *
   * @param store the store
   * @param streamId the stream
   * @param csv the file to write (replaced if it exists)
   * @return the number of sample rows written
   * @throws SessionStoreException if the stream does not exist, or the CSV can't be written
   */
  public static long exportStream(SessionStore store, long streamId, Path csv) throws SessionStoreException {
    return export(store, streamId, Optional.empty(), csv);
  }

  /**
   * Writes one set (the samples of a stream inside one segment).
   *
   * @param store the store
   * @param streamId the stream
   * @param segmentId the set
   * @param csv the file to write
   * @return the number of sample rows written
   * @throws SessionStoreException if the stream or set does not exist or belong together, or the
   *     CSV can't be written
   */
  public static long exportSet(SessionStore store, long streamId, long segmentId, Path csv)
      throws SessionStoreException {
    Segment seg =
        store.findSegment(segmentId).orElseThrow(() -> store.invalid("there is no set with id " + segmentId));
    return export(store, streamId, Optional.of(seg), csv);
  }

  /**
   * Writes every stream of a session into a directory, one file per stream named {@code
   * session-<id>-<stream>.csv}.
   *
   * @param store the store
   * @param sessionId the session
   * @param directory where to write (created if missing)
   * @return the files written
   * @throws SessionStoreException if the session does not exist or a file can't be written
   */
  public static List<Path> exportSession(SessionStore store, long sessionId, Path directory)
      throws SessionStoreException {
    store.findSession(sessionId).orElseThrow(() -> store.invalid("there is no session with id " + sessionId));
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new SessionStoreException(SessionStoreException.Reason.IO, directory, "cannot create the export directory: " + e, e);
    }
    List<Path> files = new ArrayList<>();
    for (StreamInfo st : store.streams(sessionId)) {
      Path f = directory.resolve("session-" + sessionId + "-" + st.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv");
      exportStream(store, st.id(), f);
      files.add(f);
    }
    return files;
  }

  private static long export(SessionStore store, long streamId, Optional<Segment> only, Path csv)
      throws SessionStoreException {
    StreamInfo st = store.findStream(streamId).orElseThrow(() -> store.invalid("there is no stream with id " + streamId));
    Session session = store.findSession(st.sessionId()).orElseThrow();
    if (only.isPresent() && only.get().sessionId() != session.id()) {
      throw store.invalid("set " + only.get().id() + " is not in session " + session.id() + " of stream " + streamId);
    }
    List<Segment> sets = store.segments(session.id());
    SampleBlock samples =
        only.isPresent()
            ? store.readSamples(streamId, only.get().startHostNanos(), only.get().endHostNanos().orElse(Long.MAX_VALUE))
            : store.readSamples(streamId);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(MAGIC);
      w.newLine();
      meta(w, "session", Long.toString(session.id()));
      meta(w, "started_at", session.startedAt().toString());
      meta(w, "host_origin_ns", Long.toString(session.hostOriginNanos()));
      meta(w, "device_kind", session.deviceKind());
      meta(w, "firmware_version", session.firmwareVersion());
      meta(w, "placement", session.placement());
      meta(w, "stream", st.name());
      meta(w, "stream_device_kind", st.deviceKind());
      meta(w, "address", st.address());
      meta(w, "nominal_rate_hz", Double.toString(st.nominalRateHz()));
      StringBuilder header = new StringBuilder(String.join(",", LEADING));
      for (String c : st.channels()) {
        header.append(',').append(c).append(" [").append(unitOf(c)).append(']');
      }
      header.append(',').append(String.join(",", TRAILING));
      w.write(header.toString());
      w.newLine();
      StringBuilder row = new StringBuilder(256);
      int setIndex = 0;
      for (int i = 0; i < samples.size(); i++) {
        long t = samples.hostNanos(i);
        while (setIndex < sets.size() && sets.get(setIndex).endHostNanos().orElse(Long.MAX_VALUE) < t) {
          setIndex++;
        }
        row.setLength(0);
        row.append(t).append(',').append(samples.deviceMicros(i)).append(',');
        row.append((t - session.hostOriginNanos()) / 1e9);
        for (int c = 0; c < samples.channelCount(); c++) {
          row.append(',').append(samples.value(i, c));
        }
        if (setIndex < sets.size() && sets.get(setIndex).contains(t)) {
          Segment s = sets.get(setIndex);
          row.append(',').append(setIndex + 1).append(',').append(quote(s.exercise())).append(',');
          if (s.repCount().isPresent()) {
            row.append(s.repCount().getAsInt());
          }
          row.append(',').append(s.incorrectForm() ? 1 : 0);
        } else {
          row.append(",,,,");
        }
        w.write(row.toString());
        w.newLine();
      }
    } catch (IOException e) {
      throw new SessionStoreException(
          SessionStoreException.Reason.IO, csv, "cannot write the CSV export: " + e.getMessage(), e);
    }
    return samples.size();
  }

  private static void meta(BufferedWriter w, String key, String value) throws IOException {
    w.write("# " + key + ": " + value.replace('\n', ' ').replace('\r', ' '));
    w.newLine();
  }

  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
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
    Parsed p = parse(csv);
    Map<String, String> m = p.meta;
    Instant started;
    try {
      started = m.containsKey("started_at") ? Instant.parse(m.get("started_at")) : Instant.EPOCH;
    } catch (DateTimeParseException e) {
      throw bad(csv, p.metaLines.get("started_at"), 0, "started_at is not an ISO-8601 instant: " + m.get("started_at"));
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
    Instant ended = started.plusNanos(p.samples.size() > 0 ? p.samples.hostNanos(p.samples.size() - 1) - origin : 0);
    long sessionId =
        store.transact(
            "importing " + csv,
            () -> {
              Session s = store.startSession(spec);
              StreamInfo st = store.addStream(s.id(), stream);
              if (p.samples.size() > 0) {
                store.insertBlock(st.id(), p.samples);
              }
              for (Segment seg : p.sets) {
                store.insertSegment(
                    new Segment(0, s.id(), seg.exercise(), seg.startHostNanos(), seg.endHostNanos(), seg.repCount(), seg.incorrectForm(), ""));
              }
              store.finishSession(s.id(), ended);
              return s.id();
            });
    return store.findSession(sessionId).orElseThrow();
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
      throw bad(csv, p.metaLines.get("nominal_rate_hz"), 0, "nominal_rate_hz must be a positive number: " + p.meta.get("nominal_rate_hz"));
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
      throw bad(csv, p.metaLines.get(key), 0, key + " must be an integer: " + p.meta.get(key));
    }
  }

  private static final class Parsed {
    final Map<String, String> meta = new HashMap<>();
    final Map<String, Integer> metaLines = new HashMap<>();
    List<String> channels;
    SampleBlock samples;
    final List<Segment> sets = new ArrayList<>();
  }

  private static Parsed parse(Path csv) throws SessionStoreException {
    Parsed p = new Parsed();
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      List<String> header = null;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.startsWith("#")) {
          int colon = line.indexOf(':');
          if (colon > 0 && header == null) {
            String key = line.substring(1, colon).trim();
            p.meta.put(key, line.substring(colon + 1).trim());
            p.metaLines.put(key, lineNo);
          }
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        header = split(csv, lineNo, line);
        break;
      }
      if (header == null) {
        throw bad(csv, lineNo, 0, "has no header row (expected " + String.join(",", LEADING) + ",<channels>," + String.join(",", TRAILING) + ")");
      }
      int headerLine = lineNo;
      checkHeader(csv, headerLine, header, p);
      int channels = p.channels.size();
      int columns = header.size();
      p.samples = new SampleBlock(channels, 1024);
      double[] values = new double[channels];
      SetBuilder current = null;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> cells = split(csv, lineNo, line);
        if (cells.size() != columns) {
          throw bad(csv, lineNo, Math.min(cells.size(), columns) + 1, "has " + cells.size() + " cells, the header has " + columns + " columns");
        }
        long host = parseLong(csv, lineNo, 1, header.get(0), cells.get(0));
        long device = parseLong(csv, lineNo, 2, header.get(1), cells.get(1));
        for (int c = 0; c < channels; c++) {
          values[c] = parseDouble(csv, lineNo, 4 + c, header.get(3 + c), cells.get(3 + c));
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
        String exercise = cells.get(base + 1).trim();
        if (exercise.isEmpty()) {
          throw bad(csv, lineNo, base + 2, "exercise", "is empty but the row is in set " + setNo);
        }
        String repsCell = cells.get(base + 2).trim();
        OptionalInt reps = repsCell.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) parseLong(csv, lineNo, base + 3, "rep_count", repsCell));
        String formCell = cells.get(base + 3).trim();
        if (!formCell.equals("0") && !formCell.equals("1")) {
          throw bad(csv, lineNo, base + 4, "incorrect_form", "must be 0 or 1, not '" + formCell + "'");
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
    } catch (IOException e) {
      throw new SessionStoreException(SessionStoreException.Reason.IO, csv, "cannot read the CSV file: " + e.getMessage(), e);
    }
    return p;
  }

  private static void checkHeader(Path csv, int line, List<String> header, Parsed p) throws SessionStoreException {
    for (int i = 0; i < LEADING.size(); i++) {
      if (i >= header.size() || !header.get(i).trim().equals(LEADING.get(i))) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + " must be '" + LEADING.get(i) + "' but is '" + (i < header.size() ? header.get(i) : "") + "'");
      }
    }
    int channelEnd = header.size() - TRAILING.size();
    if (channelEnd <= LEADING.size()) {
      throw bad(csv, line, header.size(), "the header has no channel columns between time_s and set (expected e.g. 'accel_x [g]')");
    }
    for (int i = 0; i < TRAILING.size(); i++) {
      String got = header.get(channelEnd + i).trim();
      if (!got.equals(TRAILING.get(i))) {
        throw bad(csv, line, channelEnd + i + 1, "header column " + (channelEnd + i + 1) + " must be '" + TRAILING.get(i) + "' but is '" + got + "' (the last four columns are " + String.join(",", TRAILING) + ")");
      }
    }
    List<String> channels = new ArrayList<>();
    for (int i = LEADING.size(); i < channelEnd; i++) {
      String cell = header.get(i).trim();
      Matcher m = CHANNEL_HEADER.matcher(cell);
      if (!m.matches()) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + " '" + cell + "' is not a channel written as 'name [unit]', e.g. 'accel_x [g]'");
      }
      String name = m.group(1);
      String unit = m.group(2);
      if (!unit.equals(unitOf(name))) {
        throw bad(csv, line, i + 1, "header column " + (i + 1) + " '" + cell + "': " + name + " must be in " + unitOf(name) + ", not " + unit);
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

  private static long parseLong(Path csv, int line, int col, String column, String cell) throws SessionStoreException {
    try {
      return Long.parseLong(cell.trim());
    } catch (NumberFormatException e) {
      throw bad(csv, line, col, column, "'" + cell + "' is not an integer");
    }
  }

  private static double parseDouble(Path csv, int line, int col, String column, String cell) throws SessionStoreException {
    try {
      return parseValue(cell);
    } catch (NumberFormatException e) {
      throw bad(csv, line, col, column, "'" + cell + "' is not a number");
    }
  }

  /**
   * Parses a value cell: Java's decimal syntax plus {@code NaN}, {@code Infinity}, {@code
   * -Infinity} as {@link Double#toString} writes them; hexadecimal floats and type suffixes are
   * refused so that a typo like {@code 1.5f} doesn't pass silently.
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

  private static SessionStoreException bad(Path csv, int line, int col, String column, String problem) {
    return new SessionStoreException(
        SessionStoreException.Reason.BAD_CSV, csv, "line " + line + ", column " + col + " (" + column + "): " + problem);
  }

  private static SessionStoreException bad(Path csv, Integer line, int col, String problem) {
    String where = "line " + (line == null ? "?" : line) + (col > 0 ? ", column " + col : "");
    return new SessionStoreException(SessionStoreException.Reason.BAD_CSV, csv, where + ": " + problem);
  }

  /** Splits one line into cells, honouring double quotes as written by {@link #quote}. */
  static List<String> split(Path csv, int lineNo, String line) throws SessionStoreException {
    CsvLine parsed = CsvLine.parse(line);
    if (parsed.unterminatedQuote()) {
      throw bad(csv, lineNo, parsed.cells().size(), "has an unterminated quoted cell");
    }
    return parsed.cells();
  }
}
