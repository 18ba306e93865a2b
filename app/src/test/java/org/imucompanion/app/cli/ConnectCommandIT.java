package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** connect on the built-in virtual wristband, through ble-driver's virtual transport. */
class ConnectCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cli.execute(
        args, o -> {throw new AssertionError("no dashboard");}, new PrintWriter(out), new PrintWriter(err));
  }

  @Test
  void printsStreamHealthOnceASecondForTheDuration() {
    assertThat(run("connect", "virtual:wristband", "--duration", "3.5")).as(err.toString()).isEqualTo(ExitStatus.OK);

    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSizeBetween(3, 5);
    String last = lines[lines.length - 1];
    assertThat(last).startsWith("Virtual wristband  SERVICES_RESOLVED").contains("/50 Hz · loss 0.0 %").contains("0 malformed");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("/50 Hz"))).isNotEmpty();
  }

  @Test
  void virtualMyoStreamsItsImuAtFiftyHertz() {
    assertThat(run("connect", "virtual:myo", "--duration", "2.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    String[] lines = out.toString().split("\n");
    // The merged EMG stream's health follows the IMU's, every second.
    assertThat(lines[lines.length - 1]).startsWith("  myo emg 0  ").contains("/200 Hz").contains("0 malformed");
    String last = lines[lines.length - 2];
    assertThat(last).startsWith("Virtual Myo  SERVICES_RESOLVED").contains("/50 Hz");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("samples (\\d+)  link streaming").matcher(last);
    assertThat(m.find()).as(last).isTrue();
    long samples = Long.parseLong(m.group(1));
    assertThat(samples).isGreaterThan(50);
  }

  @Test
  void virtualLegacyBandIsJudgedAgainstItsPollingRate() {
    assertThat(run("connect", "virtual:legacy", "--duration", "2.5")).as(err.toString()).isEqualTo(ExitStatus.OK);
    String[] lines = out.toString().split("\n");
    String last = lines[lines.length - 1];
    // The virtual legacy band's firmware can only be read: polled every 350 ms, nominal 2.86/s.
    assertThat(last).startsWith("Virtual legacy wristband  SERVICES_RESOLVED").contains("/3 Hz").contains("link streaming");
  }

  @Test
  void unknownVirtualDeviceFails() {
    assertThat(run("connect", "virtual:toaster", "-d", "1")).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("unknown virtual device virtual:toaster");
  }
}
