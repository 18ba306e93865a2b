package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.LinkStatus;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.PacketDescriber;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.ble.ConnectionState;
import org.imucompanion.ble.supervise.SupervisedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Connects to one device of any supported kind and reports its stream health until stopped. */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description = {
      "Connect to a wristband (protocol v1 or legacy) or a Myo armband, recognised by its GATT"
          + " services, start its stream and print stream health (rate against nominal, loss,"
          + " jitter, malformed packets) and the link's state once a second until Ctrl-C or"
          + " --duration. A lost link is reconnected with backoff; permanent failures end it."
    })
final class ConnectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF), virtual:wristband, virtual:legacy or virtual:myo.")
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
    LiveDevice live = DeviceArguments.start(device, bus, motion.source(), SampleSink.NONE);
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
        LinkStatus link = live.link();
        out.printf(
            "%s  %-18s %s  samples %d  link %s%s%n",
            live.name(),
            state,
            health,
            live.imuSamples().written(),
            link.describe(System.nanoTime()),
            link.outages() == 0
                ? ""
                : String.format(
                    java.util.Locale.ROOT,
                    ", %d outage(s), %.1f s lost",
                    link.outages(),
                    link.lostTime().toMillis() / 1e3));
        for (StreamHealth other : live.healths().subList(Math.min(1, live.healths().size()), live.healths().size())) {
          out.printf(
              "  %s  %s%n",
              PacketDescriber.characteristicName(other.key().characteristic()),
              HealthSummary.oneLine(other.snapshot(System.nanoTime())));
        }
        out.flush();
        if (link.state() == SupervisedState.GAVE_UP) {
          throw new CommandFailedException(
              device + ": " + link.lastFailure().orElse(live.problem().orElse("gave up")));
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

}
