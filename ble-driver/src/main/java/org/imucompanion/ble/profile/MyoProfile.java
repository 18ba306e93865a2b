package org.imucompanion.ble.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoCommand;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;

/**
 * The Myo armband (myohw.h): subscribe to IMU and the four EMG characteristics, then write set-mode
 * (raw EMG, IMU on, classifier off) and never-sleep. The armband forgets both at every disconnect,
 * so a reconnect must start the profile again, which the supervisor does.
 */
public final class MyoProfile {

  private MyoProfile() {}

  /** The set-mode command this profile writes. */
  public static final MyoCommand SET_MODE =
      MyoCommand.setMode(MyoCommand.EMG_RAW, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED);

  /** A running Myo stream. */
  public static final class Session implements ProfileSession {
    private final BleConnection connection;
    private final MyoListener listener;
    private final Optional<StreamHealth> imuHealth;
    private final Optional<StreamHealth> emgHealth;
    private final EmgMerger merger = new EmgMerger();
    private final AtomicLong malformed = new AtomicLong();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile boolean closed;

    private Session(
        BleConnection connection,
        MyoListener listener,
        Optional<StreamHealth> imuHealth,
        Optional<StreamHealth> emgHealth) {
      this.connection = connection;
      this.listener = listener;
      this.imuHealth = imuHealth;
      this.emgHealth = emgHealth;
    }

    synchronized void onImu(Notification n) {
      if (closed) {
        return;
      }
      try {
        MyoImuPacket p = MyoCodec.decodeImu(n.value());
        imuHealth.ifPresent(h -> h.recordPacket(n.hostTimeNanos(), n.length(), 1));
        listener.onImu(new TimedPacket<>(n.deviceAddress(), n.hostTimeNanos(), p));
      } catch (ProtocolException e) {
        malformed(n, e, imuHealth);
      }
    }

    /** All four EMG characteristics go through here, in bus order, so the merge sees the rotation. */
    synchronized void onEmg(int index, Notification n) {
      if (closed) {
        return;
      }
      MyoEmgPacket p;
      try {
        p = MyoCodec.decodeEmg(n.value());
      } catch (ProtocolException e) {
        malformed(n, e, emgHealth);
        return;
      }
      emgHealth.ifPresent(h -> h.recordPacket(n.hostTimeNanos(), n.length(), 2));
      List<Long> at = merger.place(index, n.value(), p);
      if (at.isEmpty()) {
        return; // duplicate
      }
      listener.onEmg(new EmgReading(n.deviceAddress(), n.hostTimeNanos(), at.get(0), p.first()));
      listener.onEmg(new EmgReading(n.deviceAddress(), n.hostTimeNanos(), at.get(1), p.second()));
    }

    private synchronized void add(Subscription s) {
      if (closed) {
        s.close();
      } else {
        subscriptions.add(s);
      }
    }

    private void malformed(Notification n, ProtocolException e, Optional<StreamHealth> health) {
      malformed.incrementAndGet();
      health.ifPresent(h -> h.recordMalformed(n.hostTimeNanos(), n.length(), e.reason()));
      listener.onMalformed(
          new MalformedNotification(
              n.deviceAddress(), n.characteristic(), n.hostTimeNanos(), n.value(), e.reason(), e.offset()));
    }

    /**
     * Makes the armband vibrate.
     *
     * @param type 1 short, 2 medium, 3 long
     * @return completes when the armband acknowledged
     */
    public CompletableFuture<Void> vibrate(int type) {
      return connection.write(MyoUuids.COMMAND, MyoCommand.vibrate(type).encode(), WriteType.WITH_RESPONSE);
    }

    /**
     * Reads the battery level (BlueZ's Battery1, or the 0x2a19 characteristic).
     *
     * @return the percentage, if the armband reports one
     */
    public CompletableFuture<OptionalInt> battery() {
      return connection.battery();
    }

    /**
     * Counts EMG samples inferred lost from gaps in the four-characteristic rotation.
     *
     * @return lost samples (inferred)
     */
    public long emgSamplesInferredLost() {
      return merger.lostSamples();
    }

    /**
     * Counts EMG notifications that arrived after a later one and were put back in their place.
     *
     * @return late (out-of-order) EMG notifications
     */
    public long emgLate() {
      return merger.late();
    }

    @Override
    public long duplicatesDropped() {
      return merger.duplicates();
    }

    @Override
    public long malformed() {
      return malformed.get();
    }

    @Override
    public void close() {
      List<Subscription> subs;
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
        subs = new ArrayList<>(subscriptions);
      }
      subs.forEach(Subscription::close);
    }
  }

  /**
   * Starts a Myo stream.
   *
   * @param connection a connection
   * @param listener receives IMU packets and merged EMG samples
   * @param imuHealth if present, sees every IMU notification
   * @param emgHealth if present, sees every EMG notification
   * @return the running session
   */
  public static CompletableFuture<Session> start(
      BleConnection connection,
      MyoListener listener,
      Optional<StreamHealth> imuHealth,
      Optional<StreamHealth> emgHealth) {
    Objects.requireNonNull(listener, "listener");
    Session session = new Session(connection, listener, imuHealth, emgHealth);
    // Subscribe first so the first packets after set-mode are not missed.
    CompletableFuture<Void> chain =
        connection
            .subscribe(MyoUuids.IMU_DATA, session::onImu)
            .thenAccept(session::add);
    for (int i = 0; i < MyoUuids.EMG_DATA.size(); i++) {
      int index = i;
      chain =
          chain.thenCompose(
              v -> connection.subscribe(MyoUuids.EMG_DATA.get(index), n -> session.onEmg(index, n)))
              .thenAccept(session::add);
    }
    return chain
        .thenCompose(v -> connection.write(MyoUuids.COMMAND, SET_MODE.encode(), WriteType.WITH_RESPONSE))
        .thenCompose(
            v ->
                connection.write(
                    MyoUuids.COMMAND, MyoCommand.setSleepMode(true).encode(), WriteType.WITH_RESPONSE))
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                session.close();
              }
            })
        .thenApply(v -> session);
  }
}
