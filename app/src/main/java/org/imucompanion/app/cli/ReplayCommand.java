package org.imucompanion.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.app.workspace.HealthSummary;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureReplay;
import org.imucompanion.ble.health.NominalRate;
import org.imucompanion.ble.health.StreamHealth;
import org.imucompanion.ble.health.StreamKey;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Plays a capture back through the decoders and stream health. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a btsnoop capture through the same profile, decoder and stream-health code as a"
          + " live device, and report what was decoded, lost and malformed per device."
    })
final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "<capture>", description = "The btsnoop capture file.")
  Path capture;

  @Option(
      names = "--real-time",
      description = "Play at the recorded pace (default: as fast as possible, same time stamps).")
  boolean realTime;

  @Spec CommandSpec spec;

  /** One replayed wristband: its connection, stream and counts. */
  private record Replayed(
      CaptureDevice device,
      BleConnection connection,
      WristbandProfile.Session session,
      StreamHealth health,
      AtomicLong samples) {}

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(capture)) {
      throw new CommandFailedException("no such file: " + capture);
    }
    PrintWriter out = spec.commandLine().getOut();
    CaptureReplay.Pace pace =
        realTime ? CaptureReplay.Pace.RECORDED : CaptureReplay.Pace.AS_FAST_AS_POSSIBLE;
    List<Replayed> replayed = new ArrayList<>();
    try (CaptureReplay replay = CaptureReplay.open(capture, pace)) {
      for (CaptureDevice d : replay.capturedDevices()) {
        if (!d.kind().equals(DeviceKind.WRISTBAND_V1.id())) {
          out.printf("%s: %s devices are not replayed by the CLI yet, skipped%n", d.address(), d.kind());
          continue;
        }
        BleConnection connection =
            CaptureCommand.await(replay.connect(d.address(), (s, c) -> {}, Runnable::run), "connect");
        StreamHealth health =
            StreamHealth.withSequenceNumbers(
                new StreamKey(d.address(), WristbandUuids.DATA),
                NominalRate.ofSamples(WristbandConfig.DEFAULT.outputDataRateHz(), 1));
        AtomicLong samples = new AtomicLong();
        WristbandProfile.Session session =
            CaptureCommand.await(
                WristbandProfile.start(
                    connection, p -> samples.addAndGet(p.packet().samples().size()), Optional.of(health)),
                "start the replayed stream");
        replayed.add(new Replayed(d, connection, session, health, samples));
      }
      CaptureReplay.Report report = replay.play().get(10, TimeUnit.MINUTES);
      for (Replayed r : replayed) {
        out.printf(
            "%s (%s): %d samples decoded, %d duplicates dropped, %d malformed; %s%n",
            r.device().address(),
            r.device().name().orElse("unnamed"),
            r.samples().get(),
            r.session().duplicatesDropped(),
            r.session().malformed(),
            HealthSummary.cumulative(r.health().snapshot(System.nanoTime())));
        r.session().close();
        r.connection().close();
      }
      out.printf(
          "replayed %d notifications (%d for devices or characteristics not subscribed)%n",
          report.delivered() + report.notDelivered(), report.notDelivered());
    } catch (IOException e) {
      throw new CommandFailedException("cannot read " + capture + ": " + e.getMessage(), e);
    }
    return ExitStatus.OK;
  }
}
