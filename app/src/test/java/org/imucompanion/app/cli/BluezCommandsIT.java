package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.imucompanion.ble.virtualbluez.VirtualBluezFixture;
import org.imucompanion.ble.virtualbluez.VirtualWristband;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * scan and connect through the real BlueZ code path: a private dbus-daemon with ble-driver's
 * virtual org.bluez service on it, reached with {@code --bus}.
 */
class BluezCommandsIT {
  private static final String BAND = "C0:FF:EE:00:00:01";

  private VirtualBluezFixture fixture;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startBluez() throws Exception {
    fixture = VirtualBluezFixture.start();
    VirtualWristband.add(fixture.bluez(), BAND, WristbandConfig.DEFAULT, true);
  }

  @AfterEach
  void stopBluez() {
    fixture.close();
  }

  private int run(String... args) {
    return Cli.execute(
        args, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void scanListsTheWristbandWithItsKind() {
    assertThat(run("scan", "--bus", fixture.busAddress(), "-t", "1.5")).as(err.toString()).isEqualTo(ExitStatus.OK);

    assertThat(out.toString())
        .contains("1 device(s):")
        .containsPattern(BAND + "\\s+IMU Wristband\\s+.*wristband-v1");
  }

  @Test
  void scanForOtherKindsOnlyFindsNothing() {
    assertThat(run("scan", "--bus", fixture.busAddress(), "-t", "1", "--kind", "myo")).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("0 device(s):");
  }

  @Test
  void connectStreamsThroughBluezWithHealth() {
    assertThat(run("connect", BAND, "--bus", fixture.busAddress(), "-d", "3.2")).as(err.toString()).isEqualTo(ExitStatus.OK);

    String[] lines = out.toString().split("\n");
    String last = lines[lines.length - 1];
    assertThat(last).startsWith(BAND + "  SERVICES_RESOLVED").contains("/50 Hz").contains("0 malformed");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("loss 0.0 %"))).isNotEmpty();
  }

  @Test
  void aBusWithoutBluezIsReportedPlainly() throws Exception {
    try (var bare = VirtualBluezFixture.startBareDaemon()) {
      assertThat(run("scan", "--bus", bare.address(), "-t", "0.2")).isEqualTo(ExitStatus.FAILURE);
      assertThat(err.toString()).startsWith("scan: BlueZ not available:");
    }
  }
}
