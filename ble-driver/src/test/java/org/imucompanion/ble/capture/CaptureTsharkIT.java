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
 * notification shows as an ATT Handle Value Notification with its handle, value, sender, time and
 * the characteristic's UUID (learnt from the discovery the capture carries).
 */
class CaptureTsharkIT {

  @TempDir Path dir;

  @Test
  void tsharkShowsEveryNotificationWithItsHandleValueDeviceTimeAndUuid() throws Exception {
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
            "frame.time_epoch",
            "-e",
            "btatt.uuid128",
            "-e",
            "btatt.uuid16");
    List<String> expected = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (CapturedNotification n : written) {
      expected.add(
          String.format(
              "0x1b|0x%04x|%s|%s|%d.%06d000|%s",
              n.handle(),
              hex.formatHex(n.value()),
              n.deviceAddress().toLowerCase(java.util.Locale.ROOT),
              n.epochMicros() / 1_000_000,
              n.epochMicros() % 1_000_000,
              uuidColumns(n.characteristic())));
    }
    // Besides the notifications, only the discovery that names the handles (Find Information).
    assertThat(lines)
        .allMatch(l -> l.startsWith("0x1b|") || l.startsWith("0x04|") || l.startsWith("0x05|"));
    assertThat(lines.stream().filter(l -> l.startsWith("0x1b|")).toList())
        .containsExactlyElementsOf(expected);
  }

  /**
   * A standard characteristic is announced by its 16-bit UUID, and Wireshark then decodes its value
   * by meaning: a battery level notification shows as a percentage.
   */
  @Test
  void tsharkNamesAStandardCharacteristicAndDecodesItsValue() throws Exception {
    CaptureDevice myo =
        new CaptureDevice(
            "DE:AD:BE:EF:00:02",
            java.util.Optional.of("Myo"),
            "myo",
            List.of(
                new org.imucompanion.ble.GattCharacteristicInfo(
                    org.imucompanion.protocol.myo.MyoUuids.BATTERY_SERVICE,
                    org.imucompanion.protocol.myo.MyoUuids.BATTERY_LEVEL,
                    0x0013,
                    java.util.EnumSet.of(org.imucompanion.ble.CharacteristicProperty.NOTIFY))),
            java.util.Map.of());
    Path file = dir.resolve("battery.btsnoop");
    try (CaptureWriter w = CaptureWriter.create(file, 0, 0)) {
      w.addDevice(myo);
      w.write(
          new CapturedNotification(
              CaptureFixtures.START_MICROS,
              myo.address(),
              org.imucompanion.protocol.myo.MyoUuids.BATTERY_LEVEL,
              0x0013,
              new byte[] {87}));
    }
    List<String> lines =
        tshark(
            "-r",
            file.toString(),
            "-Y",
            "btatt.opcode == 0x1b",
            "-T",
            "fields",
            "-E",
            "separator=|",
            "-e",
            "btatt.handle",
            "-e",
            "btatt.uuid16",
            "-e",
            "btatt.battery_level");
    assertThat(lines).containsExactly("0x0013|0x2a19|87");
  }

  /** tshark prints a 16-bit UUID in btatt.uuid16, anything else in btatt.uuid128. */
  private static String uuidColumns(java.util.UUID u) {
    String s = u.toString();
    if (s.startsWith("0000") && s.endsWith("-0000-1000-8000-00805f9b34fb")) {
      return "|0x" + s.substring(4, 8);
    }
    return s.replace("-", "") + "|";
  }

  private static List<String> tshark(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("tshark");
    command.addAll(List.of(args));
    Path errors = java.nio.file.Files.createTempFile("tshark", ".err");
    Process p;
    try {
      p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
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
    String stderr = java.nio.file.Files.readString(errors);
    java.nio.file.Files.deleteIfExists(errors);
    assertThat(p.exitValue()).as("tshark exit status; its stderr: %s", stderr).isZero();
    String text = new String(out, StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
