package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Saves a wristband's notifications to a btsnoop capture file. */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {
      "Capture a protocol-v1 wristband's data notifications into a btsnoop file (readable by"
          + " Wireshark; device details go to a sidecar file beside it) for replay."
    })
final class CaptureCommand implements Callable<Integer> {
  private static final long STEP_TIMEOUT_SECONDS = 20;

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF) or virtual:wristband.")
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
    DeviceArguments.Link link = DeviceArguments.open(device, bus, motion.source());
    try (var transport = link.transport();
        BleConnection connection =
            await(transport.connect(link.address(), (s, c) -> {}, Runnable::run), "connect")) {
      await(connection.servicesResolved(), "resolve services");
      List<GattCharacteristicInfo> characteristics =
          await(connection.characteristics(), "list characteristics");
      if (DeviceKind.fromCharacteristics(characteristics).orElse(null) != DeviceKind.WRISTBAND_V1) {
        throw new CommandFailedException(
            device + " is not a protocol-v1 wristband; only those can be captured so far");
      }
      byte[] config = await(connection.read(WristbandUuids.CONFIG), "read config");
      StreamHealth health =
          StreamHealth.withSequenceNumbers(
              new StreamKey(link.address(), WristbandUuids.DATA),
              NominalRate.ofSamples(WristbandConfig.DEFAULT.outputDataRateHz(), 1));
      try (CaptureWriter writer = CaptureWriter.create(output)) {
        writer.addDevice(
            new CaptureDevice(
                link.address(),
                Optional.of(device),
                DeviceKind.WRISTBAND_V1.id(),
                characteristics,
                Map.of(WristbandUuids.CONFIG, config)));
        try (Subscription raw =
                await(connection.subscribe(WristbandUuids.DATA, writer.listener()), "subscribe");
            WristbandProfile.Session session =
                await(
                    WristbandProfile.start(connection, p -> {}, Optional.of(health)),
                    "start the stream")) {
          long end = System.nanoTime() + (long) (durationSeconds * 1e9);
          while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            out.printf(
                "captured %d notifications  %s%n",
                writer.written(), HealthSummary.oneLine(health.snapshot(System.nanoTime())));
            out.flush();
          }
          session.stopStreaming();
        }
        if (writer.failure().isPresent()) {
          throw new CommandFailedException(
              "capture failed: " + writer.failure().get().getMessage(), writer.failure().get());
        }
        out.printf("wrote %d notifications to %s%n", writer.written(), output);
      } catch (IOException e) {
        throw new CommandFailedException("cannot write " + output + ": " + e.getMessage(), e);
      }
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
