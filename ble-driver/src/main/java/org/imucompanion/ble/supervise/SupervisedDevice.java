package org.imucompanion.ble.supervise;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one device streaming: connects, runs the {@link SessionStarter}, and after an unexpected
 * disconnect closes the dead connection and its session, reconnects with backoff, and runs the
 * starter again exactly once on the new connection.
 *
 * <p>Why callbacks cannot double after a reconnect: every connection gets a generation number, the
 * old connection and session are closed before a new attempt starts (so their subscriptions are
 * dead in the transport), and events from an older generation are ignored.
 *
 * <p>All decisions run on one private thread; the owner's listener is called on its executor.
 *
 * @param <S> the profile session type
 */
public final class SupervisedDevice<S extends AutoCloseable> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisedDevice.class);

  private final BleTransport transport;
  private final String address;
  private final SessionStarter<S> starter;
  private final ReconnectPolicy policy;
  private final SupervisorListener listener;
  private final Executor executor;
  private final ScheduledExecutorService loop;

  // Owned by the loop thread.
  private int generation;
  private Optional<BleConnection> connection = Optional.empty();
  private volatile Optional<S> session = Optional.empty();
  private int attemptsSinceLoss;
  private Optional<Long> lostAtNanos = Optional.empty();
  private Optional<BleException> lossCause = Optional.empty();
  private final List<StreamGap> gaps = new ArrayList<>();
  private int sessionsStarted;
  private volatile SupervisedState state = SupervisedState.CONNECTING;
  private volatile Optional<BleException> lastFailure = Optional.empty();
  private volatile boolean stopped;

  private SupervisedDevice(
      BleTransport transport,
      String address,
      SessionStarter<S> starter,
      ReconnectPolicy policy,
      SupervisorListener listener,
      Executor executor) {
    this.transport = transport;
    this.address = address;
    this.starter = starter;
    this.policy = policy;
    this.listener = listener;
    this.executor = executor;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "supervise-" + address);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts supervising a device: the first connection attempt begins at once.
   *
   * @param transport where to connect
   * @param address the device
   * @param starter starts the profile on each new connection
   * @param policy backoff and give-up rule
   * @param listener receives states and gaps
   * @param executor runs the listener and the connections' callbacks
   * @param <S> the profile session type
   * @return the running supervisor
   */
  public static <S extends AutoCloseable> SupervisedDevice<S> start(
      BleTransport transport,
      String address,
      SessionStarter<S> starter,
      ReconnectPolicy policy,
      SupervisorListener listener,
      Executor executor) {
    SupervisedDevice<S> d =
        new SupervisedDevice<>(
            Objects.requireNonNull(transport, "transport"),
            Objects.requireNonNull(address, "address"),
            Objects.requireNonNull(starter, "starter"),
            Objects.requireNonNull(policy, "policy"),
            Objects.requireNonNull(listener, "listener"),
            Objects.requireNonNull(executor, "executor"));
    d.loop.execute(d::attempt);
    return d;
  }

  // ---------------------------------------------------------------- loop thread

  private void attempt() {
    if (stopped) {
      return;
    }
    int gen = ++generation;
    attemptsSinceLoss++;
    CompletableFuture<BleConnection> connecting;
    try {
      connecting =
          transport.connect(
              address,
              (s, cause) -> {
                // CLOSED we did not ask for means the transport was closed under us.
                if (s == ConnectionState.DISCONNECTED || s == ConnectionState.CLOSED) {
                  onLoop(() -> onDisconnected(gen, cause));
                }
              },
              executor);
    } catch (IllegalStateException transportClosed) {
      // Nothing to retry against: the owner closed the transport under us.
      BleException b = new BleException(BleException.Reason.CLOSED, "transport closed", transportClosed);
      lastFailure = Optional.of(b);
      fire(() -> listener.onAttemptFailed(b));
      dropConnection();
      moveTo(SupervisedState.GAVE_UP);
      return;
    }
    connecting
        .thenCompose(
            c -> {
              onLoop(() -> adopt(gen, c));
              return c.servicesResolved().thenCompose(v -> starter.start(c)).thenApply(s -> (S) s);
            })
        .whenComplete(
            (s, e) -> {
              try {
                loop.execute(() -> onAttemptDone(gen, s, e));
              } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                closeQuietly(s);
              }
            });
  }

  private void onLoop(Runnable r) {
    try {
      loop.execute(r);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // closed: nothing is decided any more
    }
  }

  private void adopt(int gen, BleConnection c) {
    if (gen != generation || stopped) {
      c.close();
      return;
    }
    connection = Optional.of(c);
  }

  private void onAttemptDone(int gen, S s, Throwable failure) {
    if (gen != generation || stopped) {
      closeQuietly(s);
      return;
    }
    if (failure != null) {
      BleException b = asBle(failure);
      LOG.info("attempt {} to {} failed: {}", attemptsSinceLoss, address, b.getMessage());
      fire(() -> listener.onAttemptFailed(b));
      dropConnection();
      if (policy.isPermanent(b)) {
        lastFailure = Optional.of(b);
        moveTo(SupervisedState.GAVE_UP); // gone, refused, not ours, or no adapter: retrying cannot help
        return;
      }
      scheduleRetry();
      return;
    }
    if (connection.isEmpty() || !connection.get().state().isUsable()) {
      // The link dropped while the profile was starting; its DISCONNECTED was ignored then.
      closeQuietly(s);
      fire(() -> listener.onAttemptFailed(
          new BleException(BleException.Reason.DISCONNECTED, address + " dropped during start-up")));
      dropConnection();
      scheduleRetry();
      return;
    }
    session = Optional.of(s);
    sessionsStarted++;
    long now = System.nanoTime();
    if (lostAtNanos.isPresent()) {
      StreamGap gap =
          new StreamGap(address, lostAtNanos.get(), now, attemptsSinceLoss, lossCause);
      gaps.add(gap);
      fire(() -> listener.onGap(gap));
    }
    lostAtNanos = Optional.empty();
    lossCause = Optional.empty();
    attemptsSinceLoss = 0;
    moveTo(SupervisedState.STREAMING);
  }

  private void onDisconnected(int gen, Optional<BleException> cause) {
    if (gen != generation || stopped || state != SupervisedState.STREAMING) {
      return; // an older connection, or a failure the attempt itself will report
    }
    lostAtNanos = Optional.of(System.nanoTime());
    lossCause = cause;
    dropConnection();
    moveTo(SupervisedState.RECONNECTING);
    scheduleRetry();
  }

  private void scheduleRetry() {
    if (stopped) {
      return;
    }
    if (!policy.allows(attemptsSinceLoss)) {
      lastFailure =
          Optional.of(
              new BleException(
                  BleException.Reason.CONNECT_FAILED,
                  address + ": gave up after " + attemptsSinceLoss + " attempts"));
      moveTo(SupervisedState.GAVE_UP);
      return;
    }
    if (state == SupervisedState.STREAMING) {
      moveTo(SupervisedState.RECONNECTING);
    }
    // Bump the generation now so late events from the dropped attempt are ignored.
    generation++;
    int next = attemptsSinceLoss + 1;
    java.time.Duration wait = policy.jitteredDelayBefore(Math.max(1, attemptsSinceLoss));
    fire(() -> listener.onRetryScheduled(next, wait));
    loop.schedule(this::attempt, wait.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void dropConnection() {
    session.ifPresent(SupervisedDevice::closeQuietly);
    session = Optional.empty();
    connection.ifPresent(BleConnection::close);
    connection = Optional.empty();
  }

  private void moveTo(SupervisedState next) {
    if (state != next) {
      state = next;
      fire(() -> listener.onStateChanged(next));
    }
  }

  private void fire(Runnable r) {
    executor.execute(
        () -> {
          try {
            r.run();
          } catch (RuntimeException e) {
            LOG.warn("supervisor listener of {} failed", address, e);
          }
        });
  }

  private static BleException asBle(Throwable t) {
    Throwable c = t;
    while (c instanceof CompletionException && c.getCause() != null) {
      c = c.getCause();
    }
    return c instanceof BleException b
        ? b
        : new BleException(BleException.Reason.IO, "profile start-up failed: " + c, c);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("while closing {}", c, e);
    }
  }

  // ---------------------------------------------------------------- API

  /**
   * Returns the address of the supervised device.
   *
   * @return the address
   */
  public String address() {
    return address;
  }

  /**
   * Returns the current state.
   *
   * @return the state
   */
  public SupervisedState state() {
    return state;
  }

  /**
   * Returns why the supervisor gave up, once it has.
   *
   * @return the permanent failure (or the last one when the attempts ran out); empty before
   */
  public Optional<BleException> lastFailure() {
    return lastFailure;
  }

  /**
   * Returns the running profile session, for device commands (a Myo's vibrate, a wristband's stop).
   *
   * @return the session while streaming; empty while connecting, reconnecting or stopped
   */
  public Optional<S> session() {
    return session;
  }

  /**
   * Returns the outages so far. Asks the supervisor's thread, so it may wait for a decision in
   * progress (never for I/O); listeners get each gap as it happens through {@link
   * SupervisorListener#onGap}.
   *
   * @return a snapshot of the gaps, oldest first
   */
  public List<StreamGap> gaps() {
    return call(() -> List.copyOf(gaps));
  }

  /**
   * Counts how many times the starter ran successfully (1 + successful reconnects).
   *
   * @return sessions started
   */
  public int sessionsStarted() {
    return call(() -> sessionsStarted);
  }

  private <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return loop.submit(c).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      try {
        return c.call(); // closed: nothing changes any more
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    } catch (Exception e) {
      throw new IllegalStateException("supervisor of " + address + " did not answer", e);
    }
  }

  /**
   * Stops supervising: closes the session and the connection, and never reconnects again. Waits
   * (at most 5 s) for the supervisor's thread to finish its current decision; closing the
   * connection itself does not block.
   */
  @Override
  public void close() {
    if (stopped) {
      return;
    }
    try {
      loop.submit(
              () -> {
                stopped = true;
                generation++;
                dropConnection();
                moveTo(SupervisedState.STOPPED);
              })
          .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("supervisor of {} did not stop cleanly", address, e);
      stopped = true;
    }
    loop.shutdownNow();
  }
}
