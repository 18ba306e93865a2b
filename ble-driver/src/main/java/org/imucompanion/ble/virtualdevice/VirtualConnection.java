package org.imucompanion.ble.virtualdevice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.NotificationListener;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.SubscriptionRegistry;
import org.imucompanion.ble.WriteType;

/**
 * A connection to a {@link VirtualDevice}. Like the BlueZ connection it lives from connect until
 * the link drops or it is closed and never comes back: the reconnect supervisor makes a new one, so
 * a dead connection's listeners are never called again.
 */
final class VirtualConnection implements BleConnection {

  private final VirtualTransport transport;
  private final VirtualDevice device;
  private final ConnectionListener listener;
  private final OrderedDelivery delivery;
  private final ScheduledExecutorService scheduler;
  private final CompletableFuture<Void> resolved = new CompletableFuture<>();
  private final SubscriptionRegistry subscriptions;
  private final Link link = new Link();
  private final int mtu;
  private ConnectionState state = ConnectionState.CONNECTING;
  private volatile boolean closed;
  private boolean linkGone;

  VirtualConnection(
      VirtualTransport transport,
      VirtualDevice device,
      ConnectionListener listener,
      Executor executor,
      int queueCapacity) {
    this.transport = transport;
    this.device = device;
    this.listener = listener;
    this.scheduler = transport.scheduler();
    this.delivery = new OrderedDelivery(executor, queueCapacity);
    this.subscriptions = new SubscriptionRegistry(device.address(), this::unsubscribe);
    this.mtu = device.mtu();
  }

  /** Brings the link up: CONNECTING, CONNECTED, then SERVICES_RESOLVED. On the scheduler. */
  void open() {
    synchronized (this) {
      post(ConnectionState.CONNECTING, Optional.empty());
      moveTo(ConnectionState.CONNECTED, Optional.empty());
      device.attach(link);
    }
    device.onConnected(link);
    synchronized (this) {
      if (state != ConnectionState.CONNECTED || linkGone) {
        return; // the device dropped the link while it was coming up
      }
      moveTo(ConnectionState.SERVICES_RESOLVED, Optional.empty());
    }
    resolved.complete(null);
  }

  private void moveTo(ConnectionState next, Optional<BleException> cause) {
    state = next;
    post(next, cause);
  }

  private void post(ConnectionState s, Optional<BleException> cause) {
    delivery.post(() -> listener.onStateChanged(s, cause));
  }

  /** The link went down under the connection (device side or fault). */
  private void linkLost(String why) {
    BleException cause = new BleException(Reason.DISCONNECTED, device.address() + ": " + why);
    synchronized (this) {
      if (linkGone) {
        return;
      }
      linkGone = true;
      killSubscriptions();
    }
    // The device and the transport learn first, the host last: when the host hears DISCONNECTED
    // the device has already forgotten its state and a reconnect can start at once.
    goneFromDevice();
    transport.forget(this);
    synchronized (this) {
      if (!closed) {
        moveTo(ConnectionState.DISCONNECTED, Optional.of(cause));
      }
    }
    resolved.completeExceptionally(cause);
  }

  private void goneFromDevice() {
    device.faults().linkDown();
    if (device.detach(link)) {
      device.onDisconnected();
    }
  }

  private void killSubscriptions() {
    subscriptions.deactivateAll();
  }

  // ------------------------------------------------------------------ notifications

  private void send(LinkFaults.Pending p) {
    if (!link.isUp() || !subscriptions.has(p.characteristic())) {
      return;
    }
    deliver(device.faults().pass(p));
  }

  private void deliver(List<LinkFaults.Pending> out) {
    for (LinkFaults.Pending p : out) {
      List<SubscriptionRegistry.Entry> subs = subscriptions.of(p.characteristic());
      if (subs.isEmpty()) {
        continue;
      }
      long t =
          p.hostTimeNanos() == LinkFaults.Pending.STAMP_ON_DELIVERY
              ? System.nanoTime()
              : p.hostTimeNanos();
      int handle =
          device.characteristic(p.characteristic()).map(GattCharacteristicInfo::handle).orElse(0);
      Notification n = new Notification(t, device.address(), p.characteristic(), handle, p.value());
      for (SubscriptionRegistry.Entry s : subs) {
        delivery.offer(() -> s.deliver(n));
      }
    }
  }

  /** The device's side of this connection. */
  final class Link implements DeviceLink {

    @Override
    public void notify(UUID characteristic, byte[] value) {
      send(
          new LinkFaults.Pending(
              characteristic, value.clone(), LinkFaults.Pending.STAMP_ON_DELIVERY));
    }

    @Override
    public void notify(UUID characteristic, byte[] value, long hostTimeNanos) {
      send(new LinkFaults.Pending(characteristic, value.clone(), hostTimeNanos));
    }

    @Override
    public boolean isNotifying(UUID characteristic) {
      return isUp() && subscriptions.has(characteristic);
    }

    @Override
    public boolean isUp() {
      synchronized (VirtualConnection.this) {
        return !linkGone
            && (state == ConnectionState.CONNECTED || state == ConnectionState.SERVICES_RESOLVED);
      }
    }

    @Override
    public int mtu() {
      return mtu;
    }

    @Override
    public int backlog() {
      return delivery.pending();
    }

    @Override
    public void disconnect() {
      try {
        scheduler.execute(() -> linkLost("the device dropped the link"));
      } catch (RejectedExecutionException e) {
        linkLost("the device dropped the link"); // the transport is closing: do it here
      }
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return scheduler;
    }

    void endStall() {
      if (isUp()) {
        deliver(device.faults().endStallIfDue());
      }
    }
  }

  // ------------------------------------------------------------------ API

  @Override
  public String address() {
    return device.address();
  }

  @Override
  public synchronized ConnectionState state() {
    return state;
  }

  @Override
  public CompletableFuture<Void> servicesResolved() {
    ensureOpen();
    return resolved.copy();
  }

  @Override
  public CompletableFuture<List<GattCharacteristicInfo>> characteristics() {
    ensureOpen();
    return resolved.thenApply(v -> device.characteristics());
  }

  @Override
  public CompletableFuture<Subscription> subscribe(
      UUID uuid, NotificationListener notificationListener) {
    ensureOpen();
    return call(
        () -> {
          GattCharacteristicInfo info = characteristicOrFail(uuid);
          if (!info.has(CharacteristicProperty.NOTIFY)
              && !info.has(CharacteristicProperty.INDICATE)) {
            throw new BleException(
                Reason.NOT_SUPPORTED, address() + ": " + uuid + " does not notify");
          }
          boolean first;
          Subscription sub;
          synchronized (this) {
            requireUsable();
            first = !subscriptions.has(uuid);
            sub = subscriptions.add(uuid, notificationListener);
          }
          if (first) {
            device.onNotifyingChanged(uuid, true);
          }
          return sub;
        });
  }

  private void unsubscribe(SubscriptionRegistry.Entry sub) {
    boolean last;
    synchronized (this) {
      last = subscriptions.remove(sub);
    }
    if (last && link.isUp()) {
      try {
        scheduler.execute(() -> device.onNotifyingChanged(sub.characteristic(), false));
      } catch (RejectedExecutionException e) {
        // the transport is shutting down; the device is being disconnected anyway
      }
    }
  }

  @Override
  public CompletableFuture<byte[]> read(UUID uuid) {
    ensureOpen();
    return call(
        () -> {
          characteristicOrFail(uuid);
          requireUsable();
          return device.onRead(uuid).clone();
        });
  }

  @Override
  public CompletableFuture<Void> write(UUID uuid, byte[] value, WriteType type) {
    ensureOpen();
    byte[] copy = value.clone();
    return call(
        () -> {
          characteristicOrFail(uuid);
          requireUsable();
          if (copy.length > mtu - 3) {
            throw new BleException(
                Reason.NOT_SUPPORTED, "value of " + copy.length + " bytes exceeds MTU " + mtu);
          }
          device.onWrite(uuid, copy, type);
          return null;
        });
  }

  @Override
  public int mtu() {
    ensureOpen();
    return mtu;
  }

  @Override
  public CompletableFuture<OptionalInt> battery() {
    ensureOpen();
    return call(
        () -> {
          requireUsable();
          return device.battery();
        });
  }

  @Override
  public long droppedNotifications() {
    return delivery.dropped();
  }

  @Override
  public void close() {
    boolean wasUp;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      wasUp = !linkGone;
      linkGone = true;
      killSubscriptions();
    }
    if (wasUp) {
      goneFromDevice();
    }
    transport.forget(this);
    synchronized (this) {
      moveTo(ConnectionState.CLOSED, Optional.empty());
    }
    delivery.close();
    resolved.completeExceptionally(new BleException(Reason.CLOSED, address() + ": closed"));
  }

  // ------------------------------------------------------------------ helpers

  private GattCharacteristicInfo characteristicOrFail(UUID uuid) throws BleException {
    return device
        .characteristic(uuid)
        .orElseThrow(
            () -> new BleException(Reason.NOT_FOUND, address() + " has no characteristic " + uuid));
  }

  private synchronized void requireUsable() throws BleException {
    if (!state.isUsable() || linkGone) {
      throw new BleException(Reason.DISCONNECTED, address() + " is " + state);
    }
  }

  private <T> CompletableFuture<T> call(Callable<T> work) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      scheduler.execute(
          () -> {
            try {
              f.complete(work.call());
            } catch (Throwable e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new BleException(Reason.CLOSED, "transport closed", e));
    }
    return f;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("connection to " + address() + " is closed");
    }
  }
}
