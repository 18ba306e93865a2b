package org.imucompanion.ble.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.ConnectionListener;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.bluez.BluezOptions;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualPeripheral;

/**
 * Notifications per second end to end: virtual BlueZ peripheral -> PropertiesChanged through a real
 * dbus-daemon -> BluezTransport's signal handler -> delivery lane -> listener. Each value carries its
 * send time, so latency is measured from the fake's send to (a) the signal handler's timestamp and
 * (b) the listener call.
 *
 * <p>Run: {@code mvn -B -o -pl ble-driver test-compile exec:java
 * -Dexec.mainClass=org.imucompanion.ble.bench.NotificationThroughputBench -Dexec.classpathScope=test}
 * (optional argument: notifications per burst run, default 20000).
 */
public final class NotificationThroughputBench {

  private static final UUID SERVICE = UUID.fromString("0e5a0001-8c4b-4d9e-a1f3-7b2c6d5e4f30");
  private static final UUID DATA = UUID.fromString("0e5a0002-8c4b-4d9e-a1f3-7b2c6d5e4f30");

  private NotificationThroughputBench() {}

  /** Latencies of one run. */
  private static final class Run {
    final long[] toHandler;
    final long[] toListener;
    final AtomicInteger received = new AtomicInteger();
    volatile long lastNanos;

    Run(int n) {
      toHandler = new long[n];
      toListener = new long[n];
    }

    void on(Notification n) {
      long now = System.nanoTime();
      ByteBuffer b = ByteBuffer.wrap(n.value());
      int index = b.getInt(0);
      long sent = b.getLong(4);
      if (index >= 0 && index < toHandler.length) {
        toHandler[index] = n.hostTimeNanos() - sent;
        toListener[index] = now - sent;
      }
      lastNanos = now;
      received.incrementAndGet();
    }
  }

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args optional: notifications per run
   * @throws Exception if the fixture cannot start
   */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s, Java %s; dbus-daemon private bus; 20-byte values%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.version"));
    try (VirtualBluezFixture fixture = VirtualBluezFixture.start();
        BluezTransport transport =
            BluezTransport.open(
                BluezOptions.defaults().withBusAddress(fixture.busAddress()).withQueueCapacity(1 << 16))) {
      VirtualPeripheral p =
          fixture
              .bluez()
              .add(
                  VirtualPeripheral.builder("BE:4C:00:00:00:01", "bench")
                      .characteristic(SERVICE, DATA, "notify")
                      .build());
      BleConnection c =
          transport.connect(p.address(), ConnectionListener.IGNORE, Runnable::run).get(5, TimeUnit.SECONDS);
      c.servicesResolved().get(5, TimeUnit.SECONDS);
      Run[] current = new Run[1];
      c.subscribe(DATA, note -> current[0].on(note)).get(5, TimeUnit.SECONDS);

      // warm-up
      current[0] = new Run(n);
      burst(p, Math.min(n, 5000), 0);
      waitFor(current[0], Math.min(n, 5000));

      for (int rep = 1; rep <= 3; rep++) {
        current[0] = new Run(n);
        long t0 = System.nanoTime();
        burst(p, n, 0);
        long sentAt = System.nanoTime();
        waitFor(current[0], n);
        double secs = (current[0].lastNanos - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "burst %d: %d notifications, sender %.0f/s, end-to-end %.0f/s, dropped %d, "
                + "latency to handler p50 %.2f ms p99 %.2f ms, to listener p50 %.2f ms p99 %.2f ms%n",
            rep,
            current[0].received.get(),
            n / ((sentAt - t0) / 1e9),
            current[0].received.get() / secs,
            c.droppedNotifications(),
            pct(current[0].toHandler, 50),
            pct(current[0].toHandler, 99),
            pct(current[0].toListener, 50),
            pct(current[0].toListener, 99));
      }
      for (int rate : new int[] {150, 1000, 3000}) {
        int count = Math.min(n, rate * 3);
        current[0] = new Run(count);
        burst(p, count, rate);
        waitFor(current[0], count);
        System.out.printf(
            Locale.ROOT,
            "paced %d/s: %d received, latency to handler p50 %.2f ms p99 %.2f ms, to listener p50 %.2f ms p99 %.2f ms%n",
            rate,
            current[0].received.get(),
            pct(current[0].toHandler, 50),
            pct(current[0].toHandler, 99),
            pct(current[0].toListener, 50),
            pct(current[0].toListener, 99));
      }
      c.close();
      multiDevice(fixture, transport, 4, 1000, 3);
    }
  }

  /** Several devices notifying at once, each paced, as a coach's laptop with four athletes. */
  private static void multiDevice(
      VirtualBluezFixture fixture, BluezTransport transport, int devices, int ratePerDevice, int seconds)
      throws Exception {
    int count = ratePerDevice * seconds;
    Run[] runs = new Run[devices];
    VirtualPeripheral[] ps = new VirtualPeripheral[devices];
    BleConnection[] cs = new BleConnection[devices];
    for (int d = 0; d < devices; d++) {
      ps[d] =
          fixture
              .bluez()
              .add(
                  VirtualPeripheral.builder(String.format("BE:4C:00:00:01:%02X", d), "bench-" + d)
                      .characteristic(SERVICE, DATA, "notify")
                      .build());
      cs[d] = transport.connect(ps[d].address(), ConnectionListener.IGNORE, Runnable::run).get(5, TimeUnit.SECONDS);
      runs[d] = new Run(count);
      Run r = runs[d];
      cs[d].subscribe(DATA, r::on).get(5, TimeUnit.SECONDS);
    }
    Thread[] senders = new Thread[devices];
    for (int d = 0; d < devices; d++) {
      VirtualPeripheral p = ps[d];
      senders[d] = new Thread(() -> burst(p, count, ratePerDevice), "bench-sender-" + d);
      senders[d].start();
    }
    for (Thread t : senders) {
      t.join();
    }
    long[] all = new long[devices * count];
    long dropped = 0;
    for (int d = 0; d < devices; d++) {
      waitFor(runs[d], count);
      System.arraycopy(runs[d].toListener, 0, all, d * count, count);
      dropped += cs[d].droppedNotifications();
      cs[d].close();
    }
    System.out.printf(
        Locale.ROOT,
        "%d devices x %d/s for %d s: %d received, dropped %d, latency to listener p50 %.2f ms p99 %.2f ms%n",
        devices,
        ratePerDevice,
        seconds,
        (long) devices * count,
        dropped,
        pct(all, 50),
        pct(all, 99));
  }

  private static void burst(VirtualPeripheral p, int n, int ratePerSecond) {
    long period = ratePerSecond == 0 ? 0 : 1_000_000_000L / ratePerSecond;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (period > 0) {
        long due = start + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      byte[] v = new byte[20];
      ByteBuffer.wrap(v).putInt(0, i).putLong(4, System.nanoTime());
      p.notify(DATA, v);
    }
  }

  private static void waitFor(Run r, int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (r.received.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    if (r.received.get() < n) {
      throw new IllegalStateException("only " + r.received.get() + " of " + n + " arrived");
    }
  }

  private static double pct(long[] values, int p) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)] / 1e6;
  }
}
