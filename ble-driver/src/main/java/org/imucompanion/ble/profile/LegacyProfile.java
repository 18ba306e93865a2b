package org.imucompanion.ble.profile;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.NotificationListener;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;

/**
 * The legacy Simblee wristband: one 32-byte characteristic, first 18 bytes nine int16. Subscribes
 * when the characteristic notifies; firmware that only allows reads is polled at a set interval. At
 * the default MTU only the first 20 bytes arrive, which is enough (the decoder needs 18).
 */
public final class LegacyProfile {

  private LegacyProfile() {}

  /** How values are obtained. */
  public enum Mode {
    /** The characteristic notifies. */
    NOTIFY,
    /** The characteristic is read at an interval. */
    POLL
  }

  /** A running legacy stream. */
  public static final class Session implements ProfileSession {
    private final BleConnection connection;
    private final PacketListener<LegacyWristbandPacket> listener;
    private final Optional<StreamHealth> health;
    private final NotificationListener raw;
    private final Mode mode;
    private final AtomicLong malformed = new AtomicLong();
    private volatile Subscription subscription;
    private volatile ScheduledExecutorService poller;
    private volatile boolean closed;

    private Session(
        BleConnection connection,
        PacketListener<LegacyWristbandPacket> listener,
        Optional<StreamHealth> health,
        NotificationListener raw,
        Mode mode) {
      this.connection = connection;
      this.listener = listener;
      this.health = health;
      this.raw = raw;
      this.mode = mode;
    }

    /**
     * Tells how values are obtained.
     *
     * @return notify or poll
     */
    public Mode mode() {
      return mode;
    }

    synchronized void onValue(Notification n) {
      if (closed) {
        return;
      }
      raw.onNotification(n);
      try {
        LegacyWristbandPacket p = LegacyCodec.decode(n.value());
        health.ifPresent(h -> h.recordPacket(n.hostTimeNanos(), n.length(), 1));
        listener.onPacket(new TimedPacket<>(n.deviceAddress(), n.hostTimeNanos(), p));
      } catch (ProtocolException e) {
        malformed.incrementAndGet();
        health.ifPresent(h -> h.recordMalformed(n.hostTimeNanos(), n.length(), e.reason()));
        listener.onMalformed(
            new MalformedNotification(
                n.deviceAddress(), n.characteristic(), n.hostTimeNanos(), n.value(), e.reason(), e.offset()));
      }
    }

    private void startPolling(Duration interval, int handle) {
      ScheduledExecutorService s =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "legacy-poll-" + connection.address());
                t.setDaemon(true);
                return t;
              });
      poller = s;
      AtomicBoolean inFlight = new AtomicBoolean();
      s.scheduleAtFixedRate(
          () -> {
            // A read slower than the interval skips a tick instead of piling reads up.
            if (closed || !inFlight.compareAndSet(false, true)) {
              return;
            }
            connection
                .read(LegacyUuids.DATA)
                .whenComplete(
                    (bytes, e) -> {
                      inFlight.set(false);
                      if (e == null) {
                        onValue(
                            new Notification(
                                System.nanoTime(), connection.address(), LegacyUuids.DATA, handle, bytes));
                      }
                    });
          },
          0,
          interval.toNanos(),
          TimeUnit.NANOSECONDS);
    }

    @Override
    public long malformed() {
      return malformed.get();
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      Subscription s = subscription;
      if (s != null) {
        s.close();
      }
      ScheduledExecutorService p = poller;
      if (p != null) {
        p.shutdownNow();
      }
    }
  }

  /**
   * Starts a legacy stream.
   *
   * @param connection a connection
   * @param listener receives decoded packets and malformed values
   * @param health if present, sees every value
   * @param pollInterval how often to read when the characteristic cannot notify
   * @return the running session
   */
  public static CompletableFuture<Session> start(
      BleConnection connection,
      PacketListener<LegacyWristbandPacket> listener,
      Optional<StreamHealth> health,
      Duration pollInterval) {
    return start(connection, listener, health, n -> {}, pollInterval);
  }

  /**
   * Starts a legacy stream, also handing every value as it came — notified or polled, decodable
   * or not — to a raw listener (a packet inspector), before it is decoded.
   *
   * @param connection a connection
   * @param listener receives decoded packets and malformed values
   * @param health if present, sees every value
   * @param raw sees every value first, as a notification (a polled one has the read's time)
   * @param pollInterval how often to read when the characteristic cannot notify
   * @return the running session
   */
  public static CompletableFuture<Session> start(
      BleConnection connection,
      PacketListener<LegacyWristbandPacket> listener,
      Optional<StreamHealth> health,
      NotificationListener raw,
      Duration pollInterval) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(health, "health");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
    return connection
        .characteristics()
        .thenCompose(
            chars -> {
              GattCharacteristicInfo data =
                  chars.stream()
                      .filter(c -> c.uuid().equals(LegacyUuids.DATA))
                      .findFirst()
                      .orElse(null);
              if (data == null) {
                return CompletableFuture.failedFuture(
                    new BleException(
                        BleException.Reason.NOT_FOUND,
                        connection.address() + " has no legacy data characteristic"));
              }
              if (data.has(CharacteristicProperty.NOTIFY)) {
                Session session = new Session(connection, listener, health, raw, Mode.NOTIFY);
                return connection
                    .subscribe(LegacyUuids.DATA, session::onValue)
                    .thenApply(
                        sub -> {
                          session.subscription = sub;
                          return session;
                        });
              }
              if (data.has(CharacteristicProperty.READ)) {
                Session session = new Session(connection, listener, health, raw, Mode.POLL);
                session.startPolling(pollInterval, data.handle());
                return CompletableFuture.completedFuture(session);
              }
              return CompletableFuture.failedFuture(
                  new BleException(
                      BleException.Reason.NOT_SUPPORTED,
                      connection.address() + ": legacy data can be neither notified nor read"));
            });
  }
}
