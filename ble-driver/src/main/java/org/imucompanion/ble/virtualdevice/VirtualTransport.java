package org.imucompanion.ble.virtualdevice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;
import org.imucompanion.ble.BleTransport;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;

/**
 * A {@link BleTransport} whose devices are {@link VirtualDevice}s in this process: no D-Bus, no
 * radio. The demo mode, tests of everything above the transport, and load tests with many devices
 * use it; a capture replay is built on it too.
 *
 * <p>Devices are "in range" from {@link #addDevice} until {@link #removeDevice}. Work runs on one
 * {@link ScheduledExecutorService} (given, or made and owned by the transport): connection set-up,
 * reads, writes and the devices' own timers. Callbacks go to the executor each caller passes, in
 * order. Closing the transport closes its connections and scans in reverse order of creation, then
 * the scheduler if it owns it; after that every method throws {@link IllegalStateException}.
 */
public final class VirtualTransport implements BleTransport {

  /** Notifications a slow listener may have waiting before the oldest are dropped. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;

  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final int queueCapacity;
  private final Map<String, VirtualDevice> devices = new ConcurrentHashMap<>();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
  private final List<VirtualScanSession> scans = new CopyOnWriteArrayList<>();
  private final Map<String, VirtualConnection> connected = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private VirtualTransport(
      ScheduledExecutorService scheduler, boolean ownsScheduler, int queueCapacity) {
    this.scheduler = scheduler;
    this.ownsScheduler = ownsScheduler;
    this.queueCapacity = queueCapacity;
  }

  /**
   * Creates a transport with its own scheduler of two daemon threads (on two cores it carried 32
   * wristbands at 1000 notifications/s each, decoded, without loss; see {@code
   * VirtualDeviceBench}).
   *
   * @return the transport
   */
  public static VirtualTransport create() {
    return create(2);
  }

  /**
   * Creates a transport with its own scheduler.
   *
   * @param threads the scheduler's thread count
   * @return the transport
   */
  public static VirtualTransport create(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "virtual-ble-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ScheduledExecutorService s = Executors.newScheduledThreadPool(threads, factory);
    return new VirtualTransport(s, true, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * Creates a transport on a scheduler the caller owns (and shuts down).
   *
   * @param scheduler runs connection work and the devices' timers
   * @param queueCapacity notifications a connection queues for a slow listener
   * @return the transport
   */
  public static VirtualTransport on(ScheduledExecutorService scheduler, int queueCapacity) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity < 1: " + queueCapacity);
    }
    return new VirtualTransport(scheduler, false, queueCapacity);
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Puts a device in range: running scans report it, and it can be connected.
   *
   * @param device the device
   * @throws IllegalArgumentException if a device with that address is already in range
   */
  public void addDevice(VirtualDevice device) {
    ensureOpen();
    String key = key(device.address());
    if (devices.putIfAbsent(key, device) != null) {
      throw new IllegalArgumentException("a device with address " + device.address() + " exists");
    }
    for (VirtualScanSession s : scans) {
      s.appeared(device);
    }
  }

  /**
   * Takes a device out of range: its connection drops and scans report it gone.
   *
   * @param address the device's address
   * @return the device, or empty if none had that address
   */
  public Optional<VirtualDevice> removeDevice(String address) {
    ensureOpen();
    VirtualDevice device = devices.remove(key(address));
    if (device == null) {
      return Optional.empty();
    }
    device.link().ifPresent(DeviceLink::disconnect);
    for (VirtualScanSession s : scans) {
      s.disappeared(device);
    }
    return Optional.of(device);
  }

  /**
   * Returns the devices in range.
   *
   * @return a snapshot
   */
  public List<VirtualDevice> devices() {
    return List.copyOf(devices.values());
  }

  @Override
  public CompletableFuture<ScanSession> scan(
      ScanFilter filter, ScanListener listener, Executor executor) {
    ensureOpen();
    VirtualScanSession session = new VirtualScanSession(this, filter, listener, executor);
    scans.add(session);
    open.add(session);
    for (VirtualDevice d : devices.values()) {
      session.appeared(d);
    }
    return CompletableFuture.completedFuture(session);
  }

  void forget(VirtualScanSession session) {
    scans.remove(session);
    open.remove(session);
  }

  @Override
  public CompletableFuture<BleConnection> connect(
      String address, ConnectionListener listener, Executor executor) {
    ensureOpen();
    CompletableFuture<BleConnection> f = new CompletableFuture<>();
    try {
      scheduler.execute(
          () -> {
            try {
              f.complete(establish(address, listener, executor));
            } catch (BleException e) {
              f.completeExceptionally(e);
            } catch (RuntimeException e) {
              f.completeExceptionally(
                  new BleException(Reason.CONNECT_FAILED, "connect to " + address, e));
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new BleException(Reason.CLOSED, "transport closed", e));
    }
    return f;
  }

  private BleConnection establish(String address, ConnectionListener listener, Executor executor)
      throws BleException {
    if (closed) {
      throw new BleException(Reason.CLOSED, "transport closed");
    }
    VirtualDevice device = devices.get(key(address));
    if (device == null) {
      throw new BleException(Reason.NOT_FOUND, "no device " + address + " in range");
    }
    if (device.faults().refuseConnection()) {
      throw new BleException(Reason.REFUSED, address + " refused the connection");
    }
    VirtualConnection c = new VirtualConnection(this, device, listener, executor, queueCapacity);
    if (connected.putIfAbsent(key(address), c) != null) {
      throw new BleException(Reason.REFUSED, address + " is already connected");
    }
    open.add(c);
    c.open();
    return c;
  }

  void forget(VirtualConnection c) {
    connected.remove(key(c.address()), c);
    open.remove(c);
  }

  static DiscoveredDevice discovered(VirtualDevice d) {
    return new DiscoveredDevice(
        d.address(), d.name(), OptionalInt.of(d.rssi()), d.advertisedServices());
  }

  private static String key(String address) {
    return address.toUpperCase(Locale.ROOT);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("VirtualTransport is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> all = new ArrayList<>(open);
    Collections.reverse(all);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        // close() of our own connections and scans does not throw; keep going regardless
      }
    }
    open.clear();
    if (ownsScheduler) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
