package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.Capture;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureFormatException;
import org.imucompanion.ble.capture.CaptureReader;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture files in and out of the Inspector, without a stage. */
class OpenedCaptureTest {
  private static final long MS = 1_000_000L;

  @TempDir Path dir;

  private final List<Notification> sent =
      List.of(
          InspectorFixtures.packet(1, 100 * MS),
          InspectorFixtures.packet(2, 110 * MS),
          InspectorFixtures.packet(6, 120 * MS),
          InspectorFixtures.garbage(130 * MS),
          InspectorFixtures.packet(6, 140 * MS));

  @Test
  void savedPacketsReadBackByBleDriversReaderWithTheirBytesHandlesAndATableToReplay()
      throws Exception {
    Path file = CaptureFiles.of(dir.resolve("saved.btsnoop"), sent);

    Capture capture = CaptureReader.readAll(file);
    assertThat(capture.notifications()).hasSize(5);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(capture.notifications().get(i).value()).isEqualTo(sent.get(i).value());
      assertThat(capture.notifications().get(i).handle()).isEqualTo(0x12);
      assertThat(capture.notifications().get(i).characteristic()).isEqualTo(WristbandUuids.DATA);
    }
    // Arrival times keep their spacing (btsnoop keeps microseconds).
    assertThat(
            capture.notifications().get(4).epochMicros() - capture.notifications().get(0).epochMicros())
        .isEqualTo(40_000);
    CaptureDevice device = capture.devices().get(0);
    assertThat(device.kind()).isEqualTo("wristband-v1");
    assertThat(device.byUuid(WristbandUuids.DATA)).isPresent();
    assertThat(device.readValues().get(WristbandUuids.CONFIG))
        .as("a replay's profile reads the configuration")
        .isEqualTo(WristbandConfig.DEFAULT.encode());
  }

  @Test
  void anOpenedCaptureIsDecodedWithGapsDuplicatesMalformedAndHealth() throws Exception {
    OpenedCapture opened = OpenedCapture.read(CaptureFiles.of(dir.resolve("c.btsnoop"), sent));

    assertThat(opened.rows()).hasSize(5);
    assertThat(opened.rows().get(0).hostMillis()).isEqualTo("0.0");
    assertThat(opened.rows().get(2).hostMillis()).isEqualTo("20.0");
    assertThat(opened.rows().get(2).sequenceNote()).isEqualTo("gap: 3 lost");
    assertThat(opened.rows().get(3).malformed()).isTrue();
    assertThat(opened.rows().get(3).decoded()).startsWith("MALFORMED");
    assertThat(opened.rows().get(4).sequenceNote()).isEqualTo("duplicate");
    assertThat(opened.malformed()).isEqualTo(1);
    assertThat(opened.irregular()).isEqualTo(2);
    assertThat(opened.health()).startsWith("02:00:00:00:00:01 (Band, wristband-v1): ");
    assertThat(opened.health()).contains("malformed");
  }

  @Test
  void aFileThatIsNotACaptureSaysSo() throws Exception {
    Path file = CaptureFiles.corrupt(dir.resolve("text.btsnoop"));
    assertThatThrownBy(() -> OpenedCapture.read(file))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageContaining("text.btsnoop")
        .hasMessageContaining("not a btsnoop file");
  }

  @Test
  void aCaptureWithoutItsSidecarSaysWhatIsMissing() throws Exception {
    Path file = CaptureFiles.of(dir.resolve("lonely.btsnoop"), sent);
    Files.delete(CaptureWriter.sidecarOf(file));
    assertThatThrownBy(() -> OpenedCapture.read(file))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageContaining("no sidecar")
        .hasMessageContaining("lonely.btsnoop.properties");
  }

  @Test
  void aBadRecordIsReportedWithWhereItIs() throws Exception {
    Path file = CaptureFiles.of(dir.resolve("bad.btsnoop"), sent);
    byte[] bytes = Files.readAllBytes(file);
    // Walk the records (16-byte file header; 24-byte record header + data) to the last one, the
    // fifth notification, and break its length field.
    int offset = 16;
    int last = -1;
    while (offset < bytes.length) {
      last = offset;
      offset += 24 + ByteBuffer.wrap(bytes, offset + 4, 4).getInt();
    }
    assertThat(offset).as("records tile the file").isEqualTo(bytes.length);
    ByteBuffer.wrap(bytes, last + 4, 4).putInt(-5);
    Files.write(file, bytes);

    assertThatThrownBy(() -> OpenedCapture.read(file))
        .isInstanceOf(CaptureFormatException.class)
        .hasMessageContaining("bad.btsnoop")
        .hasMessageContaining("record length -5")
        .hasMessageContaining("after notification 4");
  }

  @Test
  void theDashboardsKindsMapToCaptureProfiles() {
    assertThat(SavedCapture.profileId("wristband v1 (virtual)")).isEqualTo("wristband-v1");
    assertThat(SavedCapture.profileId("myo (replay)")).isEqualTo("myo");
    assertThat(SavedCapture.profileId("legacy wristband (virtual)")).isEqualTo("legacy");
  }
}
