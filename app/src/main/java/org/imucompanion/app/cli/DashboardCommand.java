package org.imucompanion.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Opens the dashboard, choosing which built-in virtual device it starts with. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = "Open the JavaFX dashboard (what running without a command does).")
final class DashboardCommand implements Callable<Integer> {

  @ParentCommand ImuCompanionCommand parent;

  @Option(
      names = "--virtual-device",
      paramLabel = "<kind>",
      defaultValue = "wristband",
      converter = VirtualDeviceKindConverter.class,
      description =
          "Virtual device to connect at start: wristband, myo or none (default: ${DEFAULT-VALUE}).")
  VirtualDeviceKind virtualDevice;

  @Mixin MotionOption motion = new MotionOption();

  @Mixin BluezBusOption bus = new BluezBusOption();

  @Override
  public Integer call() {
    motion.source(); // a bad --motion is refused here, with the reason, not inside the window
    bus.options(); // a bad --bus or --adapter is refused here too
    parent
        .dashboardLauncher()
        .launch(
            new DashboardOptions(
                virtualDevice,
                motion.motion,
                bus.busAddress == null ? "" : bus.busAddress,
                bus.adapter == null ? "" : bus.adapter));
    return ExitStatus.OK;
  }
}
