package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.MyoFeed;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.app.workspace.WristbandFeed;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.bluez.BluezTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Connects to one wristband (or the virtual Myo) and reports its stream health until stopped. */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description = {
      "Connect to a protocol-v1 wristband (or a virtual Myo), start its stream and print stream health (rate against"
          + " nominal, loss, jitter, malformed packets) once a second until Ctrl-C or --duration."
    })
final class ConnectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF), virtual:wristband or virtual:myo.")
  String device;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      description = "Stop after this many seconds (default: run until Ctrl-C).")
  Double durationSeconds;

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Mixin MotionOption motion = new MotionOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    LiveDevice live = open(device, bus, motion);
    // Ctrl-C closes the link cleanly (stop stream, disconnect) before the JVM goes.
    Thread closer = new Thread(live::close, "connect-shutdown");
    Runtime.getRuntime().addShutdownHook(closer);
    try {
      long end =
          durationSeconds == null
              ? Long.MAX_VALUE
              : System.nanoTime() + (long) (durationSeconds * 1e9);
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        ConnectionState state = live.state();
        String health =
            live.health()
                .map(h -> HealthSummary.oneLine(h.snapshot(System.nanoTime())))
                .orElse("no stream yet");
        out.printf("%s  %-18s %s  samples %d%n", live.name(), state, health, live.imuSamples().written());
        out.flush();
        if (live.problem().isPresent() && live.imuSamples().written() == 0) {
          throw new CommandFailedException(device + ": " + live.problem().get());
        }
      }
    } finally {
      live.close();
      try {
        Runtime.getRuntime().removeShutdownHook(closer);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting; the hook runs anyway.
      }
    }
    return ExitStatus.OK;
  }

  private static LiveDevice open(String device, BluezBusOption bus, MotionOption motion) {
    if (device.equals("virtual:wristband")) {
      return WristbandFeed.startVirtual(
          WristbandFeed.VIRTUAL_ADDRESS, "Virtual wristband", motion.source());
    }
    if (device.equals("virtual:myo")) {
      return MyoFeed.startVirtual(
          MyoFeed.VIRTUAL_ADDRESS, "Virtual Myo", motion.source(), SampleSink.NONE);
    }
    DeviceArguments.requireKnownVirtual(device);
    try {
      BluezTransport transport = BluezTransport.open(bus.options());
      return WristbandFeed.start(transport, device, device, "wristband v1", true);
    } catch (BleException e) {
      throw new CommandFailedException("BlueZ not available: " + e.getMessage(), e);
    }
  }
}
