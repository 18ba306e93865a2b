package org.imucompanion.ble.profile;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.stream.SequenceTracker;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Our wristband (protocol v1, PROTOCOL.md): read CONFIG to learn rate, ranges and layout, subscribe
 * to DATA, then write START_STREAM to CONTROL. Packets carry sequence numbers, so duplicates are
 * recognised and dropped here.
 */
public final class WristbandProfile {

  private WristbandProfile() {}

  /** A running wristband stream. */
  public static final class Session implements ProfileSession {
    private final BleConnection connection;
    private final WristbandConfig config;
    private final PacketListener<WristbandDataPacket> listener;
    private final Optional<StreamHealth> health;
    private final SequenceTracker sequences = new SequenceTracker();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile Subscription subscription;
    private volatile boolean closed;

    private Session(
        BleConnection connection,
        WristbandConfig config,
        PacketListener<WristbandDataPacket> listener,
        Optional<StreamHealth> health) {
      this.connection = connection;
      this.config = config;
      this.listener = listener;
      this.health = health;
    }

    /**
     * Returns the configuration the device reported at start.
     *
     * @return the device's config
     */
    public WristbandConfig config() {
      return config;
    }

    /**
     * Asks the device to stop streaming (the subscription stays open).
     *
     * @return completes when the device acknowledged
     */
    public CompletableFuture<Void> stopStreaming() {
      return connection.write(
          WristbandUuids.CONTROL, WristbandControl.stopStream().encode(), WriteType.WITH_RESPONSE);
    }

    synchronized void onNotification(Notification n) {
      if (closed) {
        return;
      }
      WristbandDataPacket p;
      try {
        p = WristbandCodec.decode(n.value(), config);
      } catch (ProtocolException e) {
        malformed.incrementAndGet();
        health.ifPresent(h -> h.recordMalformed(n.hostTimeNanos(), n.length(), e.reason()));
        listener.onMalformed(
            new MalformedNotification(
                n.deviceAddress(), n.characteristic(), n.hostTimeNanos(), n.value(), e.reason(), e.offset()));
        return;
      }
      health.ifPresent(
          h -> h.recordPacket(n.hostTimeNanos(), n.length(), p.sequence(), p.samples().size()));
      if (sequences.accept(p.sequence()) == SequenceTracker.Outcome.DUPLICATE) {
        duplicates.incrementAndGet();
        return;
      }
      listener.onPacket(new TimedPacket<>(n.deviceAddress(), n.hostTimeNanos(), p));
    }

    @Override
    public long duplicatesDropped() {
      return duplicates.get();
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
      if (connection.state().isUsable()) {
        stopStreaming().exceptionally(e -> null); // best effort: the link may be going away
      }
    }
  }

  /**
   * Starts a wristband stream.
   *
   * @param connection a connection (services need not be resolved yet)
   * @param listener receives decoded packets and malformed notifications
   * @param health if present, sees every notification (packets, duplicates, malformed)
   * @return the running session, or a failure ({@code NOT_SUPPORTED} if CONFIG is unreadable)
   */
  public static CompletableFuture<Session> start(
      BleConnection connection,
      PacketListener<WristbandDataPacket> listener,
      Optional<StreamHealth> health) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(health, "health");
    return connection
        .read(WristbandUuids.CONFIG)
        .thenApply(
            bytes -> {
              try {
                return new Session(connection, WristbandConfig.decode(bytes), listener, health);
              } catch (ProtocolException e) {
                throw ProfileFailures.badDevice(connection.address(), "config", e);
              }
            })
        .thenCompose(
            session ->
                connection
                    .subscribe(WristbandUuids.DATA, session::onNotification)
                    .thenCompose(
                        sub -> {
                          session.subscription = sub;
                          return connection.write(
                              WristbandUuids.CONTROL,
                              WristbandControl.startStream().encode(),
                              WriteType.WITH_RESPONSE);
                        })
                    .whenComplete(
                        (v, e) -> {
                          if (e != null) {
                            session.close();
                          }
                        })
                    .thenApply(v -> session));
  }
}
