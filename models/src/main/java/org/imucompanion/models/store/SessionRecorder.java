package org.imucompanion.models.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records a live session into a {@link SessionStore} from its own writer thread.
 *
 * <p>Producers (the BLE receive path, the pipeline) call {@link RecordedStream#offer} which copies
 * the sample into a bounded queue and returns at once: it never blocks and never does I/O. When the
 * queue is full the <em>oldest</em> sample is dropped and counted (per stream, in {@link #stats()}
 * and as a {@link GapKind#RECORDER_DROP} gap), as everywhere in this project: the newest data is
 * what the user is looking at.
 *
 * <p>The writer commits everything received at least every {@code commitInterval} (200 ms by
 * default) in one transaction, one block row per stream, so a crash loses well under a second.
 * Stream creation, gaps and live set labels are small transactions of their own, written before
 * the samples of the same cycle. If a commit fails for a reason that may pass (the file is busy)
 * the samples stay pending and are retried on the next cycle; {@link #lastFailure()} says why,
 * and pending samples beyond the queue capacity are dropped and counted rather than exhausting
 * memory.
 *
 * <p>If the store cannot take more at all (the disk or the store's size limit is full, the file
 * turned read-only or damaged) the recorder stops at once rather than retrying into a full disk:
 * it marks the session {@link SessionState#INTERRUPTED} and ends its running set at the last
 * stored sample, records what it could not store as a {@link GapKind#RECORDER_DROP} gap, and
 * completes {@link #stopped()} with a {@link SessionStoreException} saying so. Everything
 * committed before stays as it was; samples offered afterwards are counted as dropped.
 *
 * <p>Device time is kept 64-bit: each stream's device clock goes through a {@link
 * WrappingDeviceClock} on the writer thread, so a producer that only has the device's 32 bits
 * still stores a clock that keeps increasing across the wrap.
 */
public final class SessionRecorder implements AutoCloseable {
  /** Default interval between commits. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(200);

  /** Default queue capacity: about a minute of 4 wristbands and a Myo at 200 Hz. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1 << 16;

  private final SessionStore store;
  private final long sessionId;
  private final long commitIntervalNanos;
  private final int capacity;
  private final ArrayBlockingQueue<Item> queue;
  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
  private final Thread writer;
  private final AtomicLong offered = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong failedCommits = new AtomicLong();
  private final AtomicLong maxCommitNanos = new AtomicLong();
  private final AtomicReference<SessionStoreException> lastFailure = new AtomicReference<>();
  private final ConcurrentLinkedQueue<Item> sideMarkers = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<SessionStoreException> stopped = new CompletableFuture<>();
  private volatile boolean halted;
  private volatile boolean stopping;
  private boolean closed;

  // Writer-thread state.
  private final List<Event> retryEvents = new ArrayList<>();
  private final Map<RecordedStream, Boolean> dirtyStreams = new IdentityHashMap<>();
  private Optional<Segment> openSet = Optional.empty();
  private SessionStoreException fatal;

  private SessionRecorder(SessionStore store, long sessionId, Duration commitInterval, int capacity) {
    this.store = store;
    this.sessionId = sessionId;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::runWriter, "session-recorder-" + sessionId);
    // A daemon: if the application dies without closing us, the session is found in state
    // "recording" on the next open and marked interrupted, which is the truth.
    this.writer.setDaemon(true);
  }

  /**
   * Starts recording into an existing session (see {@link SessionStore#startSession}), with the
   * default commit interval and queue capacity.
   *
   * @param store the open store; the recorder does not close it
   * @param sessionId a session in state recording
   * @return the running recorder
   * @throws SessionStoreException if the session does not exist or is not recording
   */
  public static SessionRecorder start(SessionStore store, long sessionId) throws SessionStoreException {
    return start(store, sessionId, DEFAULT_COMMIT_INTERVAL, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * Starts recording into an existing session.
   *
   * @param store the open store; the recorder does not close it
   * @param sessionId a session in state recording
   * @param commitInterval the longest time between commits (what a crash may lose)
   * @param queueCapacity samples the queue holds before dropping the oldest
   * @return the running recorder
   * @throws SessionStoreException if the session does not exist or is not recording
   */
  public static SessionRecorder start(
      SessionStore store, long sessionId, Duration commitInterval, int queueCapacity)
      throws SessionStoreException {
    Session s =
        store.findSession(sessionId).orElseThrow(() -> store.invalid("there is no session with id " + sessionId));
    if (s.state() != SessionState.RECORDING) {
      throw store.invalid("session " + sessionId + " is " + s.state().sql() + ", not recording");
    }
    if (commitInterval.isNegative() || commitInterval.isZero() || queueCapacity < 1) {
      throw new IllegalArgumentException("commit interval and capacity must be positive");
    }
    SessionRecorder r = new SessionRecorder(store, sessionId, commitInterval, queueCapacity);
    r.openSet = store.segments(sessionId).stream().filter(g -> g.endHostNanos().isEmpty()).findFirst();
    r.writer.start();
    return r;
  }

  /**
   * Returns the session being recorded.
   *
   * @return its id
   */
  public long sessionId() {
    return sessionId;
  }

  /**
   * Declares a device stream. Returns at once; the stream's row is created by the writer before
   * its first samples are written.
   *
   * @param spec the stream
   * @return the handle producers offer samples to
   */
  public RecordedStream openStream(NewStream spec) {
    checkOpen();
    RecordedStream s = new RecordedStream(spec);
    queueEvent(new Event.OpenStream(s));
    return s;
  }

  /**
   * Starts a set live (the athlete or coach pressed "start set"). A set still open is ended at the
   * same instant first.
   *
   * @param exercise the exercise label
   * @param hostNanos when the set started, on the host monotonic clock
   * @return completes with the stored segment once written
   */
  public CompletableFuture<Segment> startSet(String exercise, long hostNanos) {
    checkOpen();
    CompletableFuture<Segment> f = new CompletableFuture<>();
    queueEvent(new Event.StartSet(exercise, hostNanos, f));
    return f;
  }

  /**
   * Ends the running set.
   *
   * @param hostNanos when the set ended
   * @return completes with the stored segment, or exceptionally if no set is running
   */
  public CompletableFuture<Segment> stopSet(long hostNanos) {
    return stopSet(hostNanos, OptionalInt.empty(), false);
  }

  /**
   * Ends the running set with what the athlete noted about it while recording: the repetitions
   * counted by hand and whether the form was incorrect. They are the set's own fields, stored in
   * the same step as its end (not an edit afterwards).
   *
   * @param hostNanos when the set ended
   * @param repCount repetitions counted by hand, if any
   * @param incorrectForm whether the set was done with incorrect form
   * @return completes with the stored segment, or exceptionally if no set is running
   */
  public CompletableFuture<Segment> stopSet(
      long hostNanos, OptionalInt repCount, boolean incorrectForm) {
    checkOpen();
    Objects.requireNonNull(repCount, "repCount");
    CompletableFuture<Segment> f = new CompletableFuture<>();
    queueEvent(new Event.StopSet(hostNanos, repCount, incorrectForm, f));
    return f;
  }

  /**
   * Queues what the classifier showed, to be stored with the session by the writer thread.
   *
   * @param label the smoothed label, on the session's host clock
   */
  public void predicted(PredictedLabel label) {
    checkOpen();
    queueEvent(new Event.Predicted(Objects.requireNonNull(label, "label")));
  }

  /**
   * Queues a repetition counted live, to be stored by the writer thread.
   *
   * @param rep the rep event
   */
  public void counted(RepEvent rep) {
    checkOpen();
    queueEvent(new Event.Counted(Objects.requireNonNull(rep, "rep")));
  }

  /**
   * Returns a future completing once everything offered before this call is committed (or has
   * failed to be), e.g. before exporting a session that is still recording.
   *
   * @return completes after the next commit that includes what was offered so far
   */
  public CompletableFuture<Void> flush() {
    checkOpen();
    Item marker = Item.marker();
    if (halted) {
      marker.flushed.complete(null); // nothing more will be written
      return marker.flushed;
    }
    if (!queue.offer(marker)) {
      // A full queue: don't evict a sample for a marker. The writer takes side markers before it
      // drains the queue, so everything offered before this call is still in that drain.
      sideMarkers.add(marker);
    }
    writer.interrupt();
    if (halted) {
      marker.flushed.complete(null); // the writer may have stopped before it saw the marker
    }
    return marker.flushed;
  }

  /**
   * Returns counters for the status bar and benchmarks.
   *
   * @return a snapshot
   */
  public RecorderStats stats() {
    return new RecorderStats(
        offered.get(), written.get(), dropped.get(), commits.get(), failedCommits.get(), maxCommitNanos.get());
  }

  /**
   * Returns samples offered but not yet committed (in the queue or pending after a failed commit
   * are not distinguished).
   *
   * @return approximately how many samples a crash right now would lose
   */
  public int queuedSamples() {
    return queue.size();
  }

  /**
   * Returns the most recent failure of the writer, cleared by the next successful commit.
   *
   * @return the failure, or empty while all is well
   */
  public Optional<SessionStoreException> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  /**
   * Completes when the recorder stopped on its own because the store cannot take more (disk or
   * size limit full, file read-only or damaged), once the session is marked interrupted and its
   * set ended at the last stored sample. The exception names the store and says what was kept.
   * Never completes while recording goes well, nor when the recorder is closed normally.
   *
   * @return the failure that stopped the recording
   */
  public CompletableFuture<SessionStoreException> stopped() {
    return stopped.copy();
  }

  /**
   * Stops recording: writes everything still queued, ends a running set, marks the session
   * complete, and stops the writer thread. The store stays open. Idempotent.
   *
   * @throws SessionStoreException if the last writes failed (what was committed before is kept)
   */
  @Override
  public void close() throws SessionStoreException {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopping = true;
    if (Thread.currentThread() == writer) {
      // Called back from stopped() on the writer itself, which is about to end: don't wait on it.
      throw stopped.getNow(null) != null ? stopped.getNow(null) : store.invalid("recorder closed");
    }
    writer.interrupt();
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionStoreException(
          SessionStoreException.Reason.IO, store.file(), "interrupted while stopping the recorder", e);
    }
    SessionStoreException stop = stopped.getNow(null);
    if (stop != null) {
      // The session is already marked interrupted, which is the truth; it is not complete.
      throw stop;
    }
    SessionStoreException failure = lastFailure.get();
    store.finishSession(sessionId, Instant.now());
    if (failure != null) {
      throw failure;
    }
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the recorder of session " + sessionId + " is closed");
    }
  }

  private void queueEvent(Event e) {
    events.add(e);
    if (halted) {
      failLeftoverEvents(); // the writer may have stopped before it saw this one
    }
  }

  private void failLeftoverEvents() {
    SessionStoreException why = fatal != null ? fatal : stopped.getNow(null);
    for (Event e; (e = events.poll()) != null; ) {
      e.fail(why != null ? why : store.invalid("the recorder of session " + sessionId + " stopped"));
    }
  }

  private boolean enqueue(Item item) {
    if (halted) {
      item.stream.dropped.incrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    boolean lostOne = false;
    while (!queue.offer(item)) {
      Item old = queue.poll();
      if (old != null) {
        if (old.stream == null) {
          sideMarkers.add(old);
        } else {
          old.stream.dropped.incrementAndGet();
          dropped.incrementAndGet();
          lostOne = true;
        }
      }
    }
    return !lostOne;
  }

  // ------------------------------------------------------------------ writer thread

  private void runWriter() {
    List<Item> drained = new ArrayList<>();
    List<Item> markers = new ArrayList<>();
    long nextCommit = System.nanoTime() + commitIntervalNanos;
    while (true) {
      boolean last = stopping;
      long wait = nextCommit - System.nanoTime();
      boolean flushNow = false;
      if (wait > 0 && !last) {
        try {
          Item first = queue.poll(wait, TimeUnit.NANOSECONDS);
          if (first != null) {
            drained.add(first);
          }
        } catch (InterruptedException e) {
          flushNow = true; // flush() or close() wants a commit now
        }
      }
      for (Item m; (m = sideMarkers.poll()) != null; ) {
        markers.add(m);
        flushNow = true;
      }
      queue.drainTo(drained);
      for (Item it : drained) {
        if (it.stream == null) {
          markers.add(it);
          flushNow = true;
        } else {
          it.stream.pending.add(it.hostNanos, it.stream.deviceClock.unwrap(it.deviceMicros), it.values);
          dirtyStreams.put(it.stream, Boolean.TRUE);
        }
      }
      drained.clear();
      if (flushNow || last || System.nanoTime() >= nextCommit) {
        try {
          commitCycle();
        } catch (RuntimeException ex) {
          // A bug must not silently end the recording: report it and keep the thread alive.
          fail(new SessionStoreException(
              SessionStoreException.Reason.IO, store.file(), "recorder writer failed: " + ex, ex));
        }
        if (fatal != null) {
          stopAfter(fatal);
          for (Item m : markers) {
            m.flushed.complete(null);
          }
          return;
        }
        for (Item m : markers) {
          m.flushed.complete(null);
        }
        markers.clear();
        nextCommit = System.nanoTime() + commitIntervalNanos;
      }
      if (last && queue.isEmpty() && events.isEmpty()) {
        endOpenSetAtClose();
        return;
      }
    }
  }

  private void commitCycle() {
    long t0 = System.nanoTime();
    // Events first: streams must exist before their samples, sets and gaps are tiny.
    for (Event e; (e = events.poll()) != null; ) {
      retryEvents.add(e);
    }
    while (!retryEvents.isEmpty()) {
      Event e = retryEvents.get(0);
      try {
        apply(e);
        retryEvents.remove(0);
      } catch (SessionStoreException ex) {
        if (ex.reason() == SessionStoreException.Reason.INVALID_REQUEST) {
          e.fail(ex); // e.g. stop without a running set: tell the caller, don't retry
          retryEvents.remove(0);
        } else {
          fail(ex);
          if (cannotTakeMore(ex)) {
            fatal = ex;
            halted = true;
            return;
          }
          break;
        }
      } catch (RuntimeException ex) {
        // E.g. a gap for a stream whose creation failed: drop this event, keep recording.
        e.fail(new SessionStoreException(
            SessionStoreException.Reason.INVALID_REQUEST, store.file(), "recorder event failed: " + ex, ex));
        retryEvents.remove(0);
      }
    }
    List<RecordedStream> ready = new ArrayList<>();
    List<RecordedStream> refused = new ArrayList<>();
    for (RecordedStream s : dirtyStreams.keySet()) {
      if (s.info.isCompletedExceptionally()) {
        refused.add(s);
      } else if (s.info.isDone()) {
        ready.add(s);
      }
    }
    for (RecordedStream s : refused) {
      // The store refused the stream (e.g. a duplicate name): its samples have nowhere to go.
      // Count them instead of holding them forever.
      s.dropped.addAndGet(s.pending.size());
      dropped.addAndGet(s.pending.size());
      s.pending.clear();
      dirtyStreams.remove(s);
    }
    if (ready.isEmpty()) {
      return;
    }
    try {
      long[] drops = new long[ready.size()];
      store.transact(
          "recording samples of session " + sessionId,
          () -> {
            for (int i = 0; i < ready.size(); i++) {
              RecordedStream s = ready.get(i);
              long id = s.info.join().id();
              if (s.pending.size() > 0) {
                store.insertBlock(id, s.pending);
              }
              drops[i] = s.dropped.get() - s.droppedReported;
              if (drops[i] > 0) {
                long at = s.pending.size() > 0 ? s.pending.hostNanos(0) : System.nanoTime();
                store.insertGap(
                    new Gap(0, id, GapKind.RECORDER_DROP, at, OptionalLong.of(at), drops[i],
                        "recorder queue full: oldest samples dropped"));
              }
            }
            return null;
          });
      long n = 0;
      for (int i = 0; i < ready.size(); i++) {
        RecordedStream s = ready.get(i);
        n += s.pending.size();
        s.written.addAndGet(s.pending.size());
        s.droppedReported += drops[i];
        s.pending.clear();
        dirtyStreams.remove(s);
      }
      written.addAndGet(n);
      commits.incrementAndGet();
      lastFailure.set(null);
      maxCommitNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
    } catch (SessionStoreException ex) {
      fail(ex);
      if (cannotTakeMore(ex)) {
        fatal = ex;
        halted = true;
        return;
      }
      for (RecordedStream s : ready) {
        if (s.pending.size() > capacity) {
          // Keep memory bounded while the disk is full: forget the oldest pending samples.
          int lost = s.pending.size();
          s.dropped.addAndGet(lost);
          dropped.addAndGet(lost);
          s.pending.clear();
        }
      }
    }
  }

  /** Failures that retrying does not cure: the recording stops instead of filling memory. */
  private static boolean cannotTakeMore(SessionStoreException ex) {
    return switch (ex.reason()) {
      case DISK_FULL, READ_ONLY, CORRUPT -> true;
      default -> false;
    };
  }

  /**
   * Stops after a failure the store can't recover from: the session is marked interrupted with
   * its set ended at the last stored sample (small updates in place, which fit where new rows
   * don't), then each stream's unstored samples become a gap if there is still room for one.
   */
  private void stopAfter(SessionStoreException cause) {
    halted = true;
    List<Item> rest = new ArrayList<>();
    queue.drainTo(rest);
    for (Item m; (m = sideMarkers.poll()) != null; ) {
      m.flushed.complete(null);
    }
    for (Item it : rest) {
      if (it.stream == null) {
        it.flushed.complete(null);
      } else {
        it.stream.pending.add(it.hostNanos, it.stream.deviceClock.unwrap(it.deviceMicros), it.values);
        dirtyStreams.put(it.stream, Boolean.TRUE);
      }
    }
    List<SessionStoreException> later = new ArrayList<>();
    boolean marked = false;
    try {
      store.markInterrupted(sessionId);
      marked = true;
    } catch (SessionStoreException e) {
      later.add(e);
    }
    openSet = Optional.empty();
    long lost = 0;
    for (RecordedStream s : dirtyStreams.keySet()) {
      long n = s.pending.size() + s.dropped.get() - s.droppedReported;
      if (n == 0) {
        continue;
      }
      lost += n;
      s.dropped.addAndGet(s.pending.size());
      dropped.addAndGet(s.pending.size());
      if (s.info.isDone() && !s.info.isCompletedExceptionally()) {
        long from = s.pending.size() > 0 ? s.pending.hostNanos(0) : System.nanoTime();
        long to = s.pending.size() > 0 ? s.pending.hostNanos(s.pending.size() - 1) : from;
        try {
          store.addGap(
              s.info.join().id(), GapKind.RECORDER_DROP, from, OptionalLong.of(to), n,
              "not stored: " + describe(cause.reason()) + "; recording stopped");
          s.droppedReported = s.dropped.get();
        } catch (SessionStoreException e) {
          later.add(e);
        }
      }
      s.pending.clear();
    }
    dirtyStreams.clear();
    String kept =
        (marked
                ? " Session " + sessionId + " is marked interrupted and its set ends at the last stored sample;"
                : " Session " + sessionId + " could not be marked interrupted ("
                    + later.get(0).problem()
                    + "); the next time the store opens it will be;")
            + " the "
            + written.get()
            + " samples stored before are intact, "
            + lost
            + " later ones were not stored.";
    String problem =
        cause.reason() == SessionStoreException.Reason.DISK_FULL
            ? "the disk (or the store's size limit) is full: recording of session "
                + sessionId
                + " stopped."
                + kept
                + " Free some space and record again."
            : "recording of session " + sessionId + " stopped: " + cause.problem() + kept;
    SessionStoreException stop = new SessionStoreException(cause.reason(), store.file(), problem, cause);
    for (SessionStoreException e : later) {
      stop.addSuppressed(e);
    }
    for (Event e : retryEvents) {
      e.fail(stop);
    }
    retryEvents.clear();
    fatal = stop;
    failLeftoverEvents();
    stopped.complete(stop);
  }

  private static String describe(SessionStoreException.Reason reason) {
    return switch (reason) {
      case DISK_FULL -> "the disk (or the store's size limit) was full";
      case READ_ONLY -> "the store could not be written";
      default -> "the store was damaged";
    };
  }

  private void fail(SessionStoreException ex) {
    failedCommits.incrementAndGet();
    lastFailure.set(ex);
  }

  private void apply(Event e) throws SessionStoreException {
    if (e instanceof Event.OpenStream o) {
      if (!o.stream.info.isDone()) {
        o.stream.info.complete(store.addStream(sessionId, o.stream.spec));
      }
    } else if (e instanceof Event.Disconnect d) {
      long id = d.stream.info.join().id();
      if (d.stream.openGap.isEmpty()) {
        Gap g = store.addGap(id, GapKind.DISCONNECT, d.hostNanos, OptionalLong.empty(), 0, d.detail);
        d.stream.openGap = OptionalLong.of(g.id());
      }
    } else if (e instanceof Event.Reconnect r) {
      if (r.stream.openGap.isPresent()) {
        store.endGap(r.stream.openGap.getAsLong(), r.hostNanos);
        r.stream.openGap = OptionalLong.empty();
      }
    } else if (e instanceof Event.Lost l) {
      long id = l.stream.info.join().id();
      store.addGap(id, GapKind.LOST_PACKETS, l.hostNanos, OptionalLong.of(l.hostNanos), l.count, "");
    } else if (e instanceof Event.StartSet s) {
      store.transact(
          "starting a set",
          () -> {
            if (openSet.isPresent()) {
              Segment cur = openSet.get();
              store.endSegment(cur.id(), Math.max(cur.startHostNanos(), s.hostNanos - 1));
            }
            openSet = Optional.of(store.startSegment(sessionId, s.exercise, s.hostNanos));
            return null;
          });
      s.done.complete(openSet.get());
    } else if (e instanceof Event.Predicted p) {
      store.addPredictions(sessionId, List.of(p.label));
    } else if (e instanceof Event.Counted c) {
      store.addRepEvents(sessionId, List.of(c.rep));
    } else if (e instanceof Event.StopSet s) {
      Segment cur = openSet.orElseThrow(() -> store.invalid("no set is running in session " + sessionId));
      Segment ended = store.endSegment(cur.id(), Math.max(cur.startHostNanos(), s.hostNanos));
      if (s.repCount.isPresent() || s.incorrectForm) {
        Segment noted = ended.withIncorrectForm(s.incorrectForm);
        ended = store.updateSegment(
            s.repCount.isPresent() ? noted.withRepCount(s.repCount.getAsInt()) : noted);
      }
      openSet = Optional.empty();
      s.done.complete(ended);
    }
  }

  private void endOpenSetAtClose() {
    if (openSet.isPresent()) {
      try {
        Segment cur = openSet.get();
        store.endSegment(cur.id(), Math.max(cur.startHostNanos(), System.nanoTime()));
        openSet = Optional.empty();
      } catch (SessionStoreException ex) {
        fail(ex);
      }
    }
    for (Event e : retryEvents) {
      e.fail(lastFailure.get() != null ? lastFailure.get() : store.invalid("recorder closed"));
    }
  }

  // ------------------------------------------------------------------ handles and queue items

  /**
   * The producer side of one device's stream. Its methods never block and never do I/O, so they
   * may be called from a D-Bus signal thread or a pipeline thread.
   */
  public final class RecordedStream {
    private final NewStream spec;
    private final CompletableFuture<StreamInfo> info = new CompletableFuture<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    // Writer-thread state.
    private final SampleBlock pending;
    private final WrappingDeviceClock deviceClock = new WrappingDeviceClock();
    private long droppedReported;
    private OptionalLong openGap = OptionalLong.empty();

    private RecordedStream(NewStream spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
      this.pending = new SampleBlock(spec.channels().size(), 256);
    }

    /**
     * Queues one sample (its values are copied).
     *
     * @param hostNanos host monotonic arrival time
     * @param deviceMicros device time in microseconds: 64-bit, or the device's 32 bits, which are
     *     unwrapped here (see {@link WrappingDeviceClock})
     * @param values one value per channel, in the stream's channel order
     * @return true if nothing was dropped to make room, false if the oldest queued sample was
     *     dropped, or this one because the recorder {@linkplain #stopped() stopped} (counted in
     *     {@link #droppedSamples()})
     * @throws IllegalArgumentException if the number of values doesn't match the channels
     * @throws IllegalStateException if the recorder is closed
     */
    public boolean offer(long hostNanos, long deviceMicros, double[] values) {
      if (values.length != spec.channels().size()) {
        throw new IllegalArgumentException(
            "stream " + spec.name() + " has " + spec.channels().size() + " channels, got " + values.length + " values");
      }
      checkOpen();
      offered.incrementAndGet();
      return enqueue(new Item(this, hostNanos, deviceMicros, values.clone()));
    }

    /**
     * Notes that the device disconnected: a gap starts, the session goes on.
     *
     * @param hostNanos when the link was lost
     * @param detail the reason, if known
     */
    public void disconnected(long hostNanos, String detail) {
      checkOpen();
      queueEvent(new Event.Disconnect(this, hostNanos, detail));
    }

    /**
     * Notes that the device is back: the open disconnect gap ends here.
     *
     * @param hostNanos when samples resumed
     */
    public void reconnected(long hostNanos) {
      checkOpen();
      queueEvent(new Event.Reconnect(this, hostNanos));
    }

    /**
     * Notes packets lost over the air (sequence numbers skipped).
     *
     * @param hostNanos when the loss was detected
     * @param count packets (or samples) missing
     */
    public void lostPackets(long hostNanos, long count) {
      checkOpen();
      queueEvent(new Event.Lost(this, hostNanos, count));
    }

    /**
     * Returns the stored stream once the writer created it.
     *
     * @return completes with the stream's row
     */
    public CompletableFuture<StreamInfo> info() {
      return info;
    }

    /**
     * Returns samples of this stream dropped so far.
     *
     * @return the count
     */
    public long droppedSamples() {
      return dropped.get();
    }

    /**
     * Returns samples of this stream committed so far.
     *
     * @return the count
     */
    public long writtenSamples() {
      return written.get();
    }
  }

  private static final class Item {
    final RecordedStream stream; // null for a flush marker
    final long hostNanos;
    final long deviceMicros;
    final double[] values;
    final CompletableFuture<Void> flushed;

    Item(RecordedStream stream, long hostNanos, long deviceMicros, double[] values) {
      this.stream = stream;
      this.hostNanos = hostNanos;
      this.deviceMicros = deviceMicros;
      this.values = values;
      this.flushed = null;
    }

    private Item() {
      this.stream = null;
      this.hostNanos = 0;
      this.deviceMicros = 0;
      this.values = null;
      this.flushed = new CompletableFuture<>();
    }

    static Item marker() {
      return new Item();
    }
  }

  private sealed interface Event {
    default void fail(SessionStoreException e) {}

    record OpenStream(RecordedStream stream) implements Event {
      @Override
      public void fail(SessionStoreException e) {
        stream.info.completeExceptionally(e);
      }
    }

    record Disconnect(RecordedStream stream, long hostNanos, String detail) implements Event {}

    record Reconnect(RecordedStream stream, long hostNanos) implements Event {}

    record Lost(RecordedStream stream, long hostNanos, long count) implements Event {}

    record Predicted(PredictedLabel label) implements Event {}

    record Counted(RepEvent rep) implements Event {}

    record StartSet(String exercise, long hostNanos, CompletableFuture<Segment> done) implements Event {
      @Override
      public void fail(SessionStoreException e) {
        done.completeExceptionally(e);
      }
    }

    record StopSet(
        long hostNanos, OptionalInt repCount, boolean incorrectForm, CompletableFuture<Segment> done)
        implements Event {
      @Override
      public void fail(SessionStoreException e) {
        done.completeExceptionally(e);
      }
    }
  }

}
