package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imucompanion.app.workspace.DeviceCapture;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.app.workspace.SampleSink;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.profile.DeviceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Saves a device's notifications to a btsnoop capture file. */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {
      "Capture every data notification of a device (protocol-v1 or legacy wristband, Myo) into"
          + " a btsnoop file (readable by Wireshark; the device's kind, characteristics and"
          + " configuration go to a sidecar file beside it) for replay."
    })
final class CaptureCommand implements Callable<Integer> {
  private static final long STEP_TIMEOUT_SECONDS = 20;

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF), virtual:wristband, virtual:legacy or virtual:myo.")
  String device;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "<file>",
      description = "The capture file to write.")
  Path output;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "<seconds>",
      defaultValue = "10",
      description = "How long to capture (default: ${DEFAULT-VALUE} s).")
  double durationSeconds;

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Mixin MotionOption motion = new MotionOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LiveDevice live = DeviceArguments.start(device, bus, motion.source(), SampleSink.NONE);
    try (CaptureWriter writer = CaptureWriter.create(output)) {
      DeviceArguments.awaitStreaming(live, device, RecordCommand.CONNECT_TIMEOUT_SECONDS);
      DeviceKind kind = live.deviceKind().orElseThrow();
      DeviceCapture capture = DeviceCapture.start(live, writer);
      long end = System.nanoTime() + (long) (durationSeconds * 1e9);
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        out.printf(
            "captured %d notifications  %s  link %s%n",
            writer.written(),
            live.health().map(h -> HealthSummary.oneLine(h.snapshot(System.nanoTime()))).orElse(""),
            live.link().describe(System.nanoTime()));
        out.flush();
      }
      capture.close();
      if (writer.failure().isPresent()) {
        throw new CommandFailedException(
            "capture failed: " + writer.failure().get().getMessage(), writer.failure().get());
      }
      out.printf("wrote %d notifications of a %s to %s%n", writer.written(), kind.id(), output);
    } catch (IOException e) {
      throw new CommandFailedException("cannot write " + output + ": " + e.getMessage(), e);
    } finally {
      live.close();
    }
    return ExitStatus.OK;
  }

  static <T> T await(java.util.concurrent.CompletableFuture<T> future, String step) {
    try {
      return future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new CommandFailedException("timed out trying to " + step, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted while trying to " + step, e);
    } catch (java.util.concurrent.ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CommandFailedException("cannot " + step + ": " + cause.getMessage(), cause);
    }
  }
}
