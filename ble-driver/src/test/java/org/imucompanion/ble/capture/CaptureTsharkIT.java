package org.imucompanion.ble.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a capture with the real tshark (Debian package {@code tshark}) and checks that every
 * notification shows as an ATT Handle Value Notification with its handle, value and sender.
 */
class CaptureTsharkIT {

  @TempDir Path dir;

  @Test
  void tsharkShowsEveryNotificationWithItsHandleValueAndDevice() throws Exception {
    CaptureDevice wristband = CaptureFixtures.wristband();
    CaptureDevice myo = CaptureFixtures.myo();
    List<CapturedNotification> written = CaptureFixtures.notifications(wristband, myo, 300, 3);
    Path file = dir.resolve("tshark.btsnoop");
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(wristband);
      w.addDevice(myo);
      for (CapturedNotification n : written) {
        w.write(n);
      }
    }

    List<String> lines =
        tshark(
            "-r",
            file.toString(),
            "-Y",
            "btatt",
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-e",
            "btatt.opcode",
            "-e",
            "btatt.handle",
            "-e",
            "btatt.value",
            "-e",
            "bthci_acl.src.bd_addr",
            "-e",
            "frame.time_epoch");
    List<String> expected = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (CapturedNotification n : written) {
      expected.add(
          String.format(
              "0x1b|0x%04x|%s|%s|%d.%06d000",
              n.handle(),
              hex.formatHex(n.value()),
              n.deviceAddress().toLowerCase(java.util.Locale.ROOT),
              n.epochMicros() / 1_000_000,
              n.epochMicros() % 1_000_000));
    }
    assertThat(lines).containsExactlyElementsOf(expected);
  }

  private static List<String> tshark(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("tshark");
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      return fail(
          "tshark is not installed or not on PATH (apt-get install tshark): this test checks that"
              + " Wireshark reads our captures and must not be skipped",
          e);
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return fail("tshark did not finish in 60 s");
    }
    assertThat(p.exitValue()).as("tshark exit status").isZero();
    String text = new String(out, StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
