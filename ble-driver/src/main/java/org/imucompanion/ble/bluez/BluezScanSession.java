package org.imucompanion.ble.bluez;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.freedesktop.dbus.types.Variant;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A discovery session. A device is reported as appeared once BlueZ gives it an RSSI during this
 * session (so devices merely remembered from earlier sessions are not shown as nearby) and it
 * passes the filter; RSSI and name changes are updates; removal of its object is a disappearance.
 *
 * <p>Signals only update an in-memory table; events reach the listener through the transport's
 * event thread and then the caller's executor, never on the D-Bus thread.
 */
final class BluezScanSession implements ScanSession {

  private static final Logger LOG = LoggerFactory.getLogger(BluezScanSession.class);

  private final BluezTransport transport;
  private final ScanFilter filter;
  private final ScanListener listener;
  private final Executor executor;
  private final Map<String, Seen> byPath = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** What is known about one device object. Mutated, and its events queued, under the session's lock. */
  private static final class Seen {
    String address = "";
    Optional<String> name = Optional.empty();
    OptionalInt rssi = OptionalInt.empty();
    Set<UUID> uuids = Set.of();
    boolean reported;

    DiscoveredDevice toDevice() {
      return new DiscoveredDevice(address, name, rssi, uuids);
    }
  }

  BluezScanSession(
      BluezTransport transport, ScanFilter filter, ScanListener listener, Executor executor) {
    this.transport = transport;
    this.filter = filter;
    this.listener = listener;
    this.executor = executor;
  }

  /** Joins the transport's discovery and takes in the devices BlueZ already has. */
  void start() throws Exception {
    transport.joinDiscovery(filter.serviceUuids());
    for (var e : transport.managedObjects().entrySet()) {
      Map<String, Variant<?>> dev = DbusValues.props(e.getValue(), BluezTransport.DEVICE_IFACE);
      String path = e.getKey().getPath();
      if (!dev.isEmpty() && path.startsWith(transport.adapterPath() + "/")) {
        // A device the signal thread already took in is newer than this snapshot: keep it.
        Seen fresh = new Seen();
        if (byPath.putIfAbsent(path, fresh) == null) {
          update(fresh, dev, List.of());
        }
      }
    }
  }

  // ---------------------------------------------------------------- signal thread

  void onDeviceAdded(String path, Map<String, Variant<?>> props) {
    if (!path.startsWith(transport.adapterPath() + "/")) {
      return;
    }
    Seen s = byPath.computeIfAbsent(path, k -> new Seen());
    update(s, props, List.of());
  }

  void onDeviceProperties(String path, Map<String, Variant<?>> changed, List<String> removed) {
    Seen s = byPath.get(path);
    if (s == null) {
      return; // not a device object known to this scan (e.g. Battery1 of something else)
    }
    update(s, changed, removed);
  }

  void onDeviceRemoved(String path) {
    Seen s = byPath.remove(path);
    if (s != null) {
      synchronized (this) {
        if (s.reported) {
          String address = s.address;
          emit(() -> listener.onDisappeared(address));
        }
      }
    }
  }

  private void update(Seen s, Map<String, Variant<?>> changed, List<String> removed) {
    DiscoveredDevice snapshot;
    boolean appeared;
    synchronized (this) {
      if (changed.containsKey("Address")) {
        s.address = DbusValues.string(changed.get("Address")).orElse("");
      }
      if (changed.containsKey("Name")) {
        s.name = DbusValues.string(changed.get("Name"));
      } else if (s.name.isEmpty() && changed.containsKey("Alias")) {
        s.name = DbusValues.string(changed.get("Alias"));
      }
      if (changed.containsKey("UUIDs")) {
        s.uuids = DbusValues.uuids(changed.get("UUIDs"));
      }
      if (changed.containsKey("RSSI")) {
        s.rssi = DbusValues.integer(changed.get("RSSI"));
      }
      if (removed.contains("RSSI")) {
        s.rssi = OptionalInt.empty(); // bluetoothd drops RSSI when discovery stops
      }
      snapshot = s.toDevice();
      if (!filter.matches(snapshot)) {
        return;
      }
      appeared = !s.reported && s.rssi.isPresent();
      if (!s.reported && !appeared) {
        return;
      }
      s.reported = true;
      // Queued under the lock: start() (a call thread) and the signal thread both get here, and
      // the event that decided "appeared" must reach the listener before any later "updated".
      if (appeared) {
        emit(() -> listener.onAppeared(snapshot));
      } else {
        emit(() -> listener.onUpdated(snapshot));
      }
    }
  }

  private void emit(Runnable event) {
    if (closed) {
      return;
    }
    transport
        .eventExecutor()
        .execute(
            () -> {
              if (!closed) {
                executor.execute(
                    () -> {
                      if (!closed) {
                        event.run();
                      }
                    });
              }
            });
  }

  // ---------------------------------------------------------------- API

  @Override
  public synchronized List<DiscoveredDevice> devices() {
    List<DiscoveredDevice> out = new ArrayList<>();
    for (Seen s : byPath.values()) {
      if (s.reported) {
        out.add(s.toDevice());
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    transport.forget(this);
    transport.call(
        () -> {
          transport.leaveDiscovery();
          return null;
        },
        BleException.Reason.IO,
        "stop discovery");
  }
}
