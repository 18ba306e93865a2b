package org.imucompanion.ble.bluez;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.virtualbluez.PrivateDbusDaemon;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualBluezSession;
import org.imucompanion.ble.virtualbluez.VirtualPeripheral;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The BlueZ transport end to end over a real dbus-daemon against the virtual BlueZ. */
class BluezTransportIT {

  static final UUID SERVICE = UUID.fromString("6e400001-b5a3-f393-e0a9-e50e24dcca9e");
  static final UUID DATA = UUID.fromString("6e400002-b5a3-f393-e0a9-e50e24dcca9e");
  static final UUID CONFIG = UUID.fromString("6e400003-b5a3-f393-e0a9-e50e24dcca9e");
  static final UUID CONTROL = UUID.fromString("6e400004-b5a3-f393-e0a9-e50e24dcca9e");
  static final UUID OTHER_SERVICE = UUID.fromString("0000fff0-0000-1000-8000-00805f9b34fb");
  static final UUID BATTERY_SERVICE = UUID.fromString("0000180f-0000-1000-8000-00805f9b34fb");
  static final UUID BATTERY_LEVEL = UUID.fromString("00002a19-0000-1000-8000-00805f9b34fb");
  static final Duration WAIT = Duration.ofSeconds(5);
  static final Executor DIRECT = Runnable::run;

  @RegisterExtension
  static final VirtualBluezSession bus = new VirtualBluezSession("C0:FF:EE:00:00:%02X");

  /** This test's transport; a test may close it and open another, which is closed after it too. */
  BluezTransport transport;

  @BeforeEach
  void open() {
    transport = bus.transport();
  }

  @AfterEach
  void close() {
    transport.close();
  }

  static VirtualPeripheral wristband(String address) {
    return VirtualPeripheral.builder(address, "IMU Wristband")
        .advertising(SERVICE)
        .battery(87)
        .characteristic(SERVICE, DATA, "notify")
        .characteristic(SERVICE, CONFIG, Set.of("read", "write"), new byte[] {50, 1, 2})
        .characteristic(SERVICE, CONTROL, "write", "write-without-response")
        .build();
  }

  BleConnection connect(VirtualPeripheral p, ConnectionListener l) throws Exception {
    BleConnection c = transport.connect(p.address(), l, DIRECT).get(5, TimeUnit.SECONDS);
    c.servicesResolved().get(5, TimeUnit.SECONDS);
    return c;
  }

  static BleException failure(Throwable t) {
    Throwable c = t;
    while (c != null && !(c instanceof BleException)) {
      c = c.getCause();
    }
    assertThat(c).as("a BleException in " + t).isInstanceOf(BleException.class);
    return (BleException) c;
  }

  @Test
  void scanReportsOnlyMatchingDevicesThenRssiUpdatesThenDisappearance() throws Exception {
    VirtualPeripheral band =
        bus.bluez().add(VirtualPeripheral.builder(bus.newAddress(), "Scan-Wristband").advertising(SERVICE).rssi(-70).unknownUntilDiscovered().build());
    VirtualPeripheral other =
        bus.bluez().add(VirtualPeripheral.builder(bus.newAddress(), "Scan-Wristband strap").advertising(OTHER_SERVICE).unknownUntilDiscovered().build());
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch appeared = new CountDownLatch(1);
    CountDownLatch updated = new CountDownLatch(1);
    CountDownLatch gone = new CountDownLatch(1);
    ScanListener listener =
        new ScanListener() {
          @Override
          public void onAppeared(DiscoveredDevice d) {
            events.add("appeared " + d.address() + " " + d.rssi());
            if (d.address().equals(band.address())) {
              appeared.countDown();
            }
          }

          @Override
          public void onUpdated(DiscoveredDevice d) {
            events.add("updated " + d.address() + " " + d.rssi());
            if (d.rssi().equals(OptionalInt.of(-40))) {
              updated.countDown();
            }
          }

          @Override
          public void onDisappeared(String address) {
            events.add("gone " + address);
            gone.countDown();
          }
        };
    ScanSession scan =
        transport
            .scan(ScanFilter.services(SERVICE).withNameContaining("scan-WRIST"), listener, DIRECT)
            .get(5, TimeUnit.SECONDS);
    assertThat(appeared.await(5, TimeUnit.SECONDS)).as("appeared: " + events).isTrue();
    assertThat(bus.bluez().isDiscovering()).isTrue();
    band.setRssi(-40);
    assertThat(updated.await(5, TimeUnit.SECONDS)).as("updated: " + events).isTrue();
    assertThat(scan.devices()).extracting(DiscoveredDevice::address).containsExactly(band.address());
    band.vanish();
    assertThat(gone.await(5, TimeUnit.SECONDS)).as("gone: " + events).isTrue();
    assertThat(events).noneMatch(e -> e.contains(other.address()));
    assertThat(events.get(0)).isEqualTo("appeared " + band.address() + " OptionalInt[-70]");
    scan.close();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (bus.bluez().isDiscovering() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(bus.bluez().isDiscovering()).as("closing the scan stops discovery").isFalse();
  }

  @Test
  void twoScansShareDiscoveryAndOnlyTheLastToCloseStopsIt() throws Exception {
    VirtualPeripheral band =
        bus.bluez().add(VirtualPeripheral.builder(bus.newAddress(), "Shared-Scan band").advertising(SERVICE).unknownUntilDiscovered().build());
    VirtualPeripheral strap =
        bus.bluez().add(VirtualPeripheral.builder(bus.newAddress(), "Shared-Scan strap").advertising(OTHER_SERVICE).unknownUntilDiscovered().build());
    List<String> first = new CopyOnWriteArrayList<>();
    List<String> second = new CopyOnWriteArrayList<>();
    ScanSession a =
        transport.scan(ScanFilter.services(SERVICE).withNameContaining("shared-scan"), recordingTo(first), DIRECT).get(5, TimeUnit.SECONDS);
    ScanSession b =
        transport.scan(ScanFilter.services(OTHER_SERVICE).withNameContaining("shared-scan"), recordingTo(second), DIRECT).get(5, TimeUnit.SECONDS);
    // the second scan widened the filter, so the strap is found although the first scan filtered
    strap.setRssi(-61);
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> first.contains("appeared " + band.address()) && second.contains("appeared " + strap.address()),
        WAIT,
        () -> first + " / " + second);
    a.close();
    Thread.sleep(100);
    assertThat(bus.bluez().isDiscovering()).as("b still scans").isTrue();
    strap.setRssi(-45);
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> second.contains("updated " + strap.address() + " -45"), WAIT, second::toString);
    b.close();
    org.imucompanion.ble.virtualbluez.Await.until(() -> !bus.bluez().isDiscovering(), WAIT, () -> "discovering");
    assertThat(first).noneMatch(e -> e.contains(strap.address()));
    assertThat(second).noneMatch(e -> e.contains(band.address()));
  }

  @Test
  void whenDiscoveryStopsUnderAScanTheRssiBecomesUnknown() throws Exception {
    VirtualPeripheral band =
        bus.bluez().add(VirtualPeripheral.builder(bus.newAddress(), "Rssi-Loss band").advertising(SERVICE).rssi(-66).build());
    List<String> events = new CopyOnWriteArrayList<>();
    ScanSession s =
        transport.scan(ScanFilter.ANY.withNameContaining("rssi-loss"), recordingTo(events), DIRECT).get(5, TimeUnit.SECONDS);
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> events.contains("appeared " + band.address()), WAIT, events::toString);
    bus.bluez().interruptDiscovery();
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> events.contains("updated " + band.address() + " 0"), WAIT, events::toString);
    assertThat(s.devices()).singleElement().extracting(DiscoveredDevice::rssi).isEqualTo(OptionalInt.empty());
    s.close();
  }

  private static ScanListener recordingTo(List<String> events) {
    return new ScanListener() {
      @Override
      public void onAppeared(DiscoveredDevice d) {
        events.add("appeared " + d.address());
      }

      @Override
      public void onUpdated(DiscoveredDevice d) {
        events.add("updated " + d.address() + " " + d.rssi().orElse(0));
      }

      @Override
      public void onDisappeared(String address) {
        events.add("gone " + address);
      }
    };
  }

  @Test
  void connectWaitsForServicesResolvedAndListsCharacteristics() throws Exception {
    VirtualPeripheral p =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "IMU Wristband")
                .advertising(SERVICE)
                .mtu(247)
                .resolveDelay(Duration.ofMillis(200))
                .characteristic(SERVICE, DATA, "notify")
                .characteristic(SERVICE, CONFIG, Set.of("read", "write"), new byte[] {1})
                .build());
    StateLog log = new StateLog();
    BleConnection c = transport.connect(p.address(), log, DIRECT).get(5, TimeUnit.SECONDS);
    // Connect returned before ServicesResolved: the state says so.
    assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
    c.servicesResolved().get(5, TimeUnit.SECONDS);
    assertThat(c.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    List<GattCharacteristicInfo> chars = c.characteristics().get(5, TimeUnit.SECONDS);
    assertThat(chars)
        .containsExactlyInAnyOrder(
            new GattCharacteristicInfo(SERVICE, DATA, p.handleOf(DATA), Set.of(CharacteristicProperty.NOTIFY)),
            new GattCharacteristicInfo(
                SERVICE, CONFIG, p.handleOf(CONFIG), Set.of(CharacteristicProperty.READ, CharacteristicProperty.WRITE)));
    assertThat(c.mtu()).isEqualTo(247);
    assertThat(log.await(ConnectionState.SERVICES_RESOLVED, WAIT)).isPresent();
    assertThat(log.states())
        .startsWith(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.SERVICES_RESOLVED);
    c.close();
    assertThat(log.await(ConnectionState.CLOSED, WAIT)).isPresent();
    assertThatThrownBy(c::mtu).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void notificationsArriveByteExactInOrderWithHandleAndMonotonicTimes() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    BleConnection c = connect(p, ConnectionListener.IGNORE);
    Recorder r = new Recorder();
    Subscription s = c.subscribe(DATA, r).get(5, TimeUnit.SECONDS);
    assertThat(p.hasNotifySession(DATA)).isTrue();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] v = new byte[20];
      for (int k = 0; k < v.length; k++) {
        v[k] = (byte) (i * 7 + k * 13);
      }
      v[0] = (byte) i;
      v[1] = (byte) (i >> 8);
      sent.add(v);
      p.notify(DATA, v);
    }
    List<Notification> got = r.awaitCount(300, WAIT);
    assertThat(got).hasSize(300);
    for (int i = 0; i < 300; i++) {
      assertThat(got.get(i).value()).as("value %d", i).isEqualTo(sent.get(i));
      assertThat(got.get(i).handle()).isEqualTo(p.handleOf(DATA));
      assertThat(got.get(i).characteristic()).isEqualTo(DATA);
      assertThat(got.get(i).deviceAddress()).isEqualTo(p.address());
      if (i > 0) {
        assertThat(got.get(i).hostTimeNanos()).isGreaterThanOrEqualTo(got.get(i - 1).hostTimeNanos());
      }
    }
    assertThat(r.threads()).allMatch(t -> t.startsWith("ble-deliver-"), "delivered by the worker, not the D-Bus thread");
    assertThat(c.droppedNotifications()).isZero();
    s.close();
    assertThat(s.isActive()).isFalse();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (p.hasNotifySession(DATA) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(p.hasNotifySession(DATA)).as("last subscription closed -> StopNotify").isFalse();
    p.notify(DATA, new byte[] {1});
    Thread.sleep(100);
    assertThat(r.received()).hasSize(300);
    c.close();
  }

  @Test
  void twoSubscriptionsShareOneStartNotifyAndBothReceive() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    BleConnection c = connect(p, ConnectionListener.IGNORE);
    Recorder a = new Recorder();
    Recorder b = new Recorder();
    Subscription sa = c.subscribe(DATA, a).get(5, TimeUnit.SECONDS);
    c.subscribe(DATA, b).get(5, TimeUnit.SECONDS);
    assertThat(p.startNotifyCalls(DATA)).isEqualTo(1);
    p.notify(DATA, new byte[] {1, 2});
    assertThat(a.awaitCount(1, WAIT)).hasSize(1);
    assertThat(b.awaitCount(1, WAIT)).hasSize(1);
    sa.close();
    p.notify(DATA, new byte[] {3});
    assertThat(b.awaitCount(2, WAIT)).hasSize(2);
    assertThat(a.received()).hasSize(1);
    assertThat(p.hasNotifySession(DATA)).as("one subscription still open").isTrue();
    c.close();
  }

  @Test
  void readAndWriteWithAndWithoutResponse() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    BleConnection c = connect(p, ConnectionListener.IGNORE);
    assertThat(c.read(CONFIG).get(5, TimeUnit.SECONDS)).containsExactly(50, 1, 2);
    c.write(CONFIG, new byte[] {100, 2, 3}, WriteType.WITH_RESPONSE).get(5, TimeUnit.SECONDS);
    assertThat(c.read(CONFIG).get(5, TimeUnit.SECONDS)).containsExactly(100, 2, 3);
    c.write(CONTROL, new byte[] {1}, WriteType.WITHOUT_RESPONSE).get(5, TimeUnit.SECONDS);
    c.write(CONTROL, new byte[] {2}, WriteType.WITH_RESPONSE).get(5, TimeUnit.SECONDS);
    assertThat(p.writes(CONTROL)).containsExactly(new byte[] {1}, new byte[] {2});
    // CONFIG allows only writes with response; DATA cannot be read.
    assertThatThrownBy(() -> c.write(CONFIG, new byte[] {1}, WriteType.WITHOUT_RESPONSE).get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.REFUSED));
    assertThatThrownBy(() -> c.read(DATA).get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.REFUSED));
    assertThatThrownBy(() -> c.read(OTHER_SERVICE).get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.NOT_FOUND));
    c.close();
  }

  @Test
  void batteryFromBattery1OrFromTheStandardCharacteristicOrNone() throws Exception {
    VirtualPeripheral withBattery1 = bus.bluez().add(wristband(bus.newAddress()));
    VirtualPeripheral with180f =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "Myo")
                .characteristic(BATTERY_SERVICE, BATTERY_LEVEL, Set.of("read", "notify"), new byte[] {(byte) 93})
                .build());
    VirtualPeripheral without =
        bus.bluez().add(VirtualPeripheral.builder(bus.newAddress(), "Legacy").characteristic(SERVICE, DATA, "notify").build());
    try (BleConnection a = connect(withBattery1, ConnectionListener.IGNORE);
        BleConnection b = connect(with180f, ConnectionListener.IGNORE);
        BleConnection n = connect(without, ConnectionListener.IGNORE)) {
      assertThat(a.battery().get(5, TimeUnit.SECONDS)).isEqualTo(OptionalInt.of(87));
      assertThat(b.battery().get(5, TimeUnit.SECONDS)).isEqualTo(OptionalInt.of(93));
      assertThat(n.battery().get(5, TimeUnit.SECONDS)).isEmpty();
    }
  }

  @Test
  void anAbortedConnectionIsReportedAsTransientAndTheNextAttemptWorks() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    p.refuseConnections(1);
    StateLog log = new StateLog();
    assertThatThrownBy(() -> transport.connect(p.address(), log, DIRECT).get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.CONNECT_FAILED));
    assertThat(log.await(ConnectionState.DISCONNECTED, WAIT)).isPresent();
    BleConnection c = connect(p, ConnectionListener.IGNORE);
    assertThat(c.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    assertThat(p.connectCalls()).isEqualTo(2);
    c.close();
  }

  @Test
  void aConnectThatTakesTooLongTimesOutAndIsCancelledSoNoLinkIsLeftBehind() throws Exception {
    transport.close();
    transport =
        BluezTransport.open(
            BluezOptions.defaults()
                .withBusAddress(bus.fixture().busAddress())
                .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)));
    VirtualPeripheral far =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "Far away")
                .connectDelay(Duration.ofSeconds(3))
                .characteristic(SERVICE, DATA, "notify")
                .build());
    StateLog log = new StateLog();
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> transport.connect(far.address(), log, DIRECT).get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.TIMEOUT));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(log.await(ConnectionState.CLOSED, WAIT)).isPresent();
    Thread.sleep(200);
    assertThat(far.isConnected()).as("the pending Connect was cancelled").isFalse();
  }

  @Test
  void unknownDeviceIsNotFoundAndMissingBluezIsUnavailable() throws Exception {
    assertThatThrownBy(() -> transport.connect("00:00:00:00:00:42", ConnectionListener.IGNORE, DIRECT).get(5, TimeUnit.SECONDS))
        .isInstanceOf(java.util.concurrent.ExecutionException.class)
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.NOT_FOUND));
    assertThatThrownBy(
            () -> BluezTransport.open(BluezOptions.defaults().withBusAddress("unix:path=/nonexistent/bus.sock")))
        .isInstanceOf(BleException.class)
        .satisfies(e -> assertThat(((BleException) e).reason()).isEqualTo(BleException.Reason.UNAVAILABLE))
        .hasMessageContaining("unix:path=/nonexistent/bus.sock");
    try (PrivateDbusDaemon bare = VirtualBluezFixture.startBareDaemon()) {
      assertThatThrownBy(() -> BluezTransport.open(BluezOptions.defaults().withBusAddress(bare.address())))
          .isInstanceOf(BleException.class)
          .satisfies(e -> assertThat(((BleException) e).reason()).isEqualTo(BleException.Reason.UNAVAILABLE))
          .hasMessageContaining("org.bluez");
    }
  }

  @Test
  void deviceSideDisconnectIsReportedWithCauseAndKillsSubscriptions() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    StateLog log = new StateLog();
    BleConnection c = connect(p, log);
    Recorder r = new Recorder();
    Subscription s = c.subscribe(DATA, r).get(5, TimeUnit.SECONDS);
    p.notify(DATA, new byte[] {1});
    r.awaitCount(1, WAIT);
    p.disconnectNow();
    StateLog.Change down = log.await(ConnectionState.DISCONNECTED, WAIT).orElseThrow();
    assertThat(down.cause()).get().extracting(BleException::reason).isEqualTo(BleException.Reason.DISCONNECTED);
    assertThat(s.isActive()).isFalse();
    assertThat(c.state()).isEqualTo(ConnectionState.DISCONNECTED);
    assertThatThrownBy(() -> c.read(CONFIG).get(5, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
    c.close();
  }

  @Test
  void afterReconnectANewSubscriptionGetsEachValueOnceAndTheOldListenerNothing() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    BleConnection first = connect(p, ConnectionListener.IGNORE);
    Recorder old = new Recorder();
    first.subscribe(DATA, old).get(5, TimeUnit.SECONDS);
    p.disconnectNow();
    StateLog log2 = new StateLog();
    // the notify session survives in bluetoothd: StartNotify is answered InProgress until resolved
    BleConnection second = transport.connect(p.address(), log2, DIRECT).get(5, TimeUnit.SECONDS);
    Recorder fresh = new Recorder();
    second.subscribe(DATA, fresh).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 10; i++) {
      p.notify(DATA, new byte[] {(byte) i});
    }
    assertThat(fresh.awaitCount(10, WAIT)).hasSize(10);
    Thread.sleep(100);
    assertThat(fresh.received()).hasSize(10);
    assertThat(old.received()).isEmpty();
    first.close();
    second.close();
  }

  @Test
  void startNotifyAnsweredInProgressAfterAReconnectIsRetriedUntilTheSurvivingSessionIsBack()
      throws Exception {
    VirtualPeripheral p =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "Sticky sessions")
                .reregisterWhenTold()
                .characteristic(SERVICE, DATA, "notify")
                .build());
    BleConnection first = connect(p, ConnectionListener.IGNORE);
    first.subscribe(DATA, new Recorder()).get(5, TimeUnit.SECONDS);
    p.disconnectNow();
    first.close();
    BleConnection second = connect(p, ConnectionListener.IGNORE);
    Recorder r = new Recorder();
    var subscribed = second.subscribe(DATA, r);
    // the first subscribe's call, then at least two InProgress answers: the transport keeps trying
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> p.startNotifyCalls(DATA) >= 3, WAIT, () -> p.startNotifyCalls(DATA) + " StartNotify calls");
    assertThat(subscribed).as("not subscribed while bluetoothd answers InProgress").isNotDone();
    p.reregisterSessionsNow();
    subscribed.get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      p.notify(DATA, new byte[] {(byte) i});
    }
    assertThat(r.awaitCount(5, WAIT)).hasSize(5);
    second.close();
  }

  @Test
  void aGattTableChangeWhileConnectedSubscribesAgainOnceAndTheStreamGoesOnWithoutDuplicates()
      throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    List<String> seen = new CopyOnWriteArrayList<>();
    ConnectionListener listener =
        new ConnectionListener() {
          @Override
          public void onStateChanged(ConnectionState state, java.util.Optional<BleException> cause) {
            seen.add(state.toString());
          }

          @Override
          public void onServicesChanged(List<GattCharacteristicInfo> table, List<UUID> lost) {
            boolean hasData = table.stream().anyMatch(i -> i.uuid().equals(DATA));
            seen.add("services changed, data " + hasData + ", lost " + lost);
          }
        };
    BleConnection c = connect(p, listener);
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    c.subscribe(DATA, first).get(5, TimeUnit.SECONDS);
    c.subscribe(DATA, second).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      p.notify(DATA, new byte[] {(byte) i});
    }
    first.awaitCount(5, WAIT);
    assertThat(p.startNotifyCalls(DATA)).isEqualTo(1);

    p.changeServices();
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> seen.contains("services changed, data true, lost []"), WAIT, seen::toString);
    assertThat(p.startNotifyCalls(DATA))
        .as("one StartNotify for both listeners on the new table")
        .isEqualTo(2);
    assertThat(c.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    for (int i = 5; i < 10; i++) {
      p.notify(DATA, new byte[] {(byte) i});
    }
    for (Recorder r : List.of(first, second)) {
      assertThat(r.awaitCount(10, WAIT))
          .extracting(n -> (int) n.value()[0])
          .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }
    // reads and writes find the new objects too
    assertThat(c.read(CONFIG).get(5, TimeUnit.SECONDS)).containsExactly(50, 1, 2);
    assertThat(seen).containsExactly("CONNECTING", "CONNECTED", "SERVICES_RESOLVED", "services changed, data true, lost []");
    c.close();
  }

  @Test
  void aCharacteristicThatOnlyIndicatesIsSubscribedAndDeliversItsValues() throws Exception {
    UUID indicated = UUID.fromString("6e400005-b5a3-f393-e0a9-e50e24dcca9e");
    VirtualPeripheral p =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "Indicating band")
                .characteristic(SERVICE, indicated, "indicate")
                .build());
    BleConnection c = connect(p, ConnectionListener.IGNORE);
    GattCharacteristicInfo info =
        c.characteristics().get(5, TimeUnit.SECONDS).stream()
            .filter(i -> i.uuid().equals(indicated))
            .findFirst()
            .orElseThrow();
    assertThat(info.has(CharacteristicProperty.INDICATE)).isTrue();
    assertThat(info.has(CharacteristicProperty.NOTIFY)).isFalse();
    Recorder r = new Recorder();
    Subscription s = c.subscribe(indicated, r).get(5, TimeUnit.SECONDS);
    assertThat(p.startNotifyCalls(indicated)).isEqualTo(1);
    for (int i = 0; i < 3; i++) {
      p.notify(indicated, new byte[] {(byte) (0x10 + i)});
    }
    assertThat(r.awaitCount(3, WAIT))
        .extracting(n -> (int) n.value()[0])
        .containsExactly(0x10, 0x11, 0x12);
    s.close();
    c.close();
  }

  @Test
  void connectingRightAfterCloseIsNotDroppedByTheClosedConnectionsLateDisconnect() throws Exception {
    VirtualPeripheral p =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "Slow to let go")
                .disconnectDelay(Duration.ofMillis(300))
                .characteristic(SERVICE, DATA, "notify")
                .build());
    BleConnection first = connect(p, ConnectionListener.IGNORE);
    first.close(); // its Disconnect is answered 300 ms later
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    BleConnection second = connect(p, (s, cause) -> states.add(s));
    org.imucompanion.ble.virtualbluez.Await.until(
        () -> p.disconnectCalls() == 1, WAIT, () -> p.disconnectCalls() + " Disconnect answered");
    // the old Disconnect went first, so it cannot have dropped the new link
    assertThat(second.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    assertThat(p.isConnected()).isTrue();
    Recorder r = new Recorder();
    second.subscribe(DATA, r).get(5, TimeUnit.SECONDS);
    p.notify(DATA, new byte[] {7});
    assertThat(r.awaitCount(1, WAIT)).hasSize(1);
    assertThat(states).doesNotContain(ConnectionState.DISCONNECTED);
    second.close();
  }

  @Test
  void aSlowListenerLosesTheOldestNotificationsAndTheLossIsCounted() throws Exception {
    transport.close();
    transport =
        BluezTransport.open(
            BluezOptions.defaults().withBusAddress(bus.fixture().busAddress()).withQueueCapacity(8));
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    BleConnection c = connect(p, ConnectionListener.IGNORE);
    CountDownLatch release = new CountDownLatch(1);
    Recorder r = new Recorder();
    c.subscribe(
            DATA,
            n -> {
              try {
                release.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              r.onNotification(n);
            })
        .get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 100; i++) {
      p.notify(DATA, new byte[] {(byte) i});
    }
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (c.droppedNotifications() + 9 < 100 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    release.countDown();
    List<Notification> got = r.await(l -> l.size() + c.droppedNotifications() >= 100, WAIT);
    assertThat(got.size() + c.droppedNotifications()).isEqualTo(100);
    assertThat(c.droppedNotifications()).isGreaterThanOrEqualTo(90);
    // the newest survive: the last value is the last one sent
    assertThat(got.get(got.size() - 1).value()).containsExactly(99);
    c.close();
  }

  @Test
  void valuesAreRoutedByCharacteristicPathSoTwoDevicesWithTheSameUuidsNeverMix() throws Exception {
    VirtualPeripheral a = bus.bluez().add(wristband(bus.newAddress()));
    VirtualPeripheral b = bus.bluez().add(wristband(bus.newAddress()));
    BleConnection ca = connect(a, ConnectionListener.IGNORE);
    BleConnection cb = connect(b, ConnectionListener.IGNORE);
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    ca.subscribe(DATA, ra).get(5, TimeUnit.SECONDS);
    cb.subscribe(DATA, rb).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 50; i++) {
      a.notify(DATA, new byte[] {'a', (byte) i});
      b.notify(DATA, new byte[] {'b', (byte) i});
      a.setRssi(-50 - i % 5); // Device1 changes on the same object path must not look like data
    }
    assertThat(ra.awaitCount(50, WAIT)).hasSize(50).allMatch(n -> n.deviceAddress().equals(a.address()) && n.value()[0] == 'a');
    assertThat(rb.awaitCount(50, WAIT)).hasSize(50).allMatch(n -> n.deviceAddress().equals(b.address()) && n.value()[0] == 'b');
    Thread.sleep(50);
    assertThat(ra.received()).hasSize(50);
    assertThat(rb.received()).hasSize(50);
    ca.close();
    cb.close();
  }

  @Test
  void servicesThatNeverResolveTimeOut() throws Exception {
    transport.close();
    transport =
        BluezTransport.open(
            BluezOptions.defaults()
                .withBusAddress(bus.fixture().busAddress())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200)));
    VirtualPeripheral slow =
        bus.bluez().add(
            VirtualPeripheral.builder(bus.newAddress(), "Slow")
                .resolveDelay(Duration.ofSeconds(3))
                .characteristic(SERVICE, DATA, "notify")
                .build());
    BleConnection c = transport.connect(slow.address(), ConnectionListener.IGNORE, DIRECT).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> c.servicesResolved().get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).as(String.valueOf(failure(e).getMessage())).isEqualTo(BleException.Reason.TIMEOUT));
    assertThatThrownBy(() -> c.subscribe(DATA, new Recorder()).get(5, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(failure(e).reason()).isEqualTo(BleException.Reason.TIMEOUT));
    c.close();
  }

  @Test
  void closingTheTransportClosesItsConnectionsAndRejectsUse() throws Exception {
    VirtualPeripheral p = bus.bluez().add(wristband(bus.newAddress()));
    StateLog log = new StateLog();
    BleConnection c = connect(p, log);
    transport.close();
    assertThat(log.await(ConnectionState.CLOSED, WAIT)).isPresent();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (p.isConnected() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(p.isConnected()).as("closing disconnects the device").isFalse();
    assertThatThrownBy(() -> transport.connect(p.address(), ConnectionListener.IGNORE, DIRECT))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::battery).isInstanceOf(IllegalStateException.class);
  }
}
