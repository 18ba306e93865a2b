package org.imucompanion.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code --motion} picks what the virtual wristband performs, and a bad value is refused. */
class MotionOptionIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int inspect(String motion) {
    return Cli.execute(
        new String[] {"inspect", "--motion", motion, "virtual:wristband", "-d", "1"},
        o -> {
          throw new AssertionError("no dashboard");
        },
        new PrintWriter(out),
        new PrintWriter(err));
  }

  @Test
  void aSeededAthleteStreams() {
    assertThat(inspect("athlete:3")).as(err.toString()).isEqualTo(ExitStatus.OK);
    assertThat(out.toString()).contains("| seq ").contains(" packets, 0 malformed");
  }

  @Test
  void anUnknownMotionIsRefusedWithTheChoices() {
    assertThat(inspect("curls")).isNotEqualTo(ExitStatus.OK);
    assertThat(err.toString()).contains("--motion curls").contains("athlete:SEED");
  }

  @Test
  void connectOffersTheSameChoice() {
    int status = Cli.execute(
        new String[] {"connect", "--motion", "dataset:/no/such/dir:exermote:1:",
            "virtual:wristband"},
        o -> {
          throw new AssertionError("no dashboard");
        },
        new PrintWriter(out),
        new PrintWriter(err));
    assertThat(status).isEqualTo(ExitStatus.FAILURE);
    assertThat(err.toString()).contains("--motion dataset:/no/such/dir");
  }
}
