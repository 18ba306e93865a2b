package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.PacketDescriber;
import org.imucompanion.app.workspace.SampleSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;


/** Dumps a device's packets live, decoded field by field, for firmware developers. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print every data notification of a device as it arrives (protocol-v1 and legacy"
          + " wristbands: data; Myo: IMU and the four EMG characteristics): host time,"
          + " characteristic, length, hex and decoded fields. Malformed packets are printed with"
          + " their reason and byte offset, never hidden."
    })
final class InspectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF), virtual:wristband, virtual:legacy or virtual:myo.")
  String device;

  @Option(names = "--hex-only", description = "Print raw bytes only, no decoding.")
  boolean hexOnly;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      defaultValue = "10",
      description = "How long to inspect (default: ${DEFAULT-VALUE} s).")
  double durationSeconds;

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Mixin MotionOption motion = new MotionOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    AtomicLong malformed = new AtomicLong();
    AtomicLong packets = new AtomicLong();
    LiveDevice live = DeviceArguments.start(device, bus, motion.source(), SampleSink.NONE);
    try {
      long start = System.nanoTime();
      // Printing happens on the connection's delivery thread; PrintWriter serialises the lines.
      live.tapNotifications(
          n -> {
            packets.incrementAndGet();
            String line = PacketDescriber.line(n, start, live.wristbandConfig(), hexOnly);
            if (line.contains("| MALFORMED ")) {
              malformed.incrementAndGet();
            }
            out.println(line);
          });
      DeviceArguments.awaitStreaming(live, device, RecordCommand.CONNECT_TIMEOUT_SECONDS);
      out.println(
          "device: "
              + live.deviceKind().map(k -> k.id()).orElse("?")
              + live.wristbandConfig().map(c -> ", config: " + c).orElse("")
              + live.firmwareVersion().map(v -> ", firmware " + v).orElse(""));
      Thread.sleep((long) (durationSeconds * 1000));
    } finally {
      live.tapNotifications(n -> {});
      live.close();
    }
    out.printf("%d packets, %d malformed%n", packets.get(), malformed.get());
    out.flush();
    return ExitStatus.OK;
  }
}
