package org.imucompanion.ble.virtualbluez;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.types.Variant;

/**
 * A fake {@code org.bluez} on a (private) bus: an ObjectManager at {@code /}, one adapter {@code
 * /org/bluez/hci0}, and the {@link VirtualPeripheral}s added to it.
 *
 * <p>Typical use in a test class: start a {@link PrivateDbusDaemon} in {@code @BeforeAll}, then
 * {@code VirtualBluez.start(daemon.address())}, add peripherals, and close both in
 * {@code @AfterAll} (the fixture first, then the daemon).
 */
public final class VirtualBluez implements AutoCloseable {

  /** The bus name bluetoothd owns. */
  public static final String BUS_NAME = "org.bluez";

  /** The one adapter's object path. */
  public static final String ADAPTER_PATH = "/org/bluez/hci0";

  private final DBusConnection connection;
  private final AdapterObject adapter;
  private final Map<String, ExportedObject> objects = new ConcurrentSkipListMap<>();
  private final Map<String, VirtualPeripheral> peripherals = new ConcurrentSkipListMap<>();
  private volatile boolean powered = true;
  private final ScheduledExecutorService scheduler;
  private volatile boolean discovering;
  private volatile Set<UUID> discoveryUuids = Set.of();
  private volatile boolean closed;

  private VirtualBluez(DBusConnection connection) throws DBusException {
    this.connection = connection;
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "virtual-bluez");
              t.setDaemon(true);
              return t;
            });
    connection.exportObject("/", new RootObject(this));
    PropertyStore ap = newStore(ADAPTER_PATH);
    this.adapter = new AdapterObject(this, ADAPTER_PATH, ap);
    connection.exportObject(ADAPTER_PATH, adapter);
    objects.put(ADAPTER_PATH, adapter);
  }

  /**
   * Connects to a bus, exports the root and the adapter, then takes the name {@code org.bluez}
   * (exporting first, so a client never sees the name without the objects).
   *
   * @param busAddress a {@code unix:path=} address
   * @return the running fake
   * @throws DBusException if the bus refuses the connection or the name
   */
  public static VirtualBluez start(String busAddress) throws DBusException {
    // Not shared: the client under test lives in the same JVM and must have its own connection.
    DBusConnection c = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
    VirtualBluez v = new VirtualBluez(c);
    c.requestBusName(BUS_NAME);
    return v;
  }

  PropertyStore newStore(String path) {
    return new PropertyStore(connection, path);
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  void export(ExportedObject o, PropertyStore props) {
    try {
      connection.exportObject(o.path, o);
    } catch (DBusException e) {
      throw new IllegalStateException("cannot export " + o.path, e);
    }
    objects.put(o.path, o);
    sendInterfacesAdded(o.path, props.snapshot());
  }

  private void sendInterfacesAdded(String path, Map<String, Map<String, Variant<?>>> ifaces) {
    try {
      connection.sendMessage(new ObjectManager.InterfacesAdded("/", new DBusPath(path), ifaces));
    } catch (DBusException e) {
      throw new IllegalStateException("cannot announce " + path, e);
    }
  }

  /**
   * Adds a peripheral. Unless it was built with {@code unknownUntilDiscovered()}, its device object
   * appears at once (bluetoothd remembers devices from earlier sessions).
   *
   * @param p the peripheral
   * @return the same peripheral, for chaining
   */
  public VirtualPeripheral add(VirtualPeripheral p) {
    ensureOpen();
    VirtualPeripheral.requireAddress(p.address());
    p.attach(this);
    peripherals.put(p.address(), p);
    if (p.knownBeforeDiscovery || (discovering && matchesDiscoveryFilter(p))) {
      exportDevice(p);
    }
    return p;
  }

  private synchronized void exportDevice(VirtualPeripheral p) {
    if (p.deviceObject() != null && objects.containsKey(p.deviceObject().path)) {
      return;
    }
    String path = p.devicePath(ADAPTER_PATH);
    PropertyStore props = newStore(path);
    DeviceObject d = p.createDeviceObject(path, props);
    if (discovering && matchesDiscoveryFilter(p)) {
      props.init(DeviceObject.IFACE, "RSSI", new Variant<>((short) p.rssi()));
    }
    export(d, props);
  }

  private boolean matchesDiscoveryFilter(VirtualPeripheral p) {
    if (!p.inRange) {
      return false;
    }
    Set<UUID> f = discoveryUuids;
    return f.isEmpty() || p.advertised().stream().anyMatch(f::contains);
  }

  Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> out = new LinkedHashMap<>();
    for (ExportedObject o : objects.values()) {
      out.put(new DBusPath(o.path), o.props.snapshot());
    }
    return out;
  }

  synchronized void startDiscovery() {
    if (discovering) {
      throw BluezErrors.inProgress("Operation already in progress");
    }
    discovering = true;
    adapter.props.set(AdapterObject.IFACE, "Discovering", new Variant<>(Boolean.TRUE));
    hearAdvertisements();
  }

  /** While discovering, every device the filter lets through is heard: created or given an RSSI. */
  private void hearAdvertisements() {
    for (VirtualPeripheral p : peripherals.values()) {
      if (!matchesDiscoveryFilter(p)) {
        continue;
      }
      if (p.deviceObject() == null || !objects.containsKey(p.deviceObject().path)) {
        exportDevice(p);
      } else if (!p.isConnected()) {
        p.deviceObject().props.set(DeviceObject.IFACE, "RSSI", new Variant<>((short) p.rssi()));
      }
    }
  }

  synchronized void stopDiscovery() {
    if (!discovering) {
      throw BluezErrors.failed("No discovery started");
    }
    discovering = false;
    adapter.props.set(AdapterObject.IFACE, "Discovering", new Variant<>(Boolean.FALSE));
    for (VirtualPeripheral p : peripherals.values()) {
      if (p.deviceObject() != null) {
        // bluetoothd forgets RSSI once it stops hearing advertisements
        p.deviceObject().props.remove(DeviceObject.IFACE, "RSSI");
      }
    }
  }

  /**
   * Powers the adapter off, as {@code bluetoothctl power off} or rfkill would: every connected
   * device drops, and until {@link #powerOn()} every {@code Connect} fails with {@code
   * org.bluez.Error.NotReady}, as bluetoothd answers then.
   */
  public void powerOff() {
    powered = false;
    adapter.props.set(AdapterObject.IFACE, "Powered", new Variant<>(Boolean.FALSE));
    for (VirtualPeripheral p : peripherals.values()) {
      if (p.isConnected()) {
        p.disconnectNow();
      }
    }
  }

  /** Powers the adapter on again. */
  public void powerOn() {
    powered = true;
    adapter.props.set(AdapterObject.IFACE, "Powered", new Variant<>(Boolean.TRUE));
  }

  /** Whether the adapter is powered: connections are refused while it is not. */
  boolean isPowered() {
    return powered;
  }

  /**
   * Stops discovery as if the adapter had ended it on its own (reset, power-saving): clients see
   * {@code Discovering} go false and every device's {@code RSSI} invalidated.
   */
  public void interruptDiscovery() {
    stopDiscovery();
  }

  synchronized void setDiscoveryFilter(Map<String, Variant<?>> filter) {
    Variant<?> uuids = filter.get("UUIDs");
    if (uuids == null) {
      discoveryUuids = Set.of();
      if (discovering) {
        hearAdvertisements(); // a wider filter lets more devices through at once
      }
      return;
    }
    List<UUID> parsed = new ArrayList<>();
    Object v = uuids.getValue();
    Iterable<?> items = v instanceof Object[] arr ? List.of(arr) : (Iterable<?>) v;
    for (Object o : items) {
      parsed.add(UUID.fromString(o.toString()));
    }
    discoveryUuids = Set.copyOf(parsed);
    if (discovering) {
      hearAdvertisements();
    }
  }

  synchronized void rssiChanged(VirtualPeripheral p) {
    if (discovering && matchesDiscoveryFilter(p) && (p.deviceObject() == null || !objects.containsKey(p.deviceObject().path))) {
      exportDevice(p);
    } else if (discovering && p.deviceObject() != null && matchesDiscoveryFilter(p)) {
      p.deviceObject().props.set(DeviceObject.IFACE, "RSSI", new Variant<>((short) p.rssi()));
    }
  }

  synchronized void removeDevice(String devicePath) {
    remove(devicePath, true);
  }

  /** Removes a device's services and characteristics, keeping the device (a GATT table change). */
  synchronized void removeGatt(String devicePath) {
    remove(devicePath, false);
  }

  private void remove(String devicePath, boolean withDevice) {
    List<String> gone = new ArrayList<>();
    for (String path : objects.keySet()) {
      if ((withDevice && path.equals(devicePath)) || path.startsWith(devicePath + "/")) {
        gone.add(path);
      }
    }
    Collections.reverse(gone); // children first, as bluetoothd removes them
    for (String path : gone) {
      ExportedObject o = objects.remove(path);
      connection.unExportObject(path);
      try {
        connection.sendMessage(
            new ObjectManager.InterfacesRemoved(
                "/", new DBusPath(path), List.copyOf(o.props.snapshot().keySet())));
      } catch (DBusException e) {
        throw new IllegalStateException("cannot announce removal of " + path, e);
      }
    }
  }

  /**
   * Returns the bus connection's unique name (for tests that check who owns {@code org.bluez}).
   *
   * @return the unique name
   */
  public String uniqueName() {
    return connection.getUniqueName();
  }

  /**
   * Tells whether the adapter is discovering.
   *
   * @return true between StartDiscovery and StopDiscovery
   */
  public boolean isDiscovering() {
    return discovering;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("virtual BlueZ is closed");
    }
  }

  /** Stops every stream, releases the name and disconnects from the bus. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.releaseBusName(BUS_NAME);
    } catch (DBusException | RuntimeException e) {
      // the bus may already be gone; closing the connection below is what matters
    }
    connection.disconnect();
  }
}
