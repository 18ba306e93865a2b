package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
  void virtualMyoInTheDashboardIsNotAvailableYet() {
    assertThat(run("dashboard", "--virtual-device", "myo")).isEqualTo(ExitStatus.NOT_AVAILABLE);
    assertThat(err.toString()).contains("not available yet").contains("Myo");
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
    assertThat(help).contains("Exit codes:").contains("3   not available yet");
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

  static Stream<Arguments> notYetWired() {
    return Stream.of(
        Arguments.of((Object) new String[] {"connect", "virtual:myo"}),
        Arguments.of((Object) new String[] {"inspect", "virtual:myo"}),
        Arguments.of((Object) new String[] {"capture", "virtual:myo", "-o", "x.btsnoop"}),
        Arguments.of(
            (Object)
                new String[] {"record", "virtual:myo", "--athlete", "a", "--exercise", "e"}));
  }

  /**
   * What has not been wired says so and exits 3 (the virtual Myo, as of now); as it is wired,
   * its case moves out of this list into a test of what it really does.
   */
  @ParameterizedTest
  @MethodSource("notYetWired")
  void whatIsNotWiredSaysSoWithItsOwnExitCode(String[] args) {
    assertThat(run(args)).isEqualTo(ExitStatus.NOT_AVAILABLE);
    assertThat(err.toString()).startsWith(args[0] + ": not available yet: ").contains("not wired");
    assertThat(out.toString()).isEmpty();
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
