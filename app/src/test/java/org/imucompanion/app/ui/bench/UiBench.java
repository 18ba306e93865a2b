package org.imucompanion.app.ui.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.imucompanion.app.ui.MainWindow;
import org.imucompanion.app.ui.MainWindowViewModel;
import org.imucompanion.app.ui.ViewId;
import org.imucompanion.app.ui.devices.VirtualDeviceChoice;
import org.imucompanion.app.ui.models.ModelsViewModel;
import org.imucompanion.app.ui.sessions.SessionsViewModel;
import org.imucompanion.app.workspace.BluetoothStatus;
import org.imucompanion.app.workspace.Workspace;
import org.imucompanion.models.store.SessionStore;

/**
 * Opens the dashboard's Live view with virtual devices streaming at full rate (wristbands 50 Hz,
 * Myos 50 Hz IMU + 200 Hz EMG, each classified live by the shipped model) and prints, over the
 * measured period: frames per second, dropped frames (a pulse interval longer than twice the
 * nominal 1/60 s), process CPU, heap growth after GC, and notification-to-screen latency of the
 * exercise label (the notification's host {@code nanoTime} travels with the estimate; the pulse
 * that puts it on screen takes the difference).
 *
 * <p>Headless by default (Monocle, software rendering) unless {@code -Dglass.platform} is given;
 * under {@code xvfb-run -a} pass {@code -Dglass.platform=gtk} for a real X window. Arguments:
 * {@code [seconds=60] [wristbands=2] [myos=2] [warmupSeconds=10]}.
 */
public final class UiBench {
  private static final double NOMINAL_FRAME_NANOS = 1e9 / 60;

  private UiBench() {}

  /**
   * Runs the bench.
   *
   * @param args seconds, wristbands, Myos, warm-up seconds
   * @throws Exception if the stage cannot be opened
   */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int wristbands = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int myos = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    if (System.getProperty("glass.platform") == null) {
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("prism.order", "sw");
      System.setProperty("prism.text", "t2k");
      System.setProperty("java.awt.headless", "true");
    }
    Path store = Files.createTempDirectory("ui-bench").resolve("sessions.db");
    Workspace workspace = new Workspace(BluetoothStatus.unavailable("bench: virtual devices only"));
    Recorder recorder = new Recorder();
    CountDownLatch shown = new CountDownLatch(1);
    MainWindowViewModel[] vm = new MainWindowViewModel[1];
    Platform.startup(
        () -> {
          SessionsViewModel.StoreOpener opener = () -> SessionStore.open(store);
          vm[0] =
              new MainWindowViewModel(
                  workspace,
                  new ModelsViewModel(
                      file -> {
                        throw new IllegalStateException("no model loading in the bench");
                      },
                      Runnable::run,
                      Runnable::run),
                  new SessionsViewModel(opener, store::toString, Runnable::run, Platform::runLater),
                  opener);
          for (int i = 0; i < wristbands; i++) {
            vm[0].devices().addVirtual(VirtualDeviceChoice.WRISTBAND);
          }
          for (int i = 0; i < myos; i++) {
            vm[0].devices().addVirtual(VirtualDeviceChoice.MYO);
          }
          vm[0].live().onEstimateShown((device, source, now) -> recorder.latency(now - source));
          MainWindow window = new MainWindow(vm[0]);
          vm[0].currentViewProperty().set(ViewId.LIVE);
          Stage stage = new Stage();
          Scene scene = new Scene(window.root(), 1280, 800);
          scene.addPostLayoutPulseListener(recorder::layoutPulse);
          stage.setScene(scene);
          stage.show();
          new AnimationTimer() {
            @Override
            public void handle(long now) {
              recorder.pulse(now);
            }
          }.start();
          shown.countDown();
        });
    if (!shown.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the stage did not open");
    }
    Thread.sleep(warmup * 1000L);

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapStart = memory.getHeapMemoryUsage().getUsed();
    String loadStart = loadAverage();
    long cpuStart = os.getProcessCpuTime();
    long wallStart = System.nanoTime();
    recorder.start();
    Thread.sleep(seconds * 1000L);
    recorder.stop();
    long wall = System.nanoTime() - wallStart;
    long cpu = os.getProcessCpuTime() - cpuStart;
    String loadEnd = loadAverage();
    System.gc();
    long heapEnd = memory.getHeapMemoryUsage().getUsed();

    int cores = Runtime.getRuntime().availableProcessors();
    double cpuOfOneCore = 100.0 * cpu / wall;
    System.out.printf(
        Locale.ROOT,
        "UiBench: %d s measured after %d s warm-up, %d wristbands + %d Myos, Live view %s,"
            + " glass.platform=%s prism.order=%s, %d cores%n",
        seconds,
        warmup,
        wristbands,
        myos,
        vm[0].live().compactProperty().get() ? "compact grid" : "single panel",
        System.getProperty("glass.platform"),
        System.getProperty("prism.order", "(default)"),
        cores);
    recorder.print(wall);
    System.out.printf(
        Locale.ROOT,
        "CPU: %.0f %% of one core (%.0f %% of the machine's %d cores)%n",
        cpuOfOneCore,
        cpuOfOneCore / cores,
        cores);
    System.out.printf(
        Locale.ROOT,
        "heap after GC: %.1f MB at start, %.1f MB at end (%+.1f MB)%n",
        heapStart / 1e6,
        heapEnd / 1e6,
        (heapEnd - heapStart) / 1e6);
    System.out.printf("load average: start %s, end %s%n", loadStart, loadEnd);
    workspace.devices().forEach(d -> System.out.printf(
        Locale.ROOT, "  %s: %,d IMU samples%s%n", d.name(), d.imuSamples().written(),
        d.emgSamples().map(e -> String.format(Locale.ROOT, ", %,d EMG samples", e.written())).orElse("")));
    Platform.runLater(workspace::close);
    Thread.sleep(500);
    Platform.exit();
    System.exit(0);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }

  /** Pulse intervals, layout pulses and latencies, written on the FX thread only. */
  private static final class Recorder {
    private volatile boolean measuring;
    private long lastPulse;
    private long pulses;
    private long dropped;
    private long longestInterval;
    private final AtomicLong layouts = new AtomicLong();
    private long[] latencies = new long[1 << 14];
    private int latencyCount;

    void start() {
      Platform.runLater(
          () -> {
            lastPulse = 0;
            pulses = 0;
            dropped = 0;
            longestInterval = 0;
            layouts.set(0);
            latencyCount = 0;
            measuring = true;
          });
    }

    void stop() {
      measuring = false;
    }

    void pulse(long now) {
      if (!measuring) {
        return;
      }
      if (lastPulse != 0) {
        long interval = now - lastPulse;
        longestInterval = Math.max(longestInterval, interval);
        if (interval > 2 * NOMINAL_FRAME_NANOS) {
          dropped++;
        }
      }
      lastPulse = now;
      pulses++;
    }

    void layoutPulse() {
      if (measuring) {
        layouts.incrementAndGet();
      }
    }

    void latency(long nanos) {
      if (!measuring) {
        return;
      }
      if (latencyCount == latencies.length) {
        latencies = Arrays.copyOf(latencies, latencies.length * 2);
      }
      latencies[latencyCount++] = nanos;
    }

    void print(long wallNanos) {
      // Read after stop(): let the FX thread finish its current pulse first.
      CountDownLatch done = new CountDownLatch(1);
      Platform.runLater(
          () -> {
            double secondsMeasured = wallNanos / 1e9;
            System.out.printf(
                Locale.ROOT,
                "frames: %.1f /s (%d pulses), scene layouts %.1f /s, dropped frames (> %.1f ms):"
                    + " %d, longest interval %.1f ms%n",
                pulses / secondsMeasured,
                pulses,
                layouts.get() / secondsMeasured,
                2 * NOMINAL_FRAME_NANOS / 1e6,
                dropped,
                longestInterval / 1e6);
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            if (sorted.length == 0) {
              System.out.println("latency: no estimate shown");
            } else {
              System.out.printf(
                  Locale.ROOT,
                  "latency notification -> label on screen: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                      + " (%d estimates)%n",
                  sorted[sorted.length / 2] / 1e6,
                  sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                  sorted[sorted.length - 1] / 1e6,
                  sorted.length);
            }
            done.countDown();
          });
      try {
        done.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
