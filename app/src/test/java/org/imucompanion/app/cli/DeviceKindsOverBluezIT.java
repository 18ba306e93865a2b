package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualLegacyWristband;
import org.imucompanion.ble.virtualbluez.VirtualMyo;
import org.imucompanion.ble.virtualbluez.VirtualPeripheral;
import org.imucompanion.models.Channels;
import org.imucompanion.models.store.Gap;
import org.imucompanion.models.store.SampleBlock;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionStore;
import org.imucompanion.models.store.StreamInfo;
import org.imucompanion.protocol.myo.MyoUuids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Myo and the legacy wristband through every device command, on the real BlueZ code path: a
 * private dbus-daemon with ble-driver's virtual org.bluez (the devices' real GATT layout and
 * bluetoothd's notify semantics), reached with {@code --bus}. The device kind is recognised from
 * its GATT services; nothing on the command line says which it is.
 */
class DeviceKindsOverBluezIT {
  private static final String MYO = "C0:FF:EE:00:00:0A";
  private static final String LEGACY = "C0:FF:EE:00:00:0B";
  private static final String STRANGER = "C0:FF:EE:00:00:0C";
  private static final String BAND = "C0:FF:EE:00:00:0E";

  private VirtualBluezFixture fixture;
  private VirtualMyo myo;
  private VirtualLegacyWristband legacy;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir Path dir;

  @BeforeEach
  void startBluez() throws Exception {
    fixture = VirtualBluezFixture.start();
    myo = VirtualMyo.add(fixture.bluez(), MYO, 77);
    myo.pace();
    legacy = VirtualLegacyWristband.add(fixture.bluez(), LEGACY, true);
    legacy.streamWhileConnected(java.time.Duration.ofMillis(100));
    org.imucompanion.ble.virtualbluez.VirtualWristband.add(
        fixture.bluez(), BAND, org.imucompanion.protocol.wristband.WristbandConfig.DEFAULT, true);
    fixture
        .bluez()
        .add(
            VirtualPeripheral.builder(STRANGER, "Heart rate")
                .characteristic(
                    java.util.UUID.fromString("0000180d-0000-1000-8000-00805f9b34fb"),
                    java.util.UUID.fromString("00002a37-0000-1000-8000-00805f9b34fb"),
                    "notify")
                .build());
  }

  @AfterEach
  void stopBluez() {
    fixture.close();
  }

  private int run(String... args) {
    String[] withBus = Arrays.copyOf(args, args.length + 2);
    withBus[args.length] = "--bus";
    withBus[args.length + 1] = fixture.busAddress();
    return Cli.execute(
        withBus, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  private String lastLine() {
    String[] lines = out.toString().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void theProtocolV1WristbandGoesThroughInspectCaptureAndRecordToo() throws Exception {
    assertThat(run("inspect", BAND, "-d", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("device: wristband-v1, config: WristbandConfig[outputDataRateHz=50")
        .containsPattern("v1 data .*\\| seq ");
    assertThat(lastLine()).endsWith(" packets, 0 malformed");

    Path file = dir.resolve("band.btsnoop");
    assertThat(run("capture", BAND, "-o", file.toString(), "-d", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    org.imucompanion.ble.capture.Capture capture = org.imucompanion.ble.capture.CaptureReader.readAll(file);
    assertThat(capture.devices()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("wristband-v1");
      assertThat(d.readValues()).containsKey(org.imucompanion.protocol.wristband.WristbandUuids.CONFIG);
    });
    assertThat(capture.notifications()).hasSizeGreaterThan(40);

    Path store = dir.resolve("s.db");
    assertThat(run("record", BAND, "--athlete", "Ann", "--exercise", "squat", "-d", "2", "--store", store.toString()))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    try (SessionStore s = SessionStore.open(store)) {
      Session session = s.sessions().get(0);
      assertThat(session.deviceKind()).isEqualTo("wristband-v1");
      List<StreamInfo> streams = s.streams(session.id());
      assertThat(streams).extracting(StreamInfo::name).containsExactly("wrist-imu");
      assertThat(streams.get(0).nominalRateHz()).isEqualTo(50.0);
      assertThat(s.sampleCount(streams.get(0).id())).isBetween(60L, 140L);
    }
  }

  @Test
  void connectStreamsAMyo() {
    assertThat(run("connect", MYO, "-d", "3.2")).as(err.toString()).isEqualTo(ExitStatus.OK);
    String[] lines = out.toString().split("\n");
    assertThat(lines[lines.length - 2]).startsWith(MYO + "  SERVICES_RESOLVED").contains("/50 Hz").contains("link streaming");
    assertThat(lastLine()).startsWith("  myo emg 0  ").contains("/200 Hz · loss 0.0 %");
  }

  @Test
  void connectStreamsANotifyingLegacyBandAgainstItsTenHertz() {
    assertThat(run("connect", LEGACY, "-d", "3.2")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(lastLine()).startsWith(LEGACY + "  SERVICES_RESOLVED").contains("/10 Hz").contains("link streaming");
  }

  @Test
  void connectRetriesRefusedConnectionsUntilOneSucceeds() {
    myo.peripheral().refuseConnections(2);
    assertThat(run("connect", MYO, "-d", "4.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString().split("\n")[out.toString().split("\n").length - 2]).contains("link streaming");
    assertThat(myo.peripheral().connectCalls()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void anAdapterPoweredOffEndsTheStreamWithTheReasonAndPoweredOnConnectsAgain() {
    ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
    try {
      cutter.schedule(() -> fixture.bluez().powerOff(), 2500, TimeUnit.MILLISECONDS);
      assertThat(run("connect", MYO, "-d", "8")).isEqualTo(ExitStatus.FAILURE);
    } finally {
      cutter.shutdownNow();
    }
    // Not retried: an adapter that is off stays off until someone turns it on.
    assertThat(err.toString()).contains(MYO + ": ").contains("Resource Not Ready");
    fixture.bluez().powerOn();
    out.getBuffer().setLength(0);
    assertThat(run("connect", MYO, "-d", "2.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("link streaming");
  }

  @Test
  void aDeviceGoneForGoodIsReportedNotRetriedForever() {
    ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
    try {
      cutter.schedule(() -> legacy.peripheral().vanish(), 2500, TimeUnit.MILLISECONDS);
      assertThat(run("connect", LEGACY, "-d", "10")).isEqualTo(ExitStatus.FAILURE);
    } finally {
      cutter.shutdownNow();
    }
    assertThat(err.toString()).startsWith("connect: " + LEGACY + ": ").contains("NOT_FOUND");
  }

  @Test
  void aMyoMissingAnEmgCharacteristicIsRefusedNamingItNotRetried() throws Exception {
    String address = "C0:FF:EE:00:00:0D";
    fixture
        .bluez()
        .add(
            VirtualPeripheral.builder(address, "Myo")
                .advertising(MyoUuids.CONTROL_SERVICE)
                .characteristic(MyoUuids.CONTROL_SERVICE, MyoUuids.COMMAND, "write")
                .characteristic(MyoUuids.IMU_SERVICE, MyoUuids.IMU_DATA, "notify")
                .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_0, "notify")
                .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_1, "notify")
                .characteristic(MyoUuids.EMG_SERVICE, MyoUuids.EMG_DATA_3, "notify")
                .build());
    Path store = dir.resolve("s.db");
    int status = run("record", address, "--athlete", "Ann", "--exercise", "squat", "-d", "2", "--store", store.toString());
    assertThat(status).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains(address + " has no characteristic " + MyoUuids.EMG_DATA_2);
    try (SessionStore s = SessionStore.open(store)) {
      assertThat(s.sessions()).isEmpty();
    }
  }

  @Test
  void aValueOfTheWrongLengthIsShownMalformedAndTheStreamGoesOn() {
    ScheduledExecutorService corrupter = Executors.newSingleThreadScheduledExecutor();
    try {
      corrupter.schedule(
          () -> legacy.peripheral().corruptNext(b -> Arrays.copyOf(b, 5)), 1500, TimeUnit.MILLISECONDS);
      assertThat(run("inspect", LEGACY, "-d", "3")).as(err.toString()).isEqualTo(ExitStatus.OK);
    } finally {
      corrupter.shutdownNow();
    }
    String[] lines = out.toString().split("\n");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("| MALFORMED TRUNCATED"))).hasSize(1);
    assertThat(lastLine()).endsWith(" packets, 1 malformed");
    // Values kept coming after the bad one.
    int bad = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("MALFORMED")) {
        bad = i;
      }
    }
    assertThat(Arrays.stream(lines, bad + 1, lines.length).filter(l -> l.contains(" µT"))).hasSizeGreaterThan(5);
  }

  @Test
  void aDeviceWeCannotStreamIsRefusedWithTheReasonAndLeavesNoSession() throws Exception {
    Path store = dir.resolve("s.db");
    int status = run("record", STRANGER, "--athlete", "Ann", "--exercise", "squat", "-d", "2", "--store", store.toString());
    assertThat(status).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString())
        .contains(STRANGER + " is not a device this app can stream: it has none of the protocol-v1"
            + " wristband, legacy wristband or Myo data characteristics");
    try (SessionStore s = SessionStore.open(store)) {
      assertThat(s.sessions()).isEmpty();
    }
  }

  @Test
  void inspectDecodesTheMyosImuAndEveryEmgCharacteristic() {
    assertThat(run("inspect", MYO, "-d", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    String text = out.toString();
    assertThat(text).contains("device: myo, firmware 1.5.");
    assertThat(text).containsPattern("myo imu .*\\| q \\(");
    for (int i = 0; i < 4; i++) {
      assertThat(text).containsPattern("myo emg " + i + " .*\\| emg ");
    }
    assertThat(lastLine()).endsWith(" packets, 0 malformed");
  }

  @Test
  void inspectDecodesTheLegacyBandWithItsMagnetometer() {
    assertThat(run("inspect", LEGACY, "-d", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("device: legacy").containsPattern("legacy data .* µT");
    assertThat(lastLine()).endsWith(" packets, 0 malformed");
  }

  @Test
  void captureWritesEveryMyoDataCharacteristicWithItsGattTableInTheSidecar() throws Exception {
    Path file = dir.resolve("myo.btsnoop");
    assertThat(run("capture", MYO, "-o", file.toString(), "-d", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(lastLine()).startsWith("wrote ").contains(" notifications of a myo to ");
    org.imucompanion.ble.capture.Capture capture = org.imucompanion.ble.capture.CaptureReader.readAll(file);
    assertThat(capture.devices()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("myo");
      assertThat(d.address()).isEqualTo(MYO);
      assertThat(d.characteristics()).extracting(c -> c.uuid())
          .contains(MyoUuids.IMU_DATA, MyoUuids.EMG_DATA_0, MyoUuids.EMG_DATA_3, MyoUuids.COMMAND);
    });
    assertThat(capture.notifications()).extracting(n -> n.characteristic())
        .contains(MyoUuids.IMU_DATA, MyoUuids.EMG_DATA_0, MyoUuids.EMG_DATA_1, MyoUuids.EMG_DATA_2, MyoUuids.EMG_DATA_3);
  }

  @Test
  void captureWritesTheLegacyBandsValues() throws Exception {
    Path file = dir.resolve("legacy.btsnoop");
    assertThat(run("capture", LEGACY, "-o", file.toString(), "-d", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    org.imucompanion.ble.capture.Capture capture = org.imucompanion.ble.capture.CaptureReader.readAll(file);
    assertThat(capture.devices()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo("legacy"));
    assertThat(capture.notifications()).hasSizeBetween(8, 25)
        .allSatisfy(n -> assertThat(n.characteristic()).isEqualTo(org.imucompanion.protocol.legacy.LegacyUuids.DATA));
  }

  @Test
  void recordStoresEveryLegacyChannelAtTheNotifyRate() throws Exception {
    Path store = dir.resolve("s.db");
    assertThat(run("record", LEGACY, "--athlete", "Ann", "--exercise", "curl", "-d", "2.5", "--store", store.toString()))
        .as(err.toString())
        .isEqualTo(ExitStatus.OK);
    try (SessionStore s = SessionStore.open(store)) {
      Session session = s.sessions().get(0);
      assertThat(session.deviceKind()).isEqualTo("legacy");
      assertThat(session.placement()).isEqualTo("wrist");
      List<StreamInfo> streams = s.streams(session.id());
      assertThat(streams).hasSize(1);
      assertThat(streams.get(0).channels()).containsSubsequence(Channels.MAG_X, Channels.MAG_Y, Channels.MAG_Z);
      assertThat(streams.get(0).nominalRateHz()).isEqualTo(10.0);
      assertThat(streams.get(0).address()).isEqualTo(LEGACY);
      assertThat(s.sampleCount(streams.get(0).id())).isBetween(15L, 30L);
    }
  }

  @Test
  void recordKeepsStreamingAMyoThroughALinkCutAndStoresTheOutageAsAGap() throws Exception {
    Path store = dir.resolve("s.db");
    ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
    try {
      // The issue's case: a 30 s set with the link cut at 10 s.
      cutter.schedule(() -> myo.peripheral().disconnectNow(), 10, TimeUnit.SECONDS);
      assertThat(run("record", MYO, "--athlete", "Ann", "--exercise", "squat", "-d", "30", "--store", store.toString()))
          .as(err.toString())
          .isEqualTo(ExitStatus.OK);
    } finally {
      cutter.shutdownNow();
    }
    assertThat(lastLine()).contains("from a myo, 1 outage(s)");
    // The armband forgets its mode at a disconnect: set-mode was written on both connections.
    assertThat(myo.commands().stream().filter(c -> c.opcode() == org.imucompanion.protocol.myo.MyoCommand.Opcode.SET_MODE).count())
        .as(myo.commands().toString())
        .isGreaterThanOrEqualTo(2);
    try (SessionStore s = SessionStore.open(store)) {
      Session session = s.sessions().get(0);
      assertThat(session.deviceKind()).isEqualTo("myo");
      assertThat(session.placement()).isEqualTo("forearm");
      assertThat(session.firmwareVersion()).startsWith("1.5.");
      List<StreamInfo> streams = s.streams(session.id());
      assertThat(streams).extracting(StreamInfo::name).containsExactly("forearm-imu", "forearm-emg");
      // The armband sends nothing while disconnected: all it generated was sent outside the
      // outage. At least 99 % of it is stored (from the first sample on: the pre-roll holds
      // what comes before the session is open), and nothing twice.
      long sent = myo.emgGenerated().size();
      long stored = s.sampleCount(streams.get(1).id());
      assertThat(stored).as("EMG stored of %d sent", sent).isLessThanOrEqualTo(sent).isGreaterThanOrEqualTo((long) Math.ceil(0.99 * sent));
      assertThat(streams.get(0).channels()).containsSubsequence(Channels.QUAT_W, Channels.QUAT_Z);
      assertThat(streams.get(1).channels()).isEqualTo(Channels.EMG);
      assertThat(streams.get(1).nominalRateHz()).isEqualTo(200.0);
      for (StreamInfo stream : streams) {
        List<Gap> gaps = s.gaps(stream.id());
        assertThat(gaps).as(stream.name()).hasSize(1);
        Gap gap = gaps.get(0);
        assertThat(gap.endHostNanos()).isPresent();
        SampleBlock samples = s.readSamples(stream.id());
        long after = 0;
        for (int i = 0; i < samples.size(); i++) {
          if (i > 0) {
            assertThat(samples.hostNanos(i)).as("%s sample %d", stream.name(), i).isGreaterThan(samples.hostNanos(i - 1));
          }
          if (samples.hostNanos(i) > gap.endHostNanos().getAsLong()) {
            after++;
          }
        }
        assertThat(after).as("%s samples after the reconnect", stream.name()).isGreaterThan(50);
      }
    }
  }
}
