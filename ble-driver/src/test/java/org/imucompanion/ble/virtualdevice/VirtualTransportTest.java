package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.BleException.Reason;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.WriteType;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualTransportTest {

  private static final Executor DIRECT = Runnable::run;
  private final VirtualTransport transport = VirtualTransport.create();

  @AfterEach
  void close() {
    transport.close();
  }

  private static BleException failure(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    assertThat(c).isInstanceOf(BleException.class);
    return (BleException) c;
  }

  private static BleException failureOf(java.util.concurrent.CompletableFuture<?> f) {
    try {
      f.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return failure(e);
    }
    throw new AssertionError("expected a failure, got " + f.join());
  }

  @Test
  void scanReportsDevicesMatchingTheFilterAsTheyComeAndGo() throws Exception {
    VirtualWristband w1 =
        new VirtualWristband("AA:00:00:00:00:01", "Wrist A", SyntheticWorkout.demo());
    VirtualLegacyWristband legacy =
        new VirtualLegacyWristband("AA:00:00:00:00:02", "Simblee", SyntheticWorkout.demo(), 10);
    transport.addDevice(w1);
    transport.addDevice(legacy);
    List<String> events = new ArrayList<>();
    ScanListener listener =
        new ScanListener() {
          @Override
          public void onAppeared(DiscoveredDevice device) {
            events.add("+" + device.address() + " " + device.name().orElse("?"));
          }

          @Override
          public void onDisappeared(String address) {
            events.add("-" + address);
          }
        };
    ScanSession scan =
        transport.scan(ScanFilter.services(WristbandUuids.SERVICE), listener, DIRECT).join();
    VirtualWristband w2 =
        new VirtualWristband("AA:00:00:00:00:03", "Wrist B", SyntheticWorkout.demo());
    transport.addDevice(w2);
    assertThat(scan.devices())
        .extracting(DiscoveredDevice::address)
        .containsExactlyInAnyOrder(w1.address(), w2.address());
    transport.removeDevice(w1.address());
    scan.close();
    transport.removeDevice(w2.address());
    assertThat(events)
        .containsExactly(
            "+AA:00:00:00:00:01 Wrist A", "+AA:00:00:00:00:03 Wrist B", "-AA:00:00:00:00:01");
  }

  @Test
  void connectionGoesThroughItsStatesAndClosesForGood() throws Exception {
    VirtualWristband w =
        new VirtualWristband("AA:00:00:00:00:01", "Wrist", SyntheticWorkout.demo());
    transport.addDevice(w);
    List<ConnectionState> states = new ArrayList<>();
    BleConnection c =
        transport
            .connect(w.address(), (s, cause) -> states.add(s), DIRECT)
            .get(5, TimeUnit.SECONDS);
    c.servicesResolved().get(5, TimeUnit.SECONDS);
    assertThat(c.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    assertThat(c.characteristics().join()).hasSize(3);
    assertThat(c.mtu()).isEqualTo(247);
    assertThat(c.battery().join()).hasValue(82);
    assertThat(w.link()).isPresent();
    c.close();
    c.close();
    assertThat(states)
        .containsExactly(
            ConnectionState.CONNECTING,
            ConnectionState.CONNECTED,
            ConnectionState.SERVICES_RESOLVED,
            ConnectionState.CLOSED);
    assertThat(w.link()).isEmpty();
    assertThatThrownBy(() -> c.read(WristbandUuids.CONFIG))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(c::mtu).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void failuresComeAsBleExceptionsWithAReason() throws Exception {
    VirtualWristband w =
        new VirtualWristband("AA:00:00:00:00:01", "Wrist", SyntheticWorkout.demo());
    transport.addDevice(w);
    assertThat(failureOf(transport.connect("AA:00:00:00:00:99", (s, c) -> {}, DIRECT)).reason())
        .isEqualTo(Reason.NOT_FOUND);

    w.faults().refuseNextConnections(1);
    assertThat(failureOf(transport.connect(w.address(), (s, c) -> {}, DIRECT)).reason())
        .isEqualTo(Reason.REFUSED);
    BleConnection c =
        transport.connect(w.address(), (s, cause) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    assertThat(w.faults().counts().refusals()).isEqualTo(1);
    assertThat(failureOf(transport.connect(w.address(), (s, x) -> {}, DIRECT)).reason())
        .as("a peripheral takes one central")
        .isEqualTo(Reason.REFUSED);

    assertThat(failureOf(c.subscribe(LegacyUuids.DATA, n -> {})).reason())
        .isEqualTo(Reason.NOT_FOUND);
    assertThat(failureOf(c.subscribe(WristbandUuids.CONFIG, n -> {})).reason())
        .isEqualTo(Reason.NOT_SUPPORTED);
    assertThat(failureOf(c.read(WristbandUuids.CONTROL)).reason()).isEqualTo(Reason.NOT_SUPPORTED);
    assertThat(
            failureOf(c.write(WristbandUuids.CONTROL, new byte[] {0x7f}, WriteType.WITH_RESPONSE))
                .reason())
        .isEqualTo(Reason.REFUSED);
  }

  @Test
  void disconnectKillsTheConnectionAndAReconnectNeverDoublesCallbacks() throws Exception {
    VirtualWristband w =
        new VirtualWristband("AA:00:00:00:00:01", "Wrist", SyntheticWorkout.demo());
    transport.addDevice(w);
    List<Object> firstStates = new ArrayList<>();
    BleConnection first =
        transport
            .connect(
                w.address(),
                (s, cause) -> firstStates.add(cause.map(e -> (Object) e.reason()).orElse(s)),
                DIRECT)
            .get(5, TimeUnit.SECONDS);
    NotificationLog firstLog = new NotificationLog();
    Subscription sub = first.subscribe(WristbandUuids.DATA, firstLog).get(5, TimeUnit.SECONDS);
    first
        .write(
            WristbandUuids.CONTROL,
            WristbandControl.startStream().encode(),
            WriteType.WITHOUT_RESPONSE)
        .join();
    Await.until("first packets", () -> firstLog.size() >= 5);

    w.faults().disconnect();
    Await.until("disconnect", () -> first.state() == ConnectionState.DISCONNECTED);
    assertThat(firstStates).endsWith(Reason.DISCONNECTED);
    assertThat(sub.isActive()).isFalse();
    assertThat(w.streaming()).as("a disconnect stops the stream").isFalse();
    int before = firstLog.size();

    BleConnection second =
        transport.connect(w.address(), (s, c) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    NotificationLog secondLog = new NotificationLog();
    second.subscribe(WristbandUuids.DATA, secondLog).get(5, TimeUnit.SECONDS);
    second
        .write(
            WristbandUuids.CONTROL,
            WristbandControl.startStream().encode(),
            WriteType.WITHOUT_RESPONSE)
        .join();
    Await.until("packets after reconnect", () -> secondLog.size() >= 10);
    assertThat(firstLog.size())
        .as("the dead connection's listener hears nothing")
        .isEqualTo(before);
    assertThat(w.faults().counts().disconnects()).isEqualTo(1);
    // Each packet exactly once: sequence numbers restart at 0 and never repeat.
    List<Integer> seqs =
        secondLog.all().stream()
            .map(n -> (n.value()[2] & 0xff) | (n.value()[3] & 0xff) << 8)
            .toList();
    assertThat(seqs).startsWith(0, 1, 2).doesNotHaveDuplicates();
  }

  @Test
  void aSupervisorCanReconnectFromTheDisconnectCallbackAtOnce() throws Exception {
    VirtualMyo myo = new VirtualMyo("AA:00:00:00:00:05", "Myo", SyntheticWorkout.demo());
    transport.addDevice(myo);
    java.util.concurrent.CompletableFuture<BleConnection> reconnected =
        new java.util.concurrent.CompletableFuture<>();
    List<Integer> modeSeenAtDisconnect = new ArrayList<>();
    BleConnection first =
        transport
            .connect(
                myo.address(),
                (s, cause) -> {
                  if (s == ConnectionState.DISCONNECTED) {
                    // By now the device has forgotten its mode and the transport its connection.
                    modeSeenAtDisconnect.add(myo.imuMode());
                    transport
                        .connect(myo.address(), (s2, c2) -> {}, DIRECT)
                        .whenComplete(
                            (c, e) -> {
                              if (e != null) {
                                reconnected.completeExceptionally(e);
                              } else {
                                reconnected.complete(c);
                              }
                            });
                  }
                },
                DIRECT)
            .get(5, TimeUnit.SECONDS);
    first
        .write(
            org.imucompanion.protocol.myo.MyoUuids.COMMAND,
            org.imucompanion.protocol.myo.MyoCommand.setMode(0, 1, 0).encode(),
            WriteType.WITH_RESPONSE)
        .join();
    assertThat(myo.imuMode()).isEqualTo(1);
    myo.faults().disconnect();
    BleConnection second = reconnected.get(5, TimeUnit.SECONDS);
    assertThat(second.state()).isEqualTo(ConnectionState.SERVICES_RESOLVED);
    assertThat(modeSeenAtDisconnect).containsExactly(0);
  }

  @Test
  void closedSubscriptionGetsNothingMoreAndLastOneStopsNotifying() throws Exception {
    VirtualLegacyWristband legacy =
        new VirtualLegacyWristband("AA:00:00:00:00:02", "Simblee", SyntheticWorkout.demo(), 50);
    transport.addDevice(legacy);
    BleConnection c =
        transport.connect(legacy.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    NotificationLog a = new NotificationLog();
    NotificationLog b = new NotificationLog();
    Subscription sa = c.subscribe(LegacyUuids.DATA, a).get(5, TimeUnit.SECONDS);
    Subscription sb = c.subscribe(LegacyUuids.DATA, b).get(5, TimeUnit.SECONDS);
    Await.until("notifications", () -> a.size() >= 5 && b.size() >= 5);
    sa.close();
    int aCount = a.size();
    Await.until("more for b", () -> b.size() >= aCount + 5);
    assertThat(a.size()).isEqualTo(aCount);
    sb.close();
    Await.until("device stops", () -> !legacy.link().orElseThrow().isNotifying(LegacyUuids.DATA));
    // the link forgets at once; the firmware hears of it on the device's own thread
    Await.until("firmware stops its timer", () -> !legacy.isSending());
    long sent = legacy.notificationsSent();
    Thread.sleep(100);
    assertThat(legacy.notificationsSent())
        .as("no subscriber: the firmware stops sending")
        .isEqualTo(sent);
  }

  @Test
  void callbacksStayInOrderOnAThreadPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      VirtualLegacyWristband legacy =
          new VirtualLegacyWristband("AA:00:00:00:00:02", "Simblee", SyntheticWorkout.demo(), 500);
      transport.addDevice(legacy);
      BleConnection c =
          transport.connect(legacy.address(), (s, x) -> {}, pool).get(5, TimeUnit.SECONDS);
      NotificationLog log = new NotificationLog();
      c.subscribe(LegacyUuids.DATA, log).get(5, TimeUnit.SECONDS);
      Await.until("notifications", () -> log.size() >= 300);
      List<Long> times = log.all().stream().map(n -> n.hostTimeNanos()).toList();
      assertThat(times).isSorted();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheTransportClosesEverything() throws Exception {
    VirtualWristband w =
        new VirtualWristband("AA:00:00:00:00:01", "Wrist", SyntheticWorkout.demo());
    transport.addDevice(w);
    BleConnection c = transport.connect(w.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
    ScanSession scan = transport.scan(ScanFilter.ANY, d -> {}, DIRECT).join();
    transport.close();
    assertThat(c.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(w.link()).isEqualTo(Optional.empty());
    assertThat(scan.devices()).isNotNull();
    assertThatThrownBy(() -> transport.connect(w.address(), (s, x) -> {}, DIRECT))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> transport.addDevice(w)).isInstanceOf(IllegalStateException.class);
  }
}
