package org.imucompanion.ble.bluez;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BleTransport} on BlueZ over D-Bus.
 *
 * <p>{@link #open} connects to the bus and finds the adapter; everything after that is
 * asynchronous. One transport owns one unshared D-Bus connection, one signal thread (dbus-java's;
 * more would reorder signals), a few call threads for blocking D-Bus calls, and one delivery worker
 * per device connection.
 */
public final class BluezTransport implements BleTransport {

  private static final Logger LOG = LoggerFactory.getLogger(BluezTransport.class);

  static final String BLUEZ = "org.bluez";
  static final String ADAPTER_IFACE = "org.bluez.Adapter1";
  static final String DEVICE_IFACE = "org.bluez.Device1";
  static final String SERVICE_IFACE = "org.bluez.GattService1";
  static final String CHARACTERISTIC_IFACE = "org.bluez.GattCharacteristic1";
  static final String BATTERY_IFACE = "org.bluez.Battery1";

  /**
   * dbus-java retries a missing bus socket for 10 s by default; a user with no bus (or a wrong
   * address) should hear so sooner. Only the connection attempt uses this, not method calls.
   */
  private static final int BUS_CONNECT_RETRY_MS = 1500;

  private final BluezOptions options;
  private final DBusConnection bus;
  private final String adapterPath;
  private final ExecutorService calls;
  private final ExecutorService events;
  private final List<AutoCloseable> signalHandlers = new ArrayList<>();
  /** Characteristic value path -> where its notifications go. Read on the signal thread. */
  final Map<String, ValueRoute> valueRoutes = new ConcurrentHashMap<>();
  private final Map<String, BluezConnection> connectionsByPath = new ConcurrentHashMap<>();
  /** Device path -> the Disconnect a closed connection sent and that may still be running. */
  private final Map<String, CompletableFuture<?>> releases = new ConcurrentHashMap<>();
  private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
  private final List<BluezScanSession> scans = new CopyOnWriteArrayList<>();
  private final Object discoveryLock = new Object();
  private int discoveryUsers;
  private volatile boolean closed;

  /** Where one characteristic's values go: its connection, UUID and handle. */
  record ValueRoute(BluezConnection connection, java.util.UUID uuid, int handle) {}

  private BluezTransport(BluezOptions options, DBusConnection bus, String adapterPath) {
    this.options = options;
    this.bus = bus;
    this.adapterPath = adapterPath;
    AtomicInteger n = new AtomicInteger();
    this.calls =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "bluez-call-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.events =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "bluez-scan-events");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connects to the bus and finds the adapter. Blocks for as long as that takes (a D-Bus round
   * trip): call it off any UI thread.
   *
   * @param options bus address, adapter and timeouts
   * @return the transport
   * @throws BleException {@link Reason#UNAVAILABLE} if the bus, BlueZ or an adapter is missing
   */
  public static BluezTransport open(BluezOptions options) throws BleException {
    Objects.requireNonNull(options, "options");
    DBusConnection bus;
    try {
      DBusConnectionBuilder builder =
          options.busAddress().isPresent()
              ? DBusConnectionBuilder.forAddress(options.busAddress().get())
              : DBusConnectionBuilder.forSystemBus();
      // One signal thread keeps signals in bus order; not shared so two transports (or a fake
      // BlueZ in the same JVM) never step on each other.
      bus =
          builder
              .withShared(false)
              .transportConfig()
              .withTimeout(BUS_CONNECT_RETRY_MS)
              .back()
              .receivingThreadConfig()
              .withSignalThreadCount(1)
              .connectionConfig()
              .build();
    } catch (DBusException | RuntimeException e) {
      throw new BleException(
          Reason.UNAVAILABLE,
          "cannot connect to D-Bus at " + options.busAddress().orElse("the system bus"),
          e);
    }
    try {
      String adapter = findAdapter(bus, options.adapter());
      BluezTransport t = new BluezTransport(options, bus, adapter);
      t.registerSignalHandlers();
      return t;
    } catch (BleException e) {
      bus.disconnect();
      throw e;
    } catch (DBusException | RuntimeException e) {
      bus.disconnect();
      throw BluezFailures.map(e, Reason.UNAVAILABLE, "cannot talk to BlueZ");
    }
  }

  private static String findAdapter(DBusConnection bus, Optional<String> wanted)
      throws BleException {
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects;
    try {
      objects = bus.getRemoteObject(BLUEZ, "/", ObjectManager.class).GetManagedObjects();
    } catch (DBusException | RuntimeException e) {
      BleException b = BluezFailures.map(e, Reason.UNAVAILABLE, "BlueZ is not running");
      throw new BleException(Reason.UNAVAILABLE, "BlueZ (org.bluez) is not on the bus", b);
    }
    List<String> adapters = new ArrayList<>();
    for (var e : objects.entrySet()) {
      if (e.getValue().containsKey(ADAPTER_IFACE)) {
        adapters.add(e.getKey().getPath());
      }
    }
    Collections.sort(adapters);
    for (String a : adapters) {
      if (wanted.isEmpty() || a.endsWith("/" + wanted.get())) {
        return a;
      }
    }
    throw new BleException(
        Reason.UNAVAILABLE,
        wanted.map(w -> "no Bluetooth adapter named " + w).orElse("no Bluetooth adapter")
            + " (found " + adapters + ")");
  }

  private void registerSignalHandlers() throws DBusException {
    signalHandlers.add(
        bus.addSigHandler(Properties.PropertiesChanged.class, this::onPropertiesChanged));
    signalHandlers.add(
        bus.addSigHandler(ObjectManager.InterfacesAdded.class, this::onInterfacesAdded));
    signalHandlers.add(
        bus.addSigHandler(ObjectManager.InterfacesRemoved.class, this::onInterfacesRemoved));
  }

  // ---------------------------------------------------------------- signal thread: keep it short

  private void onPropertiesChanged(Properties.PropertiesChanged s) {
    long now = System.nanoTime(); // first, before anything else can delay it
    try {
      String path = s.getPath();
      String iface = s.getInterfaceName();
      if (CHARACTERISTIC_IFACE.equals(iface)) {
        Variant<?> value = s.getPropertiesChanged().get("Value");
        if (value == null) {
          return; // Notifying, MTU ... changes: not data
        }
        ValueRoute route = valueRoutes.get(path);
        if (route != null) {
          route
              .connection()
              .enqueue(
                  new Notification(
                      now,
                      route.connection().address(),
                      route.uuid(),
                      route.handle(),
                      DbusValues.bytes(value)));
        }
      } else if (DEVICE_IFACE.equals(iface)) {
        BluezConnection c = connectionsByPath.get(path);
        if (c != null) {
          c.onDeviceProperties(s.getPropertiesChanged());
        }
        for (BluezScanSession scan : scans) {
          scan.onDeviceProperties(path, s.getPropertiesChanged(), s.getPropertiesRemoved());
        }
      }
    } catch (RuntimeException e) {
      // An exception escaping here would kill dbus-java's signal thread.
      LOG.warn("ignored malformed PropertiesChanged", e);
    }
  }

  private void onInterfacesAdded(ObjectManager.InterfacesAdded s) {
    try {
      String path = s.getSignalSource().getPath();
      if (s.getInterfaces().containsKey(DEVICE_IFACE)) {
        for (BluezScanSession scan : scans) {
          scan.onDeviceAdded(path, s.getInterfaces().get(DEVICE_IFACE));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("ignored malformed InterfacesAdded", e);
    }
  }

  private void onInterfacesRemoved(ObjectManager.InterfacesRemoved s) {
    try {
      String path = s.getSignalSource().getPath();
      if (s.getInterfaces().contains(DEVICE_IFACE)) {
        for (BluezScanSession scan : scans) {
          scan.onDeviceRemoved(path);
        }
        BluezConnection c = connectionsByPath.get(path);
        if (c != null) {
          c.onDeviceRemoved();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("ignored malformed InterfacesRemoved", e);
    }
  }

  // ---------------------------------------------------------------- API

  @Override
  public CompletableFuture<ScanSession> scan(
      ScanFilter filter, ScanListener listener, Executor executor) {
    ensureOpen();
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(executor, "executor");
    BluezScanSession scan = new BluezScanSession(this, filter, listener, executor);
    scans.add(scan); // before StartDiscovery, so no appearance is missed
    return call(
            () -> {
              scan.start();
              owned.add(scan);
              return (ScanSession) scan;
            },
            Reason.IO,
            "start scanning")
        .whenComplete(
            (s, e) -> {
              if (e != null) {
                scans.remove(scan);
              }
            });
  }

  @Override
  public CompletableFuture<BleConnection> connect(
      String address, ConnectionListener listener, Executor executor) {
    ensureOpen();
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(executor, "executor");
    java.util.concurrent.atomic.AtomicReference<BluezConnection> made =
        new java.util.concurrent.atomic.AtomicReference<>();
    CompletableFuture<BleConnection> f =
        call(
            () -> {
              String path =
                  findDevicePath(address)
                      .orElseThrow(
                          () ->
                              new BleException(
                                  Reason.NOT_FOUND,
                                  "BlueZ does not know " + address + "; scan for it first"));
              awaitRelease(path);
              BluezConnection c =
                  new BluezConnection(
                      this, path, address.toUpperCase(java.util.Locale.ROOT), listener, executor);
              BluezConnection existing = connectionsByPath.putIfAbsent(path, c);
              if (existing != null) {
                c.discard();
                throw new BleException(
                    Reason.IN_PROGRESS, address + " already has a connection on this transport");
              }
              made.set(c);
              owned.add(c);
              try {
                c.establish();
              } catch (BleException e) {
                connectionsByPath.remove(path, c);
                owned.remove(c);
                throw e;
              }
              return (BleConnection) c;
            },
            Reason.CONNECT_FAILED,
            "connect to " + address);
    long timeoutMs = options.connectTimeout().toMillis();
    return f.orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            e -> {
              Throwable t = BluezFailures.unwrap(e);
              if (t instanceof java.util.concurrent.TimeoutException) {
                // Connect is still pending in bluetoothd: closing sends Disconnect, which cancels
                // it, so a late success cannot leave an ownerless link behind.
                BluezConnection c = made.get();
                if (c != null) {
                  c.close();
                }
                return CompletableFuture.failedFuture(
                    new BleException(
                        Reason.TIMEOUT, "connect to " + address + ": no link after " + timeoutMs + " ms"));
              }
              return CompletableFuture.failedFuture(t);
            });
  }

  /**
   * Starts discovery for one more scan. bluetoothd keeps one discovery session and one filter per
   * D-Bus client, so scans of this transport share them: the first sets its service filter, a
   * second widens it to all LE devices (each scan still filters for itself), and only the last to
   * leave stops discovery. Runs on a call thread.
   */
  void joinDiscovery(java.util.Set<java.util.UUID> services) throws Exception {
    synchronized (discoveryLock) {
      org.bluez.Adapter1 adapter = remote(adapterPath, org.bluez.Adapter1.class);
      Map<String, Variant<?>> f = new java.util.HashMap<>();
      f.put("Transport", new Variant<>("le"));
      if (discoveryUsers == 0 && !services.isEmpty()) {
        f.put(
            "UUIDs",
            new Variant<>(
                services.stream().map(java.util.UUID::toString).sorted().toArray(String[]::new), "as"));
      }
      try {
        adapter.SetDiscoveryFilter(f);
      } catch (RuntimeException e) {
        // Old bluetoothd without filters: every scan filters for itself anyway.
        LOG.debug("SetDiscoveryFilter not accepted", e);
      }
      if (discoveryUsers == 0) {
        try {
          adapter.StartDiscovery();
        } catch (RuntimeException e) {
          BleException b = BluezFailures.map(e, Reason.IO, "start discovery");
          if (b.reason() != Reason.IN_PROGRESS) {
            throw b; // InProgress: this client already discovers (another transport): join it
          }
        }
      }
      discoveryUsers++;
    }
  }

  /** Stops discovery when the last scan of this transport leaves. Runs on a call thread. */
  void leaveDiscovery() throws Exception {
    synchronized (discoveryLock) {
      discoveryUsers--;
      if (discoveryUsers == 0) {
        remote(adapterPath, org.bluez.Adapter1.class).StopDiscovery();
      }
    }
  }

  Optional<String> findDevicePath(String address) throws DBusException {
    for (var e : managedObjects().entrySet()) {
      Map<String, Variant<?>> dev = DbusValues.props(e.getValue(), DEVICE_IFACE);
      String path = e.getKey().getPath();
      if (!dev.isEmpty()
          && path.startsWith(adapterPath + "/")
          && address.equalsIgnoreCase(DbusValues.string(dev.get("Address")).orElse(""))) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() throws DBusException {
    return bus.getRemoteObject(BLUEZ, "/", ObjectManager.class).GetManagedObjects();
  }

  <T extends DBusInterface> T remote(String path, Class<T> type) throws DBusException {
    return bus.getRemoteObject(BLUEZ, path, type);
  }

  String adapterPath() {
    return adapterPath;
  }

  BluezOptions options() {
    return options;
  }

  Executor eventExecutor() {
    return events;
  }

  void forget(BluezConnection c) {
    connectionsByPath.remove(c.path(), c);
    owned.remove(c);
  }

  /** Records the Disconnect a closing connection of {@code path} sent, for {@link #awaitRelease}. */
  void releasing(String path, CompletableFuture<?> disconnect) {
    releases.put(path, disconnect);
    disconnect.whenComplete((v, e) -> releases.remove(path, disconnect));
  }

  /**
   * Waits (on a call thread) until the Disconnect of an earlier connection to {@code path} is
   * answered, whatever the answer, so that it cannot overtake and drop the next link.
   */
  private void awaitRelease(String path) throws InterruptedException {
    CompletableFuture<?> pending = releases.get(path);
    if (pending == null) {
      return;
    }
    try {
      pending.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.debug("previous Disconnect of {} ended with {}", path, e.toString());
    }
  }

  void forget(BluezScanSession s) {
    scans.remove(s);
    owned.remove(s);
  }

  /** A blocking D-Bus action that may throw. */
  @FunctionalInterface
  interface BusAction<T> {
    T run() throws Exception;
  }

  /** Runs a blocking D-Bus action on a call thread; failures become {@link BleException}s. */
  <T> CompletableFuture<T> call(BusAction<T> action, Reason fallback, String what) {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new BleException(Reason.CLOSED, what + ": transport closed"));
      return f;
    }
    try {
      calls.execute(
          () -> {
            try {
              f.complete(action.run());
            } catch (Exception | Error e) {
              f.completeExceptionally(BluezFailures.map(e, fallback, what));
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f.completeExceptionally(new BleException(Reason.CLOSED, what + ": transport closed", e));
    }
    return f;
  }


  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("BluezTransport is closed");
    }
  }

  /**
   * Closes scans and connections (newest first), then the signal handlers, the threads and the bus
   * connection.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    List<AutoCloseable> toClose = new ArrayList<>(owned);
    Collections.reverse(toClose);
    for (AutoCloseable c : toClose) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("while closing {}", c, e);
      }
    }
    closed = true;
    for (AutoCloseable h : signalHandlers) {
      try {
        h.close();
      } catch (Exception e) {
        LOG.debug("while removing a signal handler", e);
      }
    }
    calls.shutdown();
    events.shutdown();
    try {
      calls.awaitTermination(2, TimeUnit.SECONDS);
      events.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bus.disconnect();
  }
}
