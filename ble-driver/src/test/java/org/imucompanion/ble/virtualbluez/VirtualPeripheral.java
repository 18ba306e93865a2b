package org.imucompanion.ble.virtualbluez;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.Variant;

/**
 * One device of the virtual BlueZ: its advertisement, GATT table, link model and fault injector.
 *
 * <p>Build it with {@link #builder(String, String)}, add it with {@link VirtualBluez#add}, then
 * script it: {@link #notify(UUID, byte[])} sends one value through the faults, {@link #startStream}
 * plays a byte source at a fixed period, and the fault methods ({@link #dropNext}, {@link
 * #duplicateNext}, {@link #reorderNext}, {@link #corruptNext}, {@link #stall}, {@link
 * #disconnectNow}, {@link #refuseConnections}) change what the next values or connections do.
 */
public final class VirtualPeripheral {

  /** One characteristic of the GATT table. */
  public static final class Characteristic {
    final UUID service;
    final UUID uuid;
    final Set<String> flags;
    final int pathHandle;
    volatile byte[] value;
    volatile Optional<Supplier<byte[]>> onRead = Optional.empty();
    volatile Optional<BiConsumer<VirtualPeripheral, byte[]>> onWrite = Optional.empty();
    final Set<String> notifySessions = ConcurrentHashMap.newKeySet();
    /** False between a reconnect and bluetoothd registering the surviving sessions again. */
    volatile boolean sessionsRegistered = true;
    final AtomicInteger startNotifyCalls = new AtomicInteger();
    final List<byte[]> writes = new CopyOnWriteArrayList<>();
    volatile CharacteristicObject object;

    Characteristic(UUID service, UUID uuid, Set<String> flags, int pathHandle, byte[] value) {
      this.service = service;
      this.uuid = uuid;
      this.flags = Set.copyOf(flags);
      this.pathHandle = pathHandle;
      this.value = value.clone();
    }

    /**
     * Returns the ATT value handle (declaration handle + 1, as in a real GATT table).
     *
     * @return the value handle
     */
    public int valueHandle() {
      return pathHandle + 1;
    }
  }

  /** Builds a peripheral's advertisement and GATT table. */
  public static final class Builder {
    private final String address;
    private final String name;
    private final Set<UUID> advertised = new HashSet<>();
    private final Map<UUID, List<Characteristic>> services = new LinkedHashMap<>();
    private int rssi = -60;
    private OptionalInt battery = OptionalInt.empty();
    private boolean knownBeforeDiscovery = true;
    private int mtu = 23;
    private Duration resolveDelay = Duration.ofMillis(30);
    private Duration reregisterDelay = Duration.ZERO;
    private boolean reregisterWhenTold;
    private Duration connectDelay = Duration.ZERO;
    private Duration disconnectDelay = Duration.ZERO;
    private int nextHandle = 0x000a;
    private final Map<UUID, Integer> serviceHandles = new LinkedHashMap<>();

    private Builder(String address, String name) {
      this.address = address;
      this.name = name;
    }

    /**
     * Adds advertised service UUIDs.
     *
     * @param uuids services in the advertisement
     * @return this builder
     */
    public Builder advertising(UUID... uuids) {
      advertised.addAll(List.of(uuids));
      return this;
    }

    /**
     * Sets the RSSI reported while discovering.
     *
     * @param dbm signal strength
     * @return this builder
     */
    public Builder rssi(int dbm) {
      this.rssi = dbm;
      return this;
    }

    /**
     * Exposes {@code org.bluez.Battery1} with a percentage.
     *
     * @param percent the level
     * @return this builder
     */
    public Builder battery(int percent) {
      this.battery = OptionalInt.of(percent);
      return this;
    }

    /**
     * Makes the device unknown to bluetoothd until a discovery finds it (by default it is cached
     * from an earlier session, so it can be connected without scanning).
     *
     * @return this builder
     */
    public Builder unknownUntilDiscovered() {
      this.knownBeforeDiscovery = false;
      return this;
    }

    /**
     * Sets the ATT MTU reported on the characteristics.
     *
     * @param attMtu the negotiated MTU
     * @return this builder
     */
    public Builder mtu(int attMtu) {
      this.mtu = attMtu;
      return this;
    }

    /**
     * Sets how long after {@code Connect} returns the services become resolved.
     *
     * @param delay the delay
     * @return this builder
     */
    public Builder resolveDelay(Duration delay) {
      this.resolveDelay = delay;
      return this;
    }

    /**
     * Makes {@code Connect} take a while before it answers (a device far away or not advertising).
     * A {@code Disconnect} meanwhile cancels the pending connection, as in bluetoothd.
     *
     * @param delay how long Connect blocks
     * @return this builder
     */
    public Builder connectDelay(Duration delay) {
      this.connectDelay = delay;
      return this;
    }

    /**
     * Makes the host's {@code Disconnect} take a while before the link goes down and the call
     * answers (bluetoothd waits for the controller's Disconnection Complete), so that a client's
     * next {@code Connect} can overtake it.
     *
     * @param delay how long Disconnect blocks
     * @return this builder
     */
    public Builder disconnectDelay(Duration delay) {
      this.disconnectDelay = delay;
      return this;
    }

    /**
     * Sets how long after services resolve on a reconnect bluetoothd takes to register the notify
     * sessions that survived the disconnect; {@code StartNotify} in that window answers {@code
     * InProgress} and no values are forwarded.
     *
     * @param delay the delay (zero by default)
     * @return this builder
     */
    public Builder reregisterDelay(Duration delay) {
      this.reregisterDelay = delay;
      return this;
    }

    /**
     * Keeps the notify sessions that survived a disconnect unregistered after a reconnect until the
     * test calls {@link VirtualPeripheral#reregisterSessionsNow()}: the {@code InProgress} window
     * then lasts as long as the test needs, whatever the machine's load.
     *
     * @return this builder
     */
    public Builder reregisterWhenTold() {
      this.reregisterWhenTold = true;
      return this;
    }

    /**
     * Adds a characteristic (and its service if new).
     *
     * @param service the service UUID
     * @param uuid the characteristic UUID
     * @param flags BlueZ flags: {@code read}, {@code write}, {@code write-without-response},
     *     {@code notify}
     * @param initialValue the value returned by reads until changed
     * @return this builder
     */
    public Builder characteristic(UUID service, UUID uuid, Set<String> flags, byte[] initialValue) {
      if (!serviceHandles.containsKey(service)) {
        serviceHandles.put(service, nextHandle);
        nextHandle += 1;
      }
      services
          .computeIfAbsent(service, k -> new ArrayList<>())
          .add(new Characteristic(service, uuid, flags, nextHandle, initialValue));
      nextHandle += 3; // declaration, value, CCCD
      return this;
    }

    /**
     * Adds a characteristic with an empty initial value.
     *
     * @param service the service UUID
     * @param uuid the characteristic UUID
     * @param flags BlueZ flags
     * @return this builder
     */
    public Builder characteristic(UUID service, UUID uuid, String... flags) {
      return characteristic(service, uuid, Set.of(flags), new byte[0]);
    }

    /**
     * Builds the peripheral.
     *
     * @return the peripheral, ready for {@link VirtualBluez#add}
     */
    public VirtualPeripheral build() {
      return new VirtualPeripheral(this);
    }
  }

  private final String address;
  private final String name;
  private final Set<UUID> advertised;
  private final Map<UUID, Integer> serviceHandles;
  private final Map<UUID, List<Characteristic>> services;
  private final OptionalInt initialBattery;
  private final int mtu;
  private final Duration resolveDelay;
  private final Duration reregisterDelay;
  private final boolean reregisterWhenTold;
  private final Duration connectDelay;
  private final Duration disconnectDelay;
  private final AtomicInteger disconnectCalls = new AtomicInteger();
  private volatile boolean connectCancelled;
  final boolean knownBeforeDiscovery;
  private volatile int rssi;
  /** False after {@link #vanish()}: it is not heard any more. */
  volatile boolean inRange = true;

  private VirtualBluez bluez;
  private DeviceObject deviceObject;
  private final List<ServiceObject> serviceObjects = new ArrayList<>();
  private volatile boolean gattExported;
  private volatile boolean connected;
  private volatile boolean resolved;
  private final AtomicInteger connectCalls = new AtomicInteger();
  private final AtomicInteger refuseCount = new AtomicInteger();
  private final List<Consumer<VirtualPeripheral>> onConnect = new CopyOnWriteArrayList<>();
  private final List<Consumer<VirtualPeripheral>> onDisconnect = new CopyOnWriteArrayList<>();

  // Fault injector state, guarded by "this".
  private int dropNext;
  private int duplicateNext;
  private int reorderNext;
  private final List<UnaryOperator<byte[]>> corruptNext = new ArrayList<>();
  private Optional<Emission> heldForReorder = Optional.empty();
  private long stallUntilNanos;
  private final List<Emission> stalled = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong droppedByFault = new AtomicLong();
  private final AtomicLong notDeliverable = new AtomicLong();
  private final Map<String, ScheduledFuture<?>> streams = new ConcurrentHashMap<>();

  private record Emission(Characteristic characteristic, byte[] value) {}

  private VirtualPeripheral(Builder b) {
    this.address = b.address;
    this.name = b.name;
    this.advertised = Set.copyOf(b.advertised);
    this.serviceHandles = Map.copyOf(b.serviceHandles);
    this.services = new LinkedHashMap<>(b.services);
    this.initialBattery = b.battery;
    this.mtu = b.mtu;
    this.resolveDelay = b.resolveDelay;
    this.reregisterDelay = b.reregisterDelay;
    this.reregisterWhenTold = b.reregisterWhenTold;
    this.connectDelay = b.connectDelay;
    this.disconnectDelay = b.disconnectDelay;
    this.knownBeforeDiscovery = b.knownBeforeDiscovery;
    this.rssi = b.rssi;
  }

  /**
   * Starts building a peripheral.
   *
   * @param address its address, {@code AA:BB:CC:DD:EE:FF}
   * @param name its advertised name
   * @return a builder
   */
  public static Builder builder(String address, String name) {
    return new Builder(address, name);
  }

  /**
   * Returns the address.
   *
   * @return the address
   */
  public String address() {
    return address;
  }

  /**
   * Returns the advertised name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  Set<UUID> advertised() {
    return advertised;
  }

  String devicePath(String adapterPath) {
    return adapterPath + "/dev_" + address.replace(':', '_');
  }

  // ---------------------------------------------------------------- export

  synchronized void attach(VirtualBluez owner) {
    if (bluez != null) {
      throw new IllegalStateException(address + " is already attached");
    }
    this.bluez = owner;
  }

  DeviceObject createDeviceObject(String path, PropertyStore props) {
    DeviceObject d =
        initialBattery.isPresent()
            ? new BatteryDeviceObject(this, path, props)
            : new DeviceObject(this, path, props);
    props.init(DeviceObject.IFACE, "Address", new Variant<>(address));
    props.init(DeviceObject.IFACE, "AddressType", new Variant<>("random"));
    props.init(DeviceObject.IFACE, "Name", new Variant<>(name));
    props.init(DeviceObject.IFACE, "Alias", new Variant<>(name));
    props.init(DeviceObject.IFACE, "Paired", new Variant<>(Boolean.FALSE));
    props.init(DeviceObject.IFACE, "Trusted", new Variant<>(Boolean.FALSE));
    props.init(DeviceObject.IFACE, "Connected", new Variant<>(Boolean.FALSE));
    props.init(DeviceObject.IFACE, "ServicesResolved", new Variant<>(Boolean.FALSE));
    props.init(
        DeviceObject.IFACE,
        "UUIDs",
        new Variant<>(advertised.stream().map(UUID::toString).sorted().toArray(String[]::new), "as"));
    props.init(
        DeviceObject.IFACE,
        "Adapter",
        new Variant<>(new org.freedesktop.dbus.DBusPath(VirtualBluez.ADAPTER_PATH)));
    initialBattery.ifPresent(
        p ->
            props.init(BatteryDeviceObject.BATTERY_IFACE, "Percentage", new Variant<>((byte) p)));
    this.deviceObject = d;
    return d;
  }

  DeviceObject deviceObject() {
    return deviceObject;
  }

  List<ServiceObject> serviceObjects() {
    return serviceObjects;
  }

  Collection<Characteristic> characteristics() {
    List<Characteristic> all = new ArrayList<>();
    services.values().forEach(all::addAll);
    return all;
  }

  private Characteristic characteristic(UUID uuid) {
    for (Characteristic c : characteristics()) {
      if (c.uuid.equals(uuid)) {
        return c;
      }
    }
    throw new IllegalArgumentException(address + " has no characteristic " + uuid);
  }

  /** Exports the GATT objects the first time services resolve (bluetoothd creates them then). */
  private void exportGatt() {
    if (gattExported) {
      return;
    }
    String devPath = deviceObject.path;
    for (Map.Entry<UUID, List<Characteristic>> e : services.entrySet()) {
      int sh = serviceHandles.get(e.getKey());
      String sPath = devPath + String.format("/service%04x", sh);
      PropertyStore sp = bluez.newStore(sPath);
      sp.init(ServiceObject.IFACE, "UUID", new Variant<>(e.getKey().toString()));
      sp.init(ServiceObject.IFACE, "Primary", new Variant<>(Boolean.TRUE));
      sp.init(ServiceObject.IFACE, "Device", new Variant<>(new org.freedesktop.dbus.DBusPath(devPath)));
      ServiceObject so = new ServiceObject(sPath, sp);
      serviceObjects.add(so);
      bluez.export(so, sp);
      for (Characteristic c : e.getValue()) {
        String cPath = sPath + String.format("/char%04x", c.pathHandle);
        PropertyStore cp = bluez.newStore(cPath);
        cp.init(CharacteristicObject.IFACE, "UUID", new Variant<>(c.uuid.toString()));
        cp.init(
            CharacteristicObject.IFACE, "Service", new Variant<>(new org.freedesktop.dbus.DBusPath(sPath)));
        cp.init(CharacteristicObject.IFACE, "Value", new Variant<>(c.value.clone()));
        cp.init(CharacteristicObject.IFACE, "Notifying", new Variant<>(Boolean.FALSE));
        cp.init(
            CharacteristicObject.IFACE,
            "Flags",
            new Variant<>(c.flags.stream().sorted().toArray(String[]::new), "as"));
        cp.init(CharacteristicObject.IFACE, "Handle", new Variant<>(new UInt16(c.valueHandle())));
        cp.init(CharacteristicObject.IFACE, "MTU", new Variant<>(new UInt16(mtu)));
        CharacteristicObject co = new CharacteristicObject(this, c, cPath, cp);
        c.object = co;
        bluez.export(co, cp);
      }
    }
    gattExported = true;
  }

  // ---------------------------------------------------------------- link model

  void handleConnect() {
    connectCalls.incrementAndGet();
    if (!bluez.isPowered()) {
      throw BluezErrors.error("NotReady", "Resource Not Ready");
    }
    if (refuseCount.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw BluezErrors.failed("le-connection-abort-by-local: connection refused by device");
    }
    if (!connectDelay.isZero()) {
      connectCancelled = false;
      long until = System.nanoTime() + connectDelay.toNanos();
      while (System.nanoTime() < until && !connectCancelled) {
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      }
      if (connectCancelled) {
        throw BluezErrors.failed("le-connection-abort-by-local: cancelled by Disconnect");
      }
    }
    if (connected) {
      return;
    }
    connected = true;
    deviceObject.props.set(DeviceObject.IFACE, "Connected", new Variant<>(Boolean.TRUE));
    // Like bluetoothd: Connect returns now, services resolve a little later.
    bluez.scheduler().schedule(this::resolveServices, resolveDelay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void resolveServices() {
    synchronized (this) {
      if (!connected || resolved) {
        return;
      }
      exportGatt();
      resolved = true;
    }
    deviceObject.props.set(DeviceObject.IFACE, "ServicesResolved", new Variant<>(Boolean.TRUE));
    // Notify sessions that survived a disconnect are registered again by bluetoothd.
    if (reregisterWhenTold) {
      // the test calls reregisterSessionsNow()
    } else if (reregisterDelay.isZero()) {
      reregisterSessions();
    } else {
      bluez.scheduler().schedule(this::reregisterSessions, reregisterDelay.toNanos(), TimeUnit.NANOSECONDS);
    }
    onConnect.forEach(h -> h.accept(this));
  }

  /**
   * Registers the notify sessions that survived a disconnect again, as bluetoothd does some time
   * after services resolve (see {@link Builder#reregisterWhenTold()}); nothing happens while the
   * services are not resolved.
   */
  public void reregisterSessionsNow() {
    reregisterSessions();
  }

  private void reregisterSessions() {
    if (!resolved) {
      return;
    }
    for (Characteristic c : characteristics()) {
      c.sessionsRegistered = true;
      if (!c.notifySessions.isEmpty()) {
        c.object.props.set(CharacteristicObject.IFACE, "Notifying", new Variant<>(Boolean.TRUE));
      }
    }
  }

  void handleHostDisconnect() {
    try {
      if (!disconnectDelay.isZero()) {
        java.util.concurrent.locks.LockSupport.parkNanos(disconnectDelay.toNanos());
      }
      handleDisconnect(true);
    } finally {
      disconnectCalls.incrementAndGet();
    }
  }

  void handleDisconnect(boolean requestedByHost) {
    connectCancelled = true; // a pending Connect is cancelled by Disconnect
    synchronized (this) {
      if (!connected) {
        if (requestedByHost) {
          throw BluezErrors.notConnected();
        }
        return;
      }
      connected = false;
      resolved = false;
    }
    streams.values().forEach(f -> f.cancel(false));
    streams.clear();
    // bluetoothd's order: ServicesResolved goes false before Connected.
    deviceObject.props.set(DeviceObject.IFACE, "ServicesResolved", new Variant<>(Boolean.FALSE));
    for (Characteristic c : characteristics()) {
      c.sessionsRegistered = false;
      if (c.object != null && !c.notifySessions.isEmpty()) {
        c.object.props.set(CharacteristicObject.IFACE, "Notifying", new Variant<>(Boolean.FALSE));
      }
    }
    deviceObject.props.set(DeviceObject.IFACE, "Connected", new Variant<>(Boolean.FALSE));
    onDisconnect.forEach(h -> h.accept(this));
  }

  void handleStartNotify(Characteristic c, String caller) {
    c.startNotifyCalls.incrementAndGet();
    if (!c.flags.contains("notify") && !c.flags.contains("indicate")) {
      throw BluezErrors.notSupported("Operation is not supported");
    }
    if (c.notifySessions.contains(caller)) {
      if (resolved && c.sessionsRegistered) {
        return; // already notifying for this client: bluetoothd answers success
      }
      // the session survived a disconnect but is not registered again yet
      throw BluezErrors.inProgress("In Progress");
    }
    if (!connected) {
      throw BluezErrors.notConnected();
    }
    boolean first = c.notifySessions.isEmpty();
    c.notifySessions.add(caller);
    if (first) {
      c.object.props.set(CharacteristicObject.IFACE, "Notifying", new Variant<>(Boolean.TRUE));
    }
  }

  void handleStopNotify(Characteristic c, String caller) {
    if (!c.notifySessions.remove(caller)) {
      throw BluezErrors.failed("No notify session started");
    }
    if (c.notifySessions.isEmpty()) {
      c.object.props.set(CharacteristicObject.IFACE, "Notifying", new Variant<>(Boolean.FALSE));
    }
  }

  byte[] handleRead(Characteristic c) {
    if (!connected) {
      throw BluezErrors.failed("Not connected");
    }
    if (!c.flags.contains("read")) {
      throw BluezErrors.notPermitted("Read not permitted");
    }
    byte[] v = c.onRead.map(Supplier::get).orElse(c.value);
    return v.clone();
  }

  void handleWrite(Characteristic c, byte[] value, boolean command) {
    if (!connected) {
      throw BluezErrors.failed("Not connected");
    }
    String needed = command ? "write-without-response" : "write";
    if (!c.flags.contains(needed)) {
      throw BluezErrors.notPermitted("Write not permitted");
    }
    c.writes.add(value.clone());
    c.value = value.clone();
    c.onWrite.ifPresent(h -> h.accept(this, value.clone()));
  }

  // ---------------------------------------------------------------- discovery

  int rssi() {
    return rssi;
  }

  /**
   * Changes the RSSI; announced while the adapter is discovering.
   *
   * @param dbm the new signal strength
   */
  public void setRssi(int dbm) {
    this.rssi = dbm;
    bluez.rssiChanged(this);
  }

  /** Makes the device go out of range: bluetoothd removes its object (InterfacesRemoved). */
  public void vanish() {
    inRange = false;
    bluez.removeDevice(deviceObject.path);
  }

  // ---------------------------------------------------------------- behaviours

  /**
   * Runs a handler for every write to a characteristic (after the write is stored).
   *
   * @param uuid the characteristic
   * @param handler receives this peripheral and the bytes
   * @return this peripheral
   */
  public VirtualPeripheral onWrite(UUID uuid, BiConsumer<VirtualPeripheral, byte[]> handler) {
    characteristic(uuid).onWrite = Optional.of(handler);
    return this;
  }

  /**
   * Computes the value of every read of a characteristic.
   *
   * @param uuid the characteristic
   * @param supplier gives the bytes
   * @return this peripheral
   */
  public VirtualPeripheral onRead(UUID uuid, Supplier<byte[]> supplier) {
    characteristic(uuid).onRead = Optional.of(supplier);
    return this;
  }

  /**
   * Runs a handler when services resolve after each connection.
   *
   * @param handler receives this peripheral
   * @return this peripheral
   */
  public VirtualPeripheral onConnect(Consumer<VirtualPeripheral> handler) {
    onConnect.add(handler);
    return this;
  }

  /**
   * Runs a handler after each disconnection (a device's own state, such as a mode, is lost then).
   *
   * @param handler receives this peripheral
   * @return this peripheral
   */
  public VirtualPeripheral onDisconnect(Consumer<VirtualPeripheral> handler) {
    onDisconnect.add(handler);
    return this;
  }

  /**
   * Sets the value returned by reads.
   *
   * @param uuid the characteristic
   * @param value the bytes
   */
  public void setValue(UUID uuid, byte[] value) {
    characteristic(uuid).value = value.clone();
  }

  // ---------------------------------------------------------------- emission and faults

  /**
   * Sends one notification value through the fault injector. Values sent while the link is down or
   * nobody is subscribed are lost, as over the air.
   *
   * @param uuid the characteristic
   * @param value the bytes (truncated to MTU - 3 like a real link)
   */
  public void notify(UUID uuid, byte[] value) {
    Characteristic c = characteristic(uuid);
    byte[] v = value.length > mtu - 3 ? java.util.Arrays.copyOf(value, mtu - 3) : value.clone();
    List<Emission> out = new ArrayList<>(2);
    synchronized (this) {
      Emission e = new Emission(c, v);
      if (dropNext > 0) {
        dropNext--;
        droppedByFault.incrementAndGet();
        return;
      }
      if (!corruptNext.isEmpty()) {
        e = new Emission(c, corruptNext.remove(0).apply(v.clone()));
      }
      if (reorderNext > 0 && heldForReorder.isEmpty()) {
        reorderNext--;
        heldForReorder = Optional.of(e);
        return;
      }
      out.add(e);
      if (duplicateNext > 0) {
        duplicateNext--;
        out.add(e);
      }
      if (heldForReorder.isPresent()) {
        out.add(heldForReorder.get());
        heldForReorder = Optional.empty();
      }
      if (System.nanoTime() < stallUntilNanos) {
        stalled.addAll(out);
        return;
      }
      if (!stalled.isEmpty()) {
        List<Emission> all = new ArrayList<>(stalled);
        all.addAll(out);
        stalled.clear();
        out = all;
      }
      // Sent under the lock so that concurrent callers cannot reorder values.
      for (Emission x : out) {
        deliver(x);
      }
    }
  }

  private void deliver(Emission e) {
    if (!resolved
        || !e.characteristic.sessionsRegistered
        || e.characteristic.notifySessions.isEmpty()
        || e.characteristic.object == null) {
      notDeliverable.incrementAndGet();
      return;
    }
    e.characteristic.object.props.emit(CharacteristicObject.IFACE, "Value", new Variant<>(e.value));
    sent.incrementAndGet();
  }

  /**
   * Plays a byte source at a fixed period while the link is up; stops at disconnect.
   *
   * @param uuid the characteristic
   * @param source gives the value for index 0, 1, 2 ...
   * @param period time between values
   */
  public void startStream(UUID uuid, IntFunction<byte[]> source, Duration period) {
    characteristic(uuid);
    startTimer(uuid.toString(), i -> notify(uuid, source.apply(i)), period);
  }

  /**
   * Runs a tick at a fixed period while the link is up (device firmware's timer); stops at
   * disconnect. A tick may notify on several characteristics (the Myo's EMG rotation).
   *
   * @param name names the timer, for {@link #stopTimer}
   * @param tick called with 0, 1, 2 ...
   * @param period time between ticks
   */
  public void startTimer(String name, java.util.function.IntConsumer tick, Duration period) {
    AtomicInteger index = new AtomicInteger();
    ScheduledExecutorService s = bluez.scheduler();
    ScheduledFuture<?> f =
        s.scheduleAtFixedRate(
            () -> {
              try {
                tick.accept(index.getAndIncrement());
              } catch (RuntimeException e) {
                // a broken script must not silently kill the timer without a trace
                e.printStackTrace();
              }
            },
            0,
            period.toNanos(),
            TimeUnit.NANOSECONDS);
    ScheduledFuture<?> old = streams.put(name, f);
    if (old != null) {
      old.cancel(false);
    }
  }

  /**
   * Stops a timer started with {@link #startTimer}.
   *
   * @param name the timer's name
   */
  public void stopTimer(String name) {
    ScheduledFuture<?> f = streams.remove(name);
    if (f != null) {
      f.cancel(false);
    }
  }

  /**
   * Stops a stream started with {@link #startStream}.
   *
   * @param uuid the characteristic
   */
  public void stopStream(UUID uuid) {
    stopTimer(uuid.toString());
  }

  /**
   * Tells whether a stream is playing on a characteristic.
   *
   * @param uuid the characteristic
   * @return true while {@link #startStream} runs for it
   */
  public boolean isStreaming(UUID uuid) {
    return streams.containsKey(uuid.toString());
  }

  /**
   * Drops the next values.
   *
   * @param n how many
   */
  public synchronized void dropNext(int n) {
    dropNext += n;
  }

  /**
   * Sends each of the next values twice.
   *
   * @param n how many
   */
  public synchronized void duplicateNext(int n) {
    duplicateNext += n;
  }

  /** Swaps the next two values. */
  public synchronized void reorderNext() {
    reorderNext++;
  }

  /**
   * Corrupts the next value with an operation.
   *
   * @param how turns the bytes into corrupted bytes (may change the length)
   */
  public synchronized void corruptNext(UnaryOperator<byte[]> how) {
    corruptNext.add(how);
  }

  /**
   * Corrupts the next values by inverting their last byte (breaks a CRC; garbles a field).
   *
   * @param n how many
   */
  public synchronized void corruptNext(int n) {
    for (int i = 0; i < n; i++) {
      corruptNext.add(
          b -> {
            if (b.length > 0) {
              b[b.length - 1] = (byte) ~b[b.length - 1];
            }
            return b;
          });
    }
  }

  /**
   * Holds every value for a while and then sends them in a burst, as a congested link does.
   *
   * @param duration how long the link stalls
   */
  public void stall(Duration duration) {
    synchronized (this) {
      stallUntilNanos = System.nanoTime() + duration.toNanos();
    }
    bluez
        .scheduler()
        .schedule(
            () -> {
              synchronized (this) {
                List<Emission> out = new ArrayList<>(stalled);
                stalled.clear();
                out.forEach(this::deliver);
              }
            },
            duration.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /**
   * Changes the GATT table under a live link, as bluetoothd does on a Service Changed indication
   * (after a firmware update): {@code ServicesResolved} goes false, the service and characteristic
   * objects are removed with their notify sessions, exported again, and {@code ServicesResolved}
   * goes true. The link stays up.
   *
   * @throws IllegalStateException if the services are not resolved
   */
  public void changeServices() {
    synchronized (this) {
      if (!connected || !resolved) {
        throw new IllegalStateException(address + " has no resolved services to change");
      }
      resolved = false;
    }
    deviceObject.props.set(DeviceObject.IFACE, "ServicesResolved", new Variant<>(Boolean.FALSE));
    bluez.removeGatt(deviceObject.path);
    serviceObjects.clear();
    for (Characteristic c : characteristics()) {
      c.notifySessions.clear(); // freed with their objects: a client must StartNotify again
      c.sessionsRegistered = true;
      c.object = null;
    }
    synchronized (this) {
      gattExported = false;
      exportGatt();
      resolved = true;
    }
    deviceObject.props.set(DeviceObject.IFACE, "ServicesResolved", new Variant<>(Boolean.TRUE));
  }

  /** Drops the link from the device's side (supervision timeout, out of range). */
  public void disconnectNow() {
    handleDisconnect(false);
  }

  /**
   * Refuses the next connection attempts with {@code org.bluez.Error.Failed}.
   *
   * @param n how many
   */
  public void refuseConnections(int n) {
    refuseCount.addAndGet(n);
  }

  // ---------------------------------------------------------------- observations

  /**
   * Tells whether the link is up.
   *
   * @return true while connected
   */
  public boolean isConnected() {
    return connected;
  }

  /**
   * Counts {@code Connect} calls, refused ones included.
   *
   * @return the number of calls
   */
  public int connectCalls() {
    return connectCalls.get();
  }

  /**
   * Counts the host's {@code Disconnect} calls that were answered (after any {@link
   * Builder#disconnectDelay}).
   *
   * @return the number of answered calls
   */
  public int disconnectCalls() {
    return disconnectCalls.get();
  }

  /**
   * Counts {@code StartNotify} calls on a characteristic.
   *
   * @param uuid the characteristic
   * @return the number of calls
   */
  public int startNotifyCalls(UUID uuid) {
    return characteristic(uuid).startNotifyCalls.get();
  }

  /**
   * Tells whether any client has a notify session on a characteristic.
   *
   * @param uuid the characteristic
   * @return true if some session exists
   */
  public boolean hasNotifySession(UUID uuid) {
    return !characteristic(uuid).notifySessions.isEmpty();
  }

  /**
   * Returns every value written to a characteristic, oldest first.
   *
   * @param uuid the characteristic
   * @return copies of the writes
   */
  public List<byte[]> writes(UUID uuid) {
    return characteristic(uuid).writes.stream().map(byte[]::clone).toList();
  }

  /**
   * Returns the ATT value handle of a characteristic.
   *
   * @param uuid the characteristic
   * @return its handle
   */
  public int handleOf(UUID uuid) {
    return characteristic(uuid).valueHandle();
  }

  /**
   * Counts values that went out on the bus.
   *
   * @return values sent as PropertiesChanged
   */
  public long sent() {
    return sent.get();
  }

  /**
   * Counts values dropped by {@link #dropNext}.
   *
   * @return values dropped on purpose
   */
  public long droppedByFault() {
    return droppedByFault.get();
  }

  /**
   * Counts values lost because nobody listened or the link was down.
   *
   * @return undeliverable values
   */
  public long notDeliverable() {
    return notDeliverable.get();
  }

  @Override
  public String toString() {
    return "VirtualPeripheral[" + name + " " + address + "]";
  }

  static String requireAddress(String address) {
    Objects.requireNonNull(address, "address");
    if (!address.matches("([0-9A-F]{2}:){5}[0-9A-F]{2}")) {
      throw new IllegalArgumentException("address must look like AA:BB:CC:DD:EE:FF: " + address);
    }
    return address;
  }
}
