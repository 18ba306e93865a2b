package org.imucompanion.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.imucompanion.ble.BleException;
import org.imucompanion.ble.DiscoveredDevice;
import org.imucompanion.ble.ScanFilter;
import org.imucompanion.ble.ScanListener;
import org.imucompanion.ble.ScanSession;
import org.imucompanion.ble.bluez.BluezTransport;
import org.imucompanion.ble.profile.DeviceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists nearby devices IMU Companion can talk to. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scan through BlueZ for nearby wristbands, legacy wristbands and Myo armbands; print each"
          + " as it appears, then a table (address, name, RSSI, kind)."
    })
final class ScanCommand implements Callable<Integer> {

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "<seconds>",
      defaultValue = "10",
      description = "How long to scan (default: ${DEFAULT-VALUE} s).")
  double timeoutSeconds;

  @Option(
      names = "--kind",
      paramLabel = "<kind>",
      split = ",",
      description = "Only report these kinds: wristband-v1, legacy, myo (default: all three).")
  List<String> kinds;

  @Option(names = "--all", description = "Report every BLE device, not only supported ones.")
  boolean all;

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    List<DeviceKind> wanted = wantedKinds();
    Map<String, DiscoveredDevice> seen = new ConcurrentSkipListMap<>();
    ScanListener listener =
        new ScanListener() {
          @Override
          public void onAppeared(DiscoveredDevice device) {
            if (reported(device, wanted)) {
              seen.put(device.address(), device);
              out.println("found " + line(device));
              out.flush();
            }
          }

          @Override
          public void onUpdated(DiscoveredDevice device) {
            if (reported(device, wanted)) {
              seen.put(device.address(), device);
            }
          }
        };
    try (BluezTransport transport = BluezTransport.open(bus.options());
        ScanSession session =
            CaptureCommand.await(transport.scan(ScanFilter.ANY, listener, Runnable::run), "scan")) {
      Thread.sleep((long) (timeoutSeconds * 1000));
    } catch (BleException e) {
      throw new CommandFailedException("BlueZ not available: " + e.getMessage(), e);
    }
    out.printf("%d device(s):%n", seen.size());
    seen.values().forEach(d -> out.println("  " + line(d)));
    out.flush();
    return ExitStatus.OK;
  }

  private boolean reported(DiscoveredDevice device, List<DeviceKind> wanted) {
    return all || DeviceKind.fromAdvertisement(device).filter(wanted::contains).isPresent();
  }

  private List<DeviceKind> wantedKinds() {
    if (kinds == null || kinds.isEmpty()) {
      return List.of(DeviceKind.values());
    }
    return kinds.stream()
        .map(
            k ->
                DeviceKind.byId(k.trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(
                        () ->
                            new CommandFailedException(
                                "unknown kind '"
                                    + k
                                    + "', expected one of "
                                    + java.util.Arrays.stream(DeviceKind.values())
                                        .map(DeviceKind::id)
                                        .collect(Collectors.joining(", ")))))
        .toList();
  }

  private static String line(DiscoveredDevice d) {
    return String.format(
        Locale.ROOT,
        "%s  %-20s %8s  %s",
        d.address(),
        d.name().orElse("(no name)"),
        d.rssi().isPresent() ? d.rssi().getAsInt() + " dBm" : "RSSI ?",
        DeviceKind.fromAdvertisement(d).map(DeviceKind::id).orElse("unsupported"));
  }
}
