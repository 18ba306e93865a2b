package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's contract: dispatch, help everywhere, and exit codes scripts can trust. */
class CliTest {

  private static final List<String> COMMANDS =
      List.of(
          "dashboard", "scan", "connect", "record", "inspect", "capture", "replay", "classify",
          "evaluate", "import", "export", "train-data");

  private final List<DashboardOptions> launched = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.execute(args, launched::add, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void noArgumentsOpensTheDashboardOnTheVirtualWristband() {
    assertThat(run()).isEqualTo(ExitStatus.OK);
    assertThat(launched).containsExactly(new DashboardOptions(VirtualDeviceKind.WRISTBAND));
  }

  @Test
  void dashboardCommandPassesTheChosenVirtualDevice() {
    assertThat(run("dashboard", "--virtual-device", "NONE")).isEqualTo(ExitStatus.OK);
    assertThat(launched).containsExactly(new DashboardOptions(VirtualDeviceKind.NONE));
  }

  @Test
  void dashboardOpensOnTheVirtualMyo() {
    assertThat(run("dashboard", "--virtual-device", "myo")).isEqualTo(ExitStatus.OK);
    assertThat(launched).containsExactly(new DashboardOptions(VirtualDeviceKind.MYO));
  }

  @Test
  void dashboardPassesTheChosenMotionThroughTheApplicationParameters() {
    assertThat(run("dashboard", "--motion", "athlete:7")).isEqualTo(ExitStatus.OK);
    DashboardOptions options = launched.get(0);
    assertThat(options).isEqualTo(new DashboardOptions(VirtualDeviceKind.WRISTBAND, "athlete:7"));
    // JavaFX hands the launcher's arguments back as named parameters.
    Map<String, String> named = new HashMap<>();
    for (String a : options.toArguments()) {
      named.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    assertThat(DashboardOptions.fromParameters(named)).isEqualTo(options);
  }

  @Test
  void aBadMotionIsRefusedWithTheReasonBeforeTheWindowOpens() {
    assertThat(run("dashboard", "--motion", "dance")).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("--motion dance");
    assertThat(launched).isEmpty();
  }

  @Test
  void unknownVirtualDeviceIsAUsageErrorNamingTheChoices() {
    assertThat(run("dashboard", "--virtual-device", "fitbit")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("fitbit").contains("wristband, myo, none");
    assertThat(launched).isEmpty();
  }

  @Test
  void topLevelHelpListsEveryCommandAndTheExitCodes() {
    assertThat(run("--help")).isEqualTo(ExitStatus.OK);
    String help = out.toString();
    assertThat(help).contains("Usage: imu-companion");
    COMMANDS.forEach(c -> assertThat(help).contains("  " + c + " "));
    assertThat(help).contains("Exit codes:").contains("2   bad command line");
    assertThat(launched).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelp(String command) {
    assertThat(run(command, "--help")).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).startsWith("Usage: imu-companion " + command);
    assertThat(err.toString()).isEmpty();
  }

  static Stream<String> commands() {
    return COMMANDS.stream();
  }

  @Test
  void versionPrintsTheProgramName() {
    assertThat(run("--version")).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).startsWith("imu-companion ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"frobnicate", "--no-such-option"})
  void unknownCommandOrOptionIsAUsageError(String arg) {
    assertThat(run(arg)).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains(arg);
    assertThat(launched).isEmpty();
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    assertThat(run("capture", "virtual:wristband")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("--output");
  }

  @Test
  void badNumberIsAUsageError() {
    assertThat(run("scan", "--timeout", "soon")).isEqualTo(ExitStatus.USAGE);
    assertThat(err.toString()).contains("soon");
  }

  @Test
  void anUnknownVirtualDeviceFailsNamingTheBuiltInOnes() {
    assertThat(run("record", "virtual:toaster", "--athlete", "a", "--exercise", "e", "--store",
            "target/cli-test-unused.db"))
        .isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString())
        .contains("unknown virtual device virtual:toaster")
        .contains("virtual:wristband, virtual:legacy or virtual:myo");
  }

  @Test
  void aFailureIsOneLineWithoutStackTraceUnlessDebug() {
    assertThat(run("classify", "no-such.btsnoop")).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).isEqualTo("classify: no such file: no-such.btsnoop" + System.lineSeparator());
  }

  @Test
  void debugAddsTheStackTrace() {
    assertThat(run("classify", "no-such.btsnoop", "--debug")).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("CommandFailedException").contains("\tat ");
  }
}
