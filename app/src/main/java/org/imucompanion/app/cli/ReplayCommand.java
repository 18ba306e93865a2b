package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.LegacyFeed;
import org.imucompanion.app.workspace.ReplayFeed;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.capture.CaptureDamage;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.EmgReading;
import org.imucompanion.ble.profile.LegacyProfile;
import org.imucompanion.ble.profile.MalformedNotification;
import org.imucompanion.ble.profile.MyoListener;
import org.imucompanion.ble.profile.MyoProfile;
import org.imucompanion.ble.profile.PacketListener;
import org.imucompanion.ble.profile.ProfileSession;
import org.imucompanion.ble.profile.TimedPacket;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.ble.virtualdevice.VirtualDevice;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.myo.MyoClassifierEvent;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Plays a capture back through the decoders and stream health: every device of every kind this
 * app decodes, every characteristic that notifies. A capture with a device it cannot decode is
 * refused before anything plays; damaged records and time stamp jumps are passed over and named.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a btsnoop capture through the same profile, decoder and stream-health code as a"
          + " live device (protocol-v1 wristband, legacy wristband, Myo), and report per device and"
          + " characteristic what was decoded, lost and malformed.",
      "Damaged records are reported with their record number and byte offset and the rest is"
          + " replayed; time stamp jumps are reported and not waited for.",
      "Exit status: 0 when the capture was replayed (warning lines name what was passed over),"
          + " 1 when it cannot be decoded (a device of a kind without a decoder, a GATT table"
          + " without what the decoder needs) or nothing in it could be replayed."
    })
final class ReplayCommand implements Callable<Integer> {

  /** How long the report waits for notifications already handed over to be decoded. */
  private static final Duration DRAIN = Duration.ofSeconds(30);

  @Parameters(paramLabel = "<capture>", description = "The btsnoop capture file.")
  Path capture;

  @Option(
      names = "--real-time",
      description =
          "Play at the recorded pace (default: as fast as possible, same time stamps). A step of"
              + " more than 5 s between two notifications is not waited for.")
  boolean realTime;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(capture)) {
      throw new CommandFailedException("no such file: " + capture);
    }
    PrintWriter out = spec.commandLine().getOut();
    CaptureReplay.Pace pace =
        realTime ? CaptureReplay.Pace.RECORDED : CaptureReplay.Pace.AS_FAST_AS_POSSIBLE;
    Arrivals arrivals = new Arrivals();
    List<DeviceReplay> replayed = new ArrayList<>();
    try (CaptureReplay replay = CaptureReplay.open(capture, pace)) {
      List<CaptureDevice> devices = replay.capturedDevices();
      if (devices.isEmpty()) {
        throw new CommandFailedException(
            "cannot replay " + capture + ": its sidecar names no device");
      }
      List<String> refused = new ArrayList<>();
      for (CaptureDevice d : devices) {
        ReplayFeed.refusal(d).ifPresent(refused::add);
      }
      if (!refused.isEmpty()) {
        throw new CommandFailedException(
            "cannot replay " + capture + ": " + String.join("; ", refused) + "; nothing replayed");
      }
      try {
        for (CaptureDevice d : devices) {
          replayed.add(DeviceReplay.start(replay, d, arrivals));
        }
        CaptureReplay.Report report = replay.play().get();
        boolean drained = arrivals.awaitAtLeast(report.delivered(), DRAIN);
        long now = System.nanoTime();
        for (DeviceReplay r : replayed) {
          r.print(out, now);
        }
        out.printf(
            "replayed %d notifications (%d for devices or characteristics not subscribed)%n",
            report.delivered() + report.notDelivered(), report.notDelivered());
        if (!drained) {
          out.printf(
              "warning: only %d of the %d notifications handed over were decoded within %d s%n",
              arrivals.count(), report.delivered(), DRAIN.toSeconds());
        }
        return warnings(out, report);
      } finally {
        for (int i = replayed.size() - 1; i >= 0; i--) {
          replayed.get(i).close();
        }
      }
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + capture + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CommandFailedException(
          "replay of " + capture + " stopped: " + cause.getMessage(), cause);
    }
  }

  /** Prints what was passed over and decides the exit status. */
  private int warnings(PrintWriter out, CaptureReplay.Report report) {
    for (CaptureDamage d : report.damage()) {
      out.println("warning: " + d.describe());
    }
    if (report.damagedStretches() > report.damage().size()) {
      out.printf(
          "warning: and %d more damaged stretches%n",
          report.damagedStretches() - report.damage().size());
    }
    if (report.damagedStretches() > 0) {
      out.printf(
          "warning: skipped %d damaged %s (%d bytes) of %s; the rest was replayed%n",
          report.damagedStretches(),
          report.damagedStretches() == 1 ? "stretch" : "stretches",
          report.bytesSkipped(),
          capture);
    }
    if (report.skippedRecords() > 0) {
      out.printf(
          "warning: %d notifications in the file could not be returned (cut short, or from a"
              + " connection or handle the sidecar does not name)%n",
          report.skippedRecords());
    }
    for (CaptureReplay.TimeJump j : report.jumps()) {
      out.println("warning: " + j.describe());
    }
    if (report.jumpCount() > report.jumps().size()) {
      out.printf("warning: and %d more time stamp jumps%n", report.jumpCount() - report.jumps().size());
    }
    if (report.delivered() == 0 && (report.damagedStretches() > 0 || report.skippedRecords() > 0)) {
      throw new CommandFailedException(
          "nothing in "
              + capture
              + " could be replayed"
              + (report.damage().isEmpty() ? "" : ": " + report.damage().get(0).describe()));
    }
    return ExitStatus.OK;
  }

  /**
   * Counts notifications that reached the command's per-characteristic listeners, so the report
   * waits until every notification handed over was decoded (the listeners run on the replay's
   * delivery thread).
   */
  private static final class Arrivals {
    private long count;

    synchronized void add() {
      count++;
      notifyAll();
    }

    synchronized long count() {
      return count;
    }

    synchronized boolean awaitAtLeast(long wanted, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (count < wanted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  /** One characteristic's line: its counts, what its decoder made of it, its health. */
  private static final class Stream {
    final String label;
    final UUID uuid;
    final AtomicLong notifications = new AtomicLong();
    final AtomicLong decoded = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicReference<String> last = new AtomicReference<>();
    volatile StreamHealth health;
    /** Whether the counting listener feeds {@link #health} (no decoder of its own does). */
    volatile boolean healthFromArrivals;
    /** Host time of the last notification its decoder refused, so arrivals don't count it twice. */
    volatile long malformedAt = Long.MIN_VALUE;
    volatile int samplesPerPacket = 1;

    Stream(String label, UUID uuid) {
      this.label = label;
      this.uuid = uuid;
    }

    String line(long nowNanos, String unit) {
      StringBuilder s =
          new StringBuilder("  ")
              .append(label)
              .append(' ')
              .append(uuid)
              .append(": ")
              .append(notifications.get())
              .append(" notifications, ");
      if (unit != null) {
        s.append(decoded.get()).append(' ').append(unit).append(" decoded, ");
      }
      s.append(malformed.get()).append(" malformed");
      if (last.get() != null) {
        s.append("; last ").append(last.get());
      }
      if (health != null) {
        s.append("; ").append(HealthSummary.cumulative(health.snapshot(nowNanos)));
      }
      return s.toString();
    }
  }

  /** A replayed device: its connection, decoding session and streams. */
  private static final class DeviceReplay implements AutoCloseable {
    final CaptureDevice device;
    final BleConnection connection;
    final Map<UUID, Stream> streams = new LinkedHashMap<>();
    final Map<UUID, String> units = new LinkedHashMap<>();
    final List<Subscription> owned = new ArrayList<>();
    /** Lines after the characteristics', computed when printed (the session's final counts). */
    final List<Supplier<String>> more = new ArrayList<>();
    Supplier<String> headline = () -> "";
    ProfileSession session;

    private DeviceReplay(CaptureDevice device, BleConnection connection) {
      this.device = device;
      this.connection = connection;
    }

    static DeviceReplay start(CaptureReplay replay, CaptureDevice d, Arrivals arrivals) {
      BleConnection connection =
          CaptureCommand.await(replay.connect(d.address(), (s, c) -> {}, Runnable::run), "connect");
      DeviceReplay r = new DeviceReplay(d, connection);
      try {
        switch (DeviceKind.byId(d.kind()).orElseThrow()) {
          case WRISTBAND_V1 -> r.startWristband();
          case LEGACY -> r.startLegacy();
          case MYO -> r.startMyo();
        }
        // Every other characteristic that can notify is counted too, so nothing in the capture
        // goes unreported; subscribed last so the decoders have run when a notification counts.
        VirtualDevice replayed = replay.device(d.address()).orElseThrow();
        for (GattCharacteristicInfo c : replayed.characteristics()) {
          boolean notifies =
              c.has(CharacteristicProperty.NOTIFY) || c.has(CharacteristicProperty.INDICATE);
          if (notifies && (r.streams.containsKey(c.uuid()) || captured(d, c))) {
            Stream s = r.stream("other", c.uuid(), null);
            r.owned.add(
                CaptureCommand.await(
                    connection.subscribe(
                        c.uuid(),
                        n -> {
                          s.notifications.incrementAndGet();
                          if (s.healthFromArrivals && n.hostTimeNanos() != s.malformedAt) {
                            s.health.recordPacket(n.hostTimeNanos(), n.length(), s.samplesPerPacket);
                          }
                          arrivals.add();
                        }),
                    "subscribe to " + c.uuid()));
          }
        }
        return r;
      } catch (RuntimeException e) {
        r.close();
        throw e;
      }
    }

    /** Whether the capture's own table says the characteristic notifies (not only the replay's). */
    private static boolean captured(CaptureDevice d, GattCharacteristicInfo c) {
      return d.byUuid(c.uuid())
          .filter(
              x -> x.has(CharacteristicProperty.NOTIFY) || x.has(CharacteristicProperty.INDICATE))
          .isPresent();
    }

    private Stream stream(String label, UUID uuid, String unit) {
      if (!units.containsKey(uuid)) {
        units.put(uuid, unit);
      }
      return streams.computeIfAbsent(uuid, u -> new Stream(label, u));
    }

    private void startWristband() {
      Stream data = stream("data", WristbandUuids.DATA, "samples");
      WristbandConfig config;
      try {
        config = WristbandConfig.decode(device.readValues().get(WristbandUuids.CONFIG));
      } catch (ProtocolException e) {
        throw new CommandFailedException(
            device.address()
                + ": the configuration read while capturing does not decode: "
                + e.getMessage(),
            e);
      }
      data.health =
          StreamHealth.withSequenceNumbers(
              new StreamKey(device.address(), WristbandUuids.DATA),
              NominalRate.ofSamples(config.outputDataRateHz(), Math.max(1, config.batchSize())));
      WristbandProfile.Session s =
          CaptureCommand.await(
              WristbandProfile.start(
                  connection,
                  new PacketListener<WristbandDataPacket>() {
                    @Override
                    public void onPacket(TimedPacket<WristbandDataPacket> p) {
                      List<WristbandSample> samples = p.packet().samples();
                      data.decoded.addAndGet(samples.size());
                      if (!samples.isEmpty()) {
                        data.last.set(describe(samples.get(samples.size() - 1)));
                      }
                    }

                    @Override
                    public void onMalformed(MalformedNotification m) {
                      data.malformed.incrementAndGet();
                    }
                  },
                  Optional.of(data.health)),
              "start the replayed stream");
      session = s;
      headline = () -> "; " + s.duplicatesDropped() + " duplicates dropped";
    }

    private void startLegacy() {
      Stream data = stream("data", LegacyUuids.DATA, "samples");
      data.health =
          StreamHealth.withoutSequenceNumbers(
              new StreamKey(device.address(), LegacyUuids.DATA),
              ReplayFeed.nominalRate(device, LegacyUuids.DATA).orElseThrow());
      session =
          CaptureCommand.await(
              LegacyProfile.start(
                  connection,
                  new PacketListener<LegacyWristbandPacket>() {
                    @Override
                    public void onPacket(TimedPacket<LegacyWristbandPacket> p) {
                      data.decoded.incrementAndGet();
                      LegacyWristbandPacket v = p.packet();
                      data.last.set(
                          "accel "
                              + vector(v.accelG())
                              + " g · gyro "
                              + vector(v.gyroRadPerS())
                              + " rad/s · mag "
                              + vector(v.magMicroTesla())
                              + " µT");
                    }

                    @Override
                    public void onMalformed(MalformedNotification m) {
                      data.malformed.incrementAndGet();
                    }
                  },
                  Optional.of(data.health),
                  LegacyFeed.POLL_INTERVAL),
              "start the replayed stream");
    }

    private void startMyo() {
      Stream imu = stream("imu", MyoUuids.IMU_DATA, "packets");
      imu.health =
          StreamHealth.withoutSequenceNumbers(
              new StreamKey(device.address(), MyoUuids.IMU_DATA),
              ReplayFeed.nominalRate(device, MyoUuids.IMU_DATA).orElseThrow());
      for (int i = 0; i < MyoUuids.EMG_DATA.size(); i++) {
        // Decoded samples are counted on the merged rotation's line below; each characteristic's
        // own health is its share of the rotation: a quarter of the notifications.
        Stream e = stream("emg" + i, MyoUuids.EMG_DATA.get(i), null);
        e.health =
            StreamHealth.withoutSequenceNumbers(
                new StreamKey(device.address(), e.uuid),
                ReplayFeed.nominalRate(device, e.uuid).orElseThrow());
        e.samplesPerPacket = 2;
        e.healthFromArrivals = true;
      }
      StreamHealth emgHealth =
          StreamHealth.withoutSequenceNumbers(
              new StreamKey(device.address(), MyoUuids.EMG_DATA_0),
              NominalRate.ofSamples(EmgReading.RATE_HZ, 2));
      AtomicLong emgSamples = new AtomicLong();
      AtomicReference<String> lastEmg = new AtomicReference<>();
      MyoProfile.Session s =
          CaptureCommand.await(
              MyoProfile.start(
                  connection,
                  new MyoListener() {
                    @Override
                    public void onImu(TimedPacket<MyoImuPacket> p) {
                      imu.decoded.incrementAndGet();
                      MyoImuPacket v = p.packet();
                      Quaternion q = v.orientation();
                      imu.last.set(
                          String.format(
                                  Locale.ROOT,
                                  "orientation (%.4f, %.4f, %.4f, %.4f)",
                                  q.w(),
                                  q.x(),
                                  q.y(),
                                  q.z())
                              + " · accel "
                              + vector(v.accelG())
                              + " g · gyro "
                              + vector(v.gyroRadPerS())
                              + " rad/s");
                    }

                    @Override
                    public void onEmg(EmgReading reading) {
                      emgSamples.incrementAndGet();
                      lastEmg.set(reading.sample().toString());
                    }

                    @Override
                    public void onMalformed(MalformedNotification m) {
                      Stream st = streams.get(m.characteristic());
                      if (st != null) {
                        st.malformed.incrementAndGet();
                        if (st.healthFromArrivals) {
                          st.malformedAt = m.hostTimeNanos();
                          st.health.recordMalformed(m.hostTimeNanos(), m.value().length, m.reason());
                        }
                      }
                    }
                  },
                  Optional.of(imu.health),
                  Optional.of(emgHealth)),
              "start the replayed stream");
      session = s;
      // The merged EMG stream: the four characteristics take turns, so its health and sample
      // count are the rotation's, as live; each characteristic's own line counts its notifications.
      more.add(
          () ->
              "emg (all four): "
                  + emgSamples.get()
                  + " samples decoded, "
                  + s.duplicatesDropped()
                  + " duplicates dropped, "
                  + s.emgLate()
                  + " late, "
                  + s.emgSamplesInferredLost()
                  + " inferred lost"
                  + (lastEmg.get() == null ? "" : "; last " + lastEmg.get())
                  + "; "
                  + HealthSummary.cumulative(emgHealth.snapshot(System.nanoTime())));
      decodeEvents(
          stream("battery", MyoUuids.BATTERY_LEVEL, "values"),
          n -> MyoCodec.decodeBatteryLevel(n.value()) + " %");
      decodeEvents(
          stream("classifier", MyoUuids.CLASSIFIER_EVENT, "events"),
          n -> describe(MyoCodec.decodeClassifierEvent(n.value())));
    }

    /** A decoder of one characteristic's values into text. */
    private interface ValueDecoder {
      String decode(Notification n) throws ProtocolException;
    }

    /** Subscribes a characteristic whose values are events (battery level, classifier). */
    private void decodeEvents(Stream s, ValueDecoder decoder) {
      if (device.byUuid(s.uuid).isEmpty()) {
        streams.remove(s.uuid);
        return; // not every armband's table has them (BlueZ hides the battery service)
      }
      owned.add(
          CaptureCommand.await(
              connection.subscribe(
                  s.uuid,
                  n -> {
                    try {
                      s.last.set(decoder.decode(n));
                      s.decoded.incrementAndGet();
                    } catch (ProtocolException e) {
                      s.malformed.incrementAndGet();
                    }
                  }),
              "subscribe to " + s.label));
    }

    void print(PrintWriter out, long nowNanos) {
      out.printf(
          "%s (%s, %s): %d malformed%s%n",
          device.address(),
          device.name().orElse("unnamed"),
          device.kind(),
          session == null ? 0 : session.malformed(),
          headline.get());
      for (Stream s : streams.values()) {
        out.println(s.line(nowNanos, units.get(s.uuid)));
      }
      for (Supplier<String> line : more) {
        out.println("  " + line.get());
      }
    }

    @Override
    public void close() {
      for (int i = owned.size() - 1; i >= 0; i--) {
        owned.get(i).close();
      }
      if (session != null) {
        session.close();
      }
      connection.close();
    }
  }

  private static String vector(Vector3 v) {
    return String.format(Locale.ROOT, "(%.3f, %.3f, %.3f)", v.x(), v.y(), v.z());
  }

  private static String describe(WristbandSample s) {
    return "accel "
        + vector(s.accelG())
        + " g · gyro "
        + vector(s.gyroRadPerS())
        + " rad/s"
        + s.magMicroTesla().map(m -> " · mag " + vector(m) + " µT").orElse("");
  }

  private static String describe(MyoClassifierEvent e) {
    if (e instanceof MyoClassifierEvent.ArmSynced a) {
      return "arm synced (arm " + a.arm() + ", x direction " + a.xDirection() + ")";
    }
    if (e instanceof MyoClassifierEvent.Pose p) {
      return "pose " + p.pose();
    }
    if (e instanceof MyoClassifierEvent.SyncFailed f) {
      return "sync failed (" + f.result() + ")";
    }
    if (e instanceof MyoClassifierEvent.ArmUnsynced) {
      return "arm unsynced";
    }
    return e instanceof MyoClassifierEvent.Unlocked ? "unlocked" : "locked";
  }
}
