package org.imucompanion.app.workspace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.supervise.SupervisedState;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualMyo;
import org.imucompanion.models.store.NewSession;
import org.imucompanion.models.store.Session;
import org.imucompanion.models.store.SessionRecorder;
import org.imucompanion.models.store.SessionStore;

/**
 * Measures the supervised link through the real BlueZ code path (a private dbus-daemon with the
 * virtual BlueZ, a paced virtual Myo): how long the stream is down after each of N link cuts
 * (from the cut until the profile streams again, the supervisor's own gap), and how long a
 * decoded sample takes from the feed to a committed row in a real SQLite file (the recorder
 * commits every 200 ms). A bench, not a test: it prints figures for {@code docs/PERFORMANCE.md}.
 *
 * <p>Arguments: {@code [cuts=20] [seconds between cuts=1.5]}.
 */
public final class SupervisedLinkBench {
  private SupervisedLinkBench() {}

  /**
   * Runs the bench.
   *
   * @param args cuts, seconds between cuts
   * @throws Exception if the fixture fails
   */
  public static void main(String[] args) throws Exception {
    int cuts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    double between = args.length > 1 ? Double.parseDouble(args[1]) : 1.5;
    Path dir = Files.createTempDirectory("link-bench");
    try (VirtualBluezFixture fixture = VirtualBluezFixture.start();
        SessionStore store = SessionStore.open(dir.resolve("bench.db"))) {
      VirtualMyo myo = VirtualMyo.add(fixture.bluez(), "C0:FF:EE:00:00:5A", 80);
      myo.pace();
      BluezTransport ble =
          BluezTransport.open(BluezOptions.defaults().withBusAddress(fixture.busAddress()));
      LiveDevice device =
          DeviceFeed.start(ble, "C0:FF:EE:00:00:5A", "Myo", Optional.empty(), true, SampleSink.NONE);
      device.firstStreaming().get(20, TimeUnit.SECONDS);
      Session session = store.startSession(DeviceRecording.sessionFor(device, Optional.empty(), "bench"));
      long[] handedAt = new long[1 << 22];
      AtomicLong handed = new AtomicLong();
      try (SessionRecorder recorder = SessionRecorder.start(store, session.id())) {
        DeviceRecording recording = DeviceRecording.start(device, recorder);
        SampleSink timing = device.recordingSink();
        device.recordInto(
            new SampleSink() {
              @Override
              public void onSample(int stream, long hostNanos, long deviceMicros, double[] values) {
                long i = handed.getAndIncrement();
                if (i < handedAt.length) {
                  handedAt[(int) i] = System.nanoTime();
                }
                timing.onSample(stream, hostNanos, deviceMicros, values);
              }

              @Override
              public void onOutage(long lostAtNanos, long resumedAtNanos, String cause) {
                timing.onOutage(lostAtNanos, resumedAtNanos, cause);
              }
            });
        // Commit latency: poll how many samples are stored; each newly stored one is done now.
        long[] latencies = new long[handedAt.length];
        int measured = 0;
        long stored = 0;
        double[] downtimes = new double[cuts];
        long nextCut = System.nanoTime() + (long) (between * 1e9);
        int cut = 0;
        Duration lostBefore = device.link().lostTime();
        boolean waitingForReturn = false;
        while (cut < cuts || waitingForReturn) {
          long now = System.nanoTime();
          long written = recording.writtenSamples();
          for (long i = stored; i < written && i < handed.get() && measured < latencies.length; i++) {
            latencies[measured++] = now - handedAt[(int) i];
          }
          stored = Math.max(stored, Math.min(written, handed.get()));
          if (!waitingForReturn && now >= nextCut && cut < cuts) {
            myo.peripheral().disconnectNow();
            waitingForReturn = true;
          }
          if (waitingForReturn
              && device.link().state() == SupervisedState.STREAMING
              && device.link().outages() == cut + 1) {
            Duration lost = device.link().lostTime();
            downtimes[cut] = lost.minus(lostBefore).toNanos() / 1e6;
            lostBefore = lost;
            cut++;
            waitingForReturn = false;
            nextCut = System.nanoTime() + (long) (between * 1e9);
          }
          Thread.sleep(1);
        }
        recording.stop();
        recorder.flush().get(10, TimeUnit.SECONDS);
        Arrays.sort(downtimes);
        long[] lat = Arrays.copyOf(latencies, measured);
        Arrays.sort(lat);
        System.out.printf(
            Locale.ROOT,
            "link cuts: %d, stream down (cut -> streaming again) ms: median %.0f, p99 %.0f, max %.0f%n",
            cuts,
            downtimes[cuts / 2],
            downtimes[(int) Math.min(cuts - 1, Math.ceil(cuts * 0.99) - 1)],
            downtimes[cuts - 1]);
        System.out.printf(
            Locale.ROOT,
            "samples: %d handed to the recorder, %d stored; feed -> committed ms: p50 %.1f, p99 %.1f, max %.1f%n",
            handed.get(),
            recording.writtenSamples(),
            lat[lat.length / 2] / 1e6,
            lat[(int) (lat.length * 0.99)] / 1e6,
            lat[lat.length - 1] / 1e6);
      } finally {
        device.close();
      }
    }
  }
}
