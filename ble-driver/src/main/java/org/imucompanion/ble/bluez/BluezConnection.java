package org.imucompanion.ble.bluez;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.bluez.Device1;
import org.bluez.GattCharacteristic1;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device link through BlueZ. Lives from {@code Connect} until the link drops or {@link #close}:
 * it never reconnects itself (the supervisor makes a new one), so a dead connection's listeners can
 * never be called again, which is what keeps callbacks from doubling after a reconnect.
 */
final class BluezConnection implements BleConnection {

  private static final Logger LOG = LoggerFactory.getLogger(BluezConnection.class);
  private static final int DEFAULT_ATT_MTU = 23;
  private static final UUID BATTERY_LEVEL =
      UUID.fromString("00002a19-0000-1000-8000-00805f9b34fb");
  /** bluetoothd answers InProgress while a surviving notify session is not registered again. */
  private static final int START_NOTIFY_ATTEMPTS = 20;
  private static final long START_NOTIFY_RETRY_MS = 50;

  private final BluezTransport transport;
  private final String path;
  private final String address;
  private final ConnectionListener listener;
  private final DeliveryLane lane;
  private final CompletableFuture<Void> resolved = new CompletableFuture<>();
  private final SubscriptionRegistry subscriptions;
  private final Map<UUID, CompletableFuture<Void>> notifyStarted = new ConcurrentHashMap<>();
  private volatile Map<UUID, CharacteristicEntry> characteristics = Map.of();
  private volatile int mtu = DEFAULT_ATT_MTU;
  private ConnectionState state = ConnectionState.CONNECTING;
  /**
   * Whether the link of this connection was seen up: a {@code Connected=true} on the signal
   * thread, or already connected before our Connect. Until then a {@code Connected=false} is the
   * echo of the previous link (dbus-java hands Connect's reply and signals to different threads, so
   * a late signal from the old link can arrive after our Connect returned).
   */
  private volatile boolean linkSeenUp;
  /** ServicesResolved went false while resolved: the GATT table is changing (guarded by this). */
  private boolean servicesChanging;
  private volatile boolean closed;

  private record CharacteristicEntry(String path, GattCharacteristicInfo info) {}

  BluezConnection(
      BluezTransport transport,
      String path,
      String address,
      ConnectionListener listener,
      Executor executor) {
    this.transport = transport;
    this.path = path;
    this.address = address;
    this.listener = listener;
    this.lane =
        new DeliveryLane(address, transport.options().queueCapacity(), executor, this::dispatch);
    this.subscriptions = new SubscriptionRegistry(address, this::unsubscribe);
  }

  String path() {
    return path;
  }

  // ---------------------------------------------------------------- lifecycle (call threads)

  /** Calls Device1.Connect and records what it leads to. Runs on a call thread. */
  void establish() throws BleException {
    post(ConnectionState.CONNECTING, Optional.empty());
    try {
      if (DbusValues.bool(
          transport
              .remote(path, org.freedesktop.dbus.interfaces.Properties.class)
              .GetAll(BluezTransport.DEVICE_IFACE)
              .get("Connected"))) {
        linkSeenUp = true; // Connect will not announce a link that is already up
      }
      Device1 device = transport.remote(path, Device1.class);
      device.Connect();
    } catch (Exception e) {
      BleException b = BluezFailures.map(e, Reason.CONNECT_FAILED, "connect to " + address);
      synchronized (this) {
        if (!closed) {
          moveTo(ConnectionState.DISCONNECTED, Optional.of(b));
        }
      }
      lane.close();
      throw b;
    }
    synchronized (this) {
      if (closed) {
        // Given up on (connect timeout) while Connect was pending; close() sent Disconnect.
        throw new BleException(Reason.CLOSED, address + ": connection abandoned");
      }
      if (state == ConnectionState.CONNECTING) {
        moveTo(ConnectionState.CONNECTED, Optional.empty());
      }
    }
    // Connect returns before services are resolved; the property may also already be true if the
    // signal raced ahead of Connect's reply.
    try {
      Map<String, Variant<?>> props =
          transport
              .remote(path, org.freedesktop.dbus.interfaces.Properties.class)
              .GetAll(BluezTransport.DEVICE_IFACE);
      if (DbusValues.bool(props.get("ServicesResolved"))) {
        onResolved();
      }
    } catch (Exception e) {
      LOG.debug("could not read ServicesResolved of {}", address, e);
    }
    resolved.orTimeout(
        transport.options().servicesResolvedTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Drops the lane of a connection object that never got used. */
  void discard() {
    lane.close();
  }

  // ---------------------------------------------------------------- signal thread

  void enqueue(Notification n) {
    lane.offer(n);
  }

  void onDeviceProperties(Map<String, Variant<?>> changed) {
    Variant<?> sr = changed.get("ServicesResolved");
    if (sr != null && DbusValues.bool(sr)) {
      linkSeenUp = true; // resolved services mean a link, even if its Connected=true was missed
      boolean changedTable;
      synchronized (this) {
        changedTable = servicesChanging && state == ConnectionState.SERVICES_RESOLVED;
        servicesChanging = false;
      }
      if (changedTable) {
        transport.call(this::resolveAgain, Reason.IO, "re-resolve services of " + address);
      } else {
        onResolved();
      }
    } else if (sr != null) {
      synchronized (this) {
        // Also the first sign of a disconnect (bluetoothd clears ServicesResolved before
        // Connected): only the cache is dropped here, the state waits for what comes next.
        if (state == ConnectionState.SERVICES_RESOLVED) {
          servicesChanging = true;
          characteristics = Map.of();
        }
      }
    }
    Variant<?> connected = changed.get("Connected");
    if (connected != null) {
      if (DbusValues.bool(connected)) {
        linkSeenUp = true;
      } else if (linkSeenUp) {
        onLinkLost("the device disconnected");
      }
    }
  }

  void onDeviceRemoved() {
    onLinkLost("BlueZ removed the device");
  }

  private void onResolved() {
    synchronized (this) {
      if (state == ConnectionState.DISCONNECTED || state == ConnectionState.CLOSED) {
        return;
      }
      if (state != ConnectionState.SERVICES_RESOLVED) {
        moveTo(ConnectionState.SERVICES_RESOLVED, Optional.empty());
      }
    }
    resolved.complete(null);
  }

  /**
   * The GATT table changed under a live link: discover it again, route and start notifications
   * again for every characteristic that has subscriptions (one StartNotify each: the old objects
   * and their notify sessions are gone), then tell the listener. Runs on a call thread.
   */
  private Void resolveAgain() throws Exception {
    Map<UUID, CharacteristicEntry> found = discover();
    List<UUID> lost = new ArrayList<>();
    Map<UUID, CharacteristicEntry> toStart = new java.util.LinkedHashMap<>();
    synchronized (this) {
      if (!state.isUsable()) {
        return null;
      }
      characteristics = found;
      transport.valueRoutes.values().removeIf(r -> r.connection() == this);
      for (UUID uuid : subscriptions.characteristics()) {
        CharacteristicEntry e = found.get(uuid);
        if (e == null) {
          subscriptions.deactivate(uuid);
          notifyStarted.remove(uuid);
          lost.add(uuid);
        } else {
          transport.valueRoutes.put(
              e.path(), new BluezTransport.ValueRoute(this, uuid, e.info().handle()));
          toStart.put(uuid, e);
        }
      }
    }
    for (Map.Entry<UUID, CharacteristicEntry> e : toStart.entrySet()) {
      try {
        startNotify(e.getValue().path());
      } catch (BleException | RuntimeException ex) {
        LOG.warn("{}: could not subscribe to {} again after its services changed", address, e.getKey(), ex);
        synchronized (this) {
          subscriptions.deactivate(e.getKey());
          notifyStarted.remove(e.getKey());
          transport.valueRoutes.remove(e.getValue().path());
        }
        lost.add(e.getKey());
      }
    }
    List<GattCharacteristicInfo> table = new ArrayList<>();
    found.values().forEach(c -> table.add(c.info()));
    List<UUID> gone = List.copyOf(lost);
    lane.post(() -> listener.onServicesChanged(List.copyOf(table), gone));
    return null;
  }

  private void onLinkLost(String why) {
    BleException cause = new BleException(Reason.DISCONNECTED, address + ": " + why);
    synchronized (this) {
      if (state == ConnectionState.DISCONNECTED || state == ConnectionState.CLOSED) {
        return;
      }
      if (state == ConnectionState.CONNECTING) {
        return; // Connect is still running: its own failure will tell
      }
      killSubscriptions();
      moveTo(ConnectionState.DISCONNECTED, Optional.of(cause));
    }
    resolved.completeExceptionally(cause);
    transport.forget(this);
  }

  private void killSubscriptions() {
    subscriptions.deactivateAll();
    notifyStarted.clear();
    transport.valueRoutes.values().removeIf(r -> r.connection() == this);
  }

  /** Caller holds the lock (or is the only one who can change state). */
  private void moveTo(ConnectionState next, Optional<BleException> cause) {
    state = next;
    post(next, cause);
  }

  private void post(ConnectionState s, Optional<BleException> cause) {
    lane.post(() -> listener.onStateChanged(s, cause));
  }

  // ---------------------------------------------------------------- delivery worker

  private void dispatch(Notification n) {
    for (SubscriptionRegistry.Entry s : subscriptions.of(n.characteristic())) {
      s.deliver(n);
    }
  }

  // ---------------------------------------------------------------- API

  @Override
  public String address() {
    return address;
  }

  @Override
  public synchronized ConnectionState state() {
    return state;
  }

  @Override
  public CompletableFuture<Void> servicesResolved() {
    ensureOpen();
    return resolved.exceptionallyCompose(
        e -> {
          Throwable t = BluezFailures.unwrap(e);
          if (t instanceof java.util.concurrent.TimeoutException) {
            return CompletableFuture.failedFuture(
                new BleException(Reason.TIMEOUT, address + ": services were not resolved in time"));
          }
          return CompletableFuture.failedFuture(t);
        });
  }

  @Override
  public CompletableFuture<List<GattCharacteristicInfo>> characteristics() {
    ensureOpen();
    return servicesResolved()
        .thenCompose(
            v ->
                transport.call(
                    () -> {
                      Map<UUID, CharacteristicEntry> found = discover();
                      characteristics = found;
                      List<GattCharacteristicInfo> out = new ArrayList<>();
                      found.values().forEach(c -> out.add(c.info()));
                      return out;
                    },
                    Reason.IO,
                    "list characteristics of " + address));
  }

  private Map<UUID, CharacteristicEntry> discover() throws Exception {
    var objects = transport.managedObjects();
    Map<String, UUID> serviceUuids = new java.util.HashMap<>();
    for (var e : objects.entrySet()) {
      String p = e.getKey().getPath();
      if (p.startsWith(path + "/")) {
        Map<String, Variant<?>> s = DbusValues.props(e.getValue(), BluezTransport.SERVICE_IFACE);
        if (!s.isEmpty()) {
          serviceUuids.put(p, UUID.fromString(DbusValues.string(s.get("UUID")).orElseThrow()));
        }
      }
    }
    Map<UUID, CharacteristicEntry> out = new java.util.LinkedHashMap<>();
    int bestMtu = DEFAULT_ATT_MTU;
    for (var e : objects.entrySet()) {
      String p = e.getKey().getPath();
      Map<String, Variant<?>> c = DbusValues.props(e.getValue(), BluezTransport.CHARACTERISTIC_IFACE);
      if (c.isEmpty() || !p.startsWith(path + "/")) {
        continue;
      }
      UUID uuid = UUID.fromString(DbusValues.string(c.get("UUID")).orElseThrow());
      String servicePath = DbusValues.path(c.get("Service"));
      UUID service = serviceUuids.getOrDefault(servicePath, new UUID(0, 0));
      int handle =
          c.containsKey("Handle")
              ? DbusValues.integer(c.get("Handle")).orElse(0)
              : handleFromPath(p);
      var props = EnumSet.noneOf(CharacteristicProperty.class);
      props.addAll(CharacteristicProperty.fromBluezFlags(DbusValues.strings(c.get("Flags"))));
      bestMtu = Math.max(bestMtu, DbusValues.integer(c.get("MTU")).orElse(DEFAULT_ATT_MTU));
      // First one wins if a device repeats a UUID in two services (none of ours does).
      out.putIfAbsent(
          uuid, new CharacteristicEntry(p, new GattCharacteristicInfo(service, uuid, handle, props)));
    }
    mtu = bestMtu;
    return out;
  }

  /** bluetoothd names characteristics after their declaration handle; the value is the next one. */
  static int handleFromPath(String charPath) {
    int i = charPath.lastIndexOf("/char");
    if (i < 0) {
      return 0;
    }
    try {
      return Integer.parseInt(charPath.substring(i + 5), 16) + 1;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private CompletableFuture<CharacteristicEntry> entry(UUID uuid) {
    CharacteristicEntry known = characteristics.get(uuid);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    return characteristics()
        .thenCompose(
            list -> {
              CharacteristicEntry e = characteristics.get(uuid);
              return e != null
                  ? CompletableFuture.completedFuture(e)
                  : CompletableFuture.failedFuture(
                      new BleException(Reason.NOT_FOUND, address + " has no characteristic " + uuid));
            });
  }

  @Override
  public CompletableFuture<Subscription> subscribe(UUID uuid, NotificationListener notificationListener) {
    ensureOpen();
    return entry(uuid)
        .thenCompose(
            e -> {
              CompletableFuture<Void> started;
              boolean first;
              SubscriptionRegistry.Entry sub;
              synchronized (this) {
                if (!state.isUsable()) {
                  return CompletableFuture.failedFuture(
                      new BleException(Reason.DISCONNECTED, address + " is " + state));
                }
                sub = subscriptions.add(uuid, notificationListener);
                started = notifyStarted.get(uuid);
                first = started == null;
                if (first) {
                  started = new CompletableFuture<>();
                  notifyStarted.put(uuid, started);
                  // Route before StartNotify so that the first values are not lost.
                  transport.valueRoutes.put(
                      e.path(), new BluezTransport.ValueRoute(this, uuid, e.info().handle()));
                }
              }
              if (first) {
                CompletableFuture<Void> s = started;
                transport
                    .call(() -> startNotify(e.path()), Reason.IO, "subscribe to " + uuid + " on " + address)
                    .whenComplete(
                        (v, err) -> {
                          if (err == null) {
                            s.complete(null);
                          } else {
                            s.completeExceptionally(err);
                          }
                        });
              }
              return started.handle(
                  (v, err) -> {
                    if (err != null) {
                      sub.close();
                      throw new java.util.concurrent.CompletionException(BluezFailures.unwrap(err));
                    }
                    return (Subscription) sub;
                  });
            });
  }

  private Void startNotify(String charPath) throws Exception {
    GattCharacteristic1 c = transport.remote(charPath, GattCharacteristic1.class);
    for (int attempt = 1; ; attempt++) {
      try {
        c.StartNotify();
        return null;
      } catch (RuntimeException | org.freedesktop.dbus.exceptions.DBusException e) {
        BleException b = BluezFailures.map(e, Reason.IO, "StartNotify " + charPath);
        if (b.reason() != Reason.IN_PROGRESS || attempt >= START_NOTIFY_ATTEMPTS || !state().isUsable()) {
          throw b;
        }
        Thread.sleep(START_NOTIFY_RETRY_MS);
      }
    }
  }

  private void unsubscribe(SubscriptionRegistry.Entry sub) {
    String charPath = null;
    synchronized (this) {
      if (subscriptions.remove(sub)) {
        notifyStarted.remove(sub.characteristic());
        CharacteristicEntry e = characteristics.get(sub.characteristic());
        if (e != null) {
          transport.valueRoutes.remove(e.path());
          charPath = e.path();
        }
      }
    }
    if (charPath != null && state().isUsable()) {
      String p = charPath;
      transport.call(
          () -> {
            transport.remote(p, GattCharacteristic1.class).StopNotify();
            return null;
          },
          Reason.IO,
          "StopNotify " + p);
    }
  }

  @Override
  public CompletableFuture<byte[]> read(UUID uuid) {
    ensureOpen();
    return entry(uuid)
        .thenCompose(
            e ->
                transport.call(
                    () -> transport.remote(e.path(), GattCharacteristic1.class).ReadValue(Map.of()).clone(),
                    Reason.IO,
                    "read " + uuid + " on " + address));
  }

  @Override
  public CompletableFuture<Void> write(UUID uuid, byte[] value, WriteType type) {
    ensureOpen();
    byte[] copy = value.clone();
    Map<String, Variant<?>> options =
        Map.of("type", new Variant<>(type == WriteType.WITH_RESPONSE ? "request" : "command"));
    return entry(uuid)
        .thenCompose(
            e ->
                transport.call(
                    () -> {
                      transport.remote(e.path(), GattCharacteristic1.class).WriteValue(copy, options);
                      return null;
                    },
                    Reason.IO,
                    "write " + uuid + " on " + address));
  }

  @Override
  public int mtu() {
    ensureOpen();
    return mtu;
  }

  @Override
  public CompletableFuture<OptionalInt> battery() {
    ensureOpen();
    return transport
        .call(
            () -> {
              var objects = transport.managedObjects();
              var ifaces = objects.get(new DBusPath(path));
              if (ifaces != null && ifaces.containsKey(BluezTransport.BATTERY_IFACE)) {
                return DbusValues.integer(ifaces.get(BluezTransport.BATTERY_IFACE).get("Percentage"));
              }
              return OptionalInt.empty();
            },
            Reason.IO,
            "battery of " + address)
        .thenCompose(
            level -> {
              if (level.isPresent()) {
                return CompletableFuture.completedFuture(level);
              }
              // Stock bluetoothd hides 0x180f behind Battery1, others expose the characteristic.
              return characteristics()
                  .thenCompose(
                      list ->
                          characteristics.containsKey(BATTERY_LEVEL)
                              ? read(BATTERY_LEVEL)
                                  .thenApply(
                                      b -> b.length > 0 ? OptionalInt.of(b[0] & 0xFF) : OptionalInt.empty())
                              : CompletableFuture.completedFuture(OptionalInt.empty()));
            });
  }

  @Override
  public long droppedNotifications() {
    return lane.dropped();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("connection to " + address + " is closed");
    }
  }

  @Override
  public void close() {
    boolean wasLinked;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      wasLinked = state != ConnectionState.DISCONNECTED;
      killSubscriptions();
      state = ConnectionState.CLOSED;
    }
    lane.post(() -> listener.onStateChanged(ConnectionState.CLOSED, Optional.empty()));
    lane.close();
    resolved.completeExceptionally(new BleException(Reason.CLOSED, address + ": closed"));
    transport.forget(this);
    if (wasLinked) {
      // A new connection to this device waits for this Disconnect: on a call thread of its own it
      // could otherwise land after the new Connect and drop the new link.
      transport.releasing(
          path,
          transport.call(
              () -> {
                transport.remote(path, Device1.class).Disconnect();
                return null;
              },
              Reason.IO,
              "disconnect " + address));
    }
  }

  @Override
  public String toString() {
    return "BluezConnection[" + address + " " + state() + "]";
  }
}
