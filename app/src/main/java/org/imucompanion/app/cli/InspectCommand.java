package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.BleConnection;
import org.imucompanion.ble.GattCharacteristicInfo;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.Subscription;
import org.imucompanion.ble.profile.DeviceKind;
import org.imucompanion.ble.profile.WristbandProfile;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Dumps a wristband's packets live, decoded field by field, for firmware developers. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Print every data notification of a protocol-v1 wristband as it arrives: host time, length,"
          + " hex and decoded fields. Malformed packets are printed with their reason and byte"
          + " offset, never hidden."
    })
final class InspectCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "<device>",
      description = "A BLE address (AA:BB:CC:DD:EE:FF) or virtual:wristband.")
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
    DeviceArguments.Link link = DeviceArguments.open(device, bus, motion.source());
    AtomicLong malformed = new AtomicLong();
    AtomicLong packets = new AtomicLong();
    try (var transport = link.transport();
        BleConnection connection =
            CaptureCommand.await(
                transport.connect(link.address(), (s, c) -> {}, Runnable::run), "connect")) {
      CaptureCommand.await(connection.servicesResolved(), "resolve services");
      List<GattCharacteristicInfo> characteristics =
          CaptureCommand.await(connection.characteristics(), "list characteristics");
      if (DeviceKind.fromCharacteristics(characteristics).orElse(null) != DeviceKind.WRISTBAND_V1) {
        throw new CommandFailedException(
            device + " is not a protocol-v1 wristband; only those can be inspected so far");
      }
      WristbandConfig config;
      try {
        config =
            WristbandConfig.decode(
                CaptureCommand.await(connection.read(WristbandUuids.CONFIG), "read config"));
      } catch (ProtocolException e) {
        throw new CommandFailedException("the device's CONFIG value is malformed: " + e.getMessage(), e);
      }
      out.println("config: " + config);
      long start = System.nanoTime();
      // Printing happens on the connection's delivery thread; PrintWriter serialises the lines.
      try (Subscription raw =
              CaptureCommand.await(
                  connection.subscribe(
                      WristbandUuids.DATA,
                      n -> {
                        packets.incrementAndGet();
                        out.println(describe(n, start, config, malformed));
                      }),
                  "subscribe");
          WristbandProfile.Session session =
              CaptureCommand.await(
                  WristbandProfile.start(connection, p -> {}, Optional.empty()), "start the stream")) {
        Thread.sleep((long) (durationSeconds * 1000));
        session.stopStreaming();
      }
    }
    out.printf("%d packets, %d malformed%n", packets.get(), malformed.get());
    out.flush();
    return ExitStatus.OK;
  }

  String describe(Notification n, long start, WristbandConfig config, AtomicLong malformed) {
    byte[] value = n.value();
    String head =
        String.format(
            Locale.ROOT,
            "%10.3f ms  %3d B  %s",
            (n.hostTimeNanos() - start) / 1e6,
            value.length,
            HexFormat.ofDelimiter(" ").formatHex(value));
    if (hexOnly) {
      return head;
    }
    try {
      WristbandDataPacket p = WristbandCodec.decode(value, config);
      StringBuilder line =
          new StringBuilder(head)
              .append(String.format(Locale.ROOT, "  | seq %5d  t %10d us", p.sequence(), p.deviceTimeMicros()));
      for (WristbandSample s : p.samples()) {
        line.append("  a ").append(vector(s.accelG())).append(" g  w ").append(vector(s.gyroRadPerS())).append(" rad/s");
      }
      return line.toString();
    } catch (ProtocolException e) {
      malformed.incrementAndGet();
      return head + "  | MALFORMED " + e.getMessage(); // reason, byte offset and detail
    }
  }

  private static String vector(Vector3 v) {
    return String.format(Locale.ROOT, "(%+.3f %+.3f %+.3f)", v.x(), v.y(), v.z());
  }
}
