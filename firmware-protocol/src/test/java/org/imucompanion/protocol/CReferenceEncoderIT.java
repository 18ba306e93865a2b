package org.imucompanion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compiles the C reference encoder ({@code firmware-protocol/c/}) with gcc and checks that it
 * produces, byte for byte, the packets of the shared test vectors that the Java codec is checked
 * against. gcc is a test prerequisite (Debian package {@code gcc}); without it this test fails
 * and says so, rather than skipping.
 */
class CReferenceEncoderIT {
  private static final HexFormat HEX = HexFormat.of();
  private static Path runner;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    Path source = Path.of("c", "test", "vector_runner.c");
    assertThat(source).as("C sources, from " + Path.of("").toAbsolutePath()).exists();
    Path out = Path.of("target", "c");
    Files.createDirectories(out);
    runner = out.resolve("vector_runner");
    List<String> cmd =
        List.of("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-o", runner.toString(), source.toString());
    Process gcc;
    try {
      gcc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("gcc is needed to test the C reference encoder: apt-get install gcc", e);
    }
    String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(gcc.exitValue()).as("gcc output:\n" + log).isZero();
  }

  @Test
  void cEncoderMatchesEveryWristbandVectorByteForByte() throws Exception {
    List<String> lines = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (TestVectors.Wristband v : TestVectors.wristband()) {
      var c = v.config();
      lines.add(
          String.format(
              "config %d %d %d %d %d %d",
              c.outputDataRateHz(), c.accelRange().code(), c.gyroRange().code(), c.magnetometer() ? 1 : 0, c.crc() ? 1 : 0, c.batchSize()));
      expected.add(HEX.formatHex(v.configBytes()));
      StringBuilder data =
          new StringBuilder(
              String.format(
                  "data %d %d %d %d %d", v.sequence(), v.t0Micros(), c.magnetometer() ? 1 : 0, c.crc() ? 1 : 0, v.rawSamples().length));
      for (int[] s : v.rawSamples()) {
        for (int x : s) {
          data.append(' ').append(x);
        }
      }
      lines.add(data.toString());
      expected.add(HEX.formatHex(v.packetBytes()));
      // and the Java encoder, from the same inputs, gives the same bytes
      assertThat(HEX.formatHex(WristbandCodec.encode(v.packet(), c))).isEqualTo(HEX.formatHex(v.packetBytes()));
    }
    for (TestVectors.Legacy v : TestVectors.legacy()) {
      StringBuilder line = new StringBuilder("legacy");
      for (int x : v.raw()) {
        line.append(' ').append(x);
      }
      lines.add(line.toString());
      expected.add(HEX.formatHex(v.valueBytes()));
    }
    lines.add("crc 123456789");
    expected.add(String.format("%04x", Crc16.ccittFalse("123456789".getBytes(StandardCharsets.US_ASCII), 0, 9)));
    for (int mtu : new int[] {23, 24, 25, 100, 185, 247, 517}) {
      for (int flags = 0; flags < 4; flags++) {
        boolean mag = (flags & 1) != 0;
        boolean crc = (flags & 2) != 0;
        lines.add("maxsamples " + mtu + " " + (mag ? 1 : 0) + " " + (crc ? 1 : 0));
        expected.add(Integer.toString(WristbandCodec.maxSamplesPerPacket(mtu, mag, crc)));
      }
    }
    assertThat(run(lines)).containsExactlyElementsOf(expected);
    assertThat(expected).contains("29b1");
  }

  private static List<String> run(List<String> lines) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(runner.toAbsolutePath().toString()).redirectErrorStream(true).start();
    p.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("vector_runner output:\n" + out).isZero();
    return out.lines().toList();
  }
}
