package org.imucompanion.ble.virtualdevice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.WriteType;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.capture.CapturedNotification;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamHealthSnapshot;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandControl;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;

/**
 * Notifications per second through the in-process virtual devices, printed (never asserted):
 *
 * <ol>
 *   <li>sustained: N virtual wristbands at 1000 Hz, one sample a packet (1000 notifications/s
 *       each), through {@link VirtualTransport} to a listener that decodes every packet and feeds
 *       {@link StreamHealth}; prints delivered notifications/s and what health saw;
 *   <li>flat out: a capture of 200,000 wristband notifications replayed as fast as possible through
 *       {@link CaptureReplay} to the same decoding listener;
 *   <li>the cost of one {@link StreamHealth#recordPacket} call.
 * </ol>
 *
 * <p>Run: {@code mvn -B -o -pl ble-driver test-compile exec:java
 * -Dexec.mainClass=org.imucompanion.ble.virtualdevice.VirtualDeviceBench -Dexec.classpathScope=test
 * -Dexec.args="8 5"} (devices, seconds).
 */
public final class VirtualDeviceBench {

  private static final Executor DIRECT = Runnable::run;
  private static final WristbandConfig FAST =
      new WristbandConfig(1000, AccelRange.G8, GyroRange.DPS1000, false, false, 1);

  private VirtualDeviceBench() {}

  /** Decodes and feeds health, as a profile would. */
  private static final class Decoding {
    final StreamHealth health;
    final AtomicLong count = new AtomicLong();

    Decoding(String address, NominalRate rate) {
      health = StreamHealth.withSequenceNumbers(new StreamKey(address, WristbandUuids.DATA), rate);
    }

    void on(Notification n) {
      try {
        WristbandDataPacket p = WristbandCodec.decode(n.value(), FAST);
        health.recordPacket(n.hostTimeNanos(), n.length(), p.sequence(), p.samples().size());
      } catch (ProtocolException e) {
        health.recordMalformed(n.hostTimeNanos(), n.length(), e.reason());
      }
      count.incrementAndGet();
    }
  }

  /**
   * Runs the three measurements.
   *
   * @param args devices (default 8) and seconds (default 5)
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    System.out.printf(
        Locale.ROOT,
        "cores=%d java=%s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    sustained(devices, seconds);
    flatOutReplay(200_000);
    healthCost(5_000_000);
  }

  private static void sustained(int devices, int seconds) throws Exception {
    try (VirtualTransport transport = VirtualTransport.create()) {
      List<Decoding> sinks = new ArrayList<>();
      List<BleConnection> connections = new ArrayList<>();
      for (int i = 0; i < devices; i++) {
        VirtualWristband w =
            new VirtualWristband(
                String.format(Locale.ROOT, "B0:00:00:00:00:%02X", i),
                "bench" + i,
                SyntheticWorkout.demo());
        transport.addDevice(w);
        BleConnection c =
            transport.connect(w.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
        c.write(WristbandUuids.CONFIG, FAST.encode(), WriteType.WITH_RESPONSE).join();
        Decoding d = new Decoding(w.address(), NominalRate.ofSamples(1000, 1));
        c.subscribe(WristbandUuids.DATA, d::on).join();
        sinks.add(d);
        connections.add(c);
      }
      long start = System.nanoTime();
      for (BleConnection c : connections) {
        c.write(
                WristbandUuids.CONTROL,
                WristbandControl.startStream().encode(),
                WriteType.WITHOUT_RESPONSE)
            .join();
      }
      Thread.sleep(seconds * 1000L);
      long elapsed = System.nanoTime() - start;
      long total = sinks.stream().mapToLong(d -> d.count.get()).sum();
      long lost = 0;
      long worstP99 = 0;
      for (Decoding d : sinks) {
        StreamHealthSnapshot s = d.health.snapshot(System.nanoTime());
        lost += s.cumulative().lost();
        worstP99 =
            Math.max(worstP99, s.live().interArrival().map(t -> t.p99().toNanos()).orElse(0L));
      }
      long dropped = connections.stream().mapToLong(BleConnection::droppedNotifications).sum();
      System.out.printf(
          Locale.ROOT,
          "sustained: %d wristbands x 1000 notifications/s for %d s: delivered %.0f notifications/s"
              + " (nominal %d), decoded+health; lost %d, queue drops %d, worst live inter-arrival"
              + " p99 %.2f ms%n",
          devices,
          seconds,
          total / (elapsed * 1e-9),
          devices * 1000,
          lost,
          dropped,
          worstP99 / 1e6);
    }
  }

  private static void flatOutReplay(int count) throws Exception {
    Path dir = Files.createTempDirectory("bench-replay");
    Path file = dir.resolve("bench.btsnoop");
    VirtualWristband template =
        new VirtualWristband("B1:00:00:00:00:01", "replay", SyntheticWorkout.demo());
    SyntheticWorkout workout = SyntheticWorkout.demo();
    try (CaptureWriter w = CaptureWriter.create(file)) {
      w.addDevice(
          new CaptureDevice(
              template.address(),
              template.name(),
              template.kind(),
              template.characteristics(),
              Map.of(WristbandUuids.CONFIG, FAST.encode())));
      for (int i = 0; i < count; i++) {
        MotionSample m = workout.sampleAt(i * 1_000_000L);
        byte[] v =
            WristbandCodec.encode(
                new WristbandDataPacket(
                    i & 0xFFFF,
                    (i * 1000L) & 0xFFFF_FFFFL,
                    false,
                    false,
                    List.of(new WristbandSample(m.accelG(), m.gyroRadPerS(), Optional.empty()))),
                FAST);
        w.write(
            new CapturedNotification(
                1_795_000_000_000_000L + i * 1000L,
                template.address(),
                WristbandUuids.DATA,
                VirtualWristband.DATA_HANDLE,
                v));
      }
    }
    System.out.printf(
        Locale.ROOT, "capture: %d notifications, %d bytes%n", count, Files.size(file));
    for (int round = 0; round < 3; round++) {
      try (CaptureReplay replay =
          CaptureReplay.open(file, CaptureReplay.Pace.AS_FAST_AS_POSSIBLE)) {
        BleConnection c =
            replay.connect(template.address(), (s, x) -> {}, DIRECT).get(5, TimeUnit.SECONDS);
        Decoding d = new Decoding(template.address(), NominalRate.ofSamples(1000, 1));
        c.subscribe(WristbandUuids.DATA, d::on).join();
        long start = System.nanoTime();
        CaptureReplay.Report r = replay.play().get(120, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        StreamHealthSnapshot s = d.health.snapshot(System.nanoTime());
        System.out.printf(
            Locale.ROOT,
            "flat-out replay round %d: %d notifications in %.3f s = %.0f notifications/s,"
                + " decoded+health; lost %d, recorded rate reproduced %.1f packets/s%n",
            round + 1,
            r.delivered(),
            elapsed * 1e-9,
            r.delivered() / (elapsed * 1e-9),
            s.cumulative().lost(),
            s.cumulative().packetsPerSecond());
      }
    }
    Files.deleteIfExists(CaptureWriter.sidecarOf(file));
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  private static void healthCost(int n) {
    StreamHealth h =
        StreamHealth.withSequenceNumbers(
            new StreamKey("B2:00:00:00:00:01", WristbandUuids.DATA),
            NominalRate.ofSamples(1000, 1));
    long t = 0;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        t += 1_000_000L + (i & 7) * 10_000L;
        h.recordPacket(t, 20, i & 0xFFFF, 1);
      }
      long elapsed = System.nanoTime() - start;
      System.out.printf(
          Locale.ROOT,
          "StreamHealth.recordPacket round %d: %.1f ns per packet%n",
          round + 1,
          (double) elapsed / n);
    }
    System.out.println("(snapshot lost=" + h.snapshot(t).cumulative().lost() + ")");
  }
}
