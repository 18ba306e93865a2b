package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;

/** inspect on the virtual wristband, and a malformed packet shown with its reason. */
class InspectCommandIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void dumpsEveryPacketDecodedFieldByField() {
    int status =
        Cli.execute(
            new String[] {"inspect", "virtual:wristband", "-d", "1"},
            o -> {throw new AssertionError("no dashboard");},
            new PrintWriter(out),
            new PrintWriter(err));

    assertThat(status).as(err.toString()).isEqualTo(ExitStatus.OK);
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("config: WristbandConfig[outputDataRateHz=50");
    long decoded = Arrays.stream(lines).filter(l -> l.contains("| seq ")).count();
    assertThat(decoded).isBetween(30L, 70L);
    assertThat(lines[lines.length - 1]).isEqualTo(decoded + " packets, 0 malformed");
  }

  @Test
  void aMalformedPacketIsPrintedWithItsReasonAndCounted() {
    InspectCommand command = new InspectCommand();
    AtomicLong malformed = new AtomicLong();
    Notification truncated =
        new Notification(5_000_000L, "02:00:00:00:00:01", WristbandUuids.DATA, 0x12, new byte[] {0x21, 0x00, 0x01});

    String line = command.describe(truncated, 0, WristbandConfig.DEFAULT, malformed);

    assertThat(line).startsWith("     5.000 ms    3 B  21 00 01").contains("| MALFORMED TRUNCATED at byte");
    assertThat(malformed).hasValue(1);
  }
}
