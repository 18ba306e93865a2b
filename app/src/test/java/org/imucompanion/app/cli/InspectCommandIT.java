package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Optional;
import org.imucompanion.app.workspace.PacketDescriber;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;

/** inspect on each built-in virtual device, and a malformed packet shown with its reason. */
class InspectCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private String[] inspect(String device) {
    int status =
        Cli.execute(
            new String[] {"inspect", device, "-d", "1"},
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    return out.toString().split("\n");
  }

  @Test
  void dumpsEveryWristbandPacketDecodedFieldByField() {
    String[] lines = inspect("virtual:wristband");
    assertThat(out.toString()).contains("device: wristband-v1, config: WristbandConfig[outputDataRateHz=50");
    long decoded = Arrays.stream(lines).filter(l -> l.contains("v1 data") && l.contains("| seq ")).count();
    assertThat(decoded).isBetween(30L, 80L);
    assertThat(lines[lines.length - 1]).isEqualTo(decoded + " packets, 0 malformed");
  }

  @Test
  void dumpsTheMyosImuAndAllFourEmgCharacteristics() {
    String[] lines = inspect("virtual:myo");
    assertThat(out.toString()).contains("device: myo");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("myo imu") && l.contains("| q (")).count())
        .isGreaterThan(20);
    for (int i = 0; i < 4; i++) {
      int channel = i;
      assertThat(Arrays.stream(lines).filter(l -> l.contains("myo emg " + channel) && l.contains("| emg ")))
          .as("EMG characteristic %d", i)
          .isNotEmpty();
    }
    assertThat(lines[lines.length - 1]).endsWith(" packets, 0 malformed");
  }

  @Test
  void dumpsTheLegacyBandsValuesWithTheMagnetometer() {
    String[] lines = inspect("virtual:legacy");
    assertThat(out.toString()).contains("device: legacy");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("legacy data") && l.contains(" µT")))
        .isNotEmpty();
    assertThat(lines[lines.length - 1]).endsWith(" packets, 0 malformed");
  }

  @Test
  void aMalformedPacketIsPrintedWithItsReason() {
    Notification truncated =
        new Notification(5_000_000L, "02:00:00:00:00:01", WristbandUuids.DATA, 0x12, new byte[] {0x21, 0x00, 0x01});

    String line = PacketDescriber.line(truncated, 0, Optional.of(WristbandConfig.DEFAULT), false);

    assertThat(line)
        .startsWith("     5.000 ms  v1 data          3 B  21 00 01")
        .contains("| MALFORMED TRUNCATED at byte");
  }

  @Test
  void aMalformedEmgNotificationIsPrintedWithItsReason() {
    Notification shortEmg =
        new Notification(0, "02:00:00:00:00:02", MyoUuids.EMG_DATA_2, 0x2a, new byte[] {1, 2, 3});

    PacketDescriber.Description d = PacketDescriber.describe(shortEmg, Optional.empty());

    assertThat(d.malformed()).isTrue();
    assertThat(d.decoded()).startsWith("MALFORMED TRUNCATED");
  }
}
