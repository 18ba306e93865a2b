package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.imucompanion.app.workspace.ReplayFeed;
import org.imucompanion.ble.CharacteristicProperty;
import org.imucompanion.ble.Notification;
import org.imucompanion.ble.capture.Capture;
import org.imucompanion.ble.capture.CaptureDevice;
import org.imucompanion.ble.capture.CaptureFormatException;
import org.imucompanion.ble.capture.CaptureReader;
import org.imucompanion.ble.capture.CaptureWriter;
import org.imucompanion.protocol.myo.MyoUuids;
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
  void aBadRecordIsReportedWithWhereItIsAndTheRestIsShown() throws Exception {
    Path file = CaptureFiles.of(dir.resolve("bad.btsnoop"), sent);
    byte[] bytes = Files.readAllBytes(file);
    // Walk the records (16-byte file header; 24-byte record header + data) to the fourth
    // notification (the garbage one, before the last) and break its length field.
    List<Integer> records = new java.util.ArrayList<>();
    for (int offset = 16; offset < bytes.length; offset += 24 + ByteBuffer.wrap(bytes, offset + 4, 4).getInt()) {
      records.add(offset);
    }
    int damaged = records.size() - 2;
    int at = records.get(damaged);
    int length = records.get(damaged + 1) - at;
    ByteBuffer.wrap(bytes, at + 4, 4).putInt(-5);
    Files.write(file, bytes);
    byte[] sidecar = Files.readAllBytes(CaptureWriter.sidecarOf(file));

    OpenedCapture opened = OpenedCapture.read(file);

    assertThat(opened.rows()).hasSize(4);
    // The damaged record was the malformed one: what is left is 1, 2, 6 and 6 again.
    assertThat(opened.rows().get(3).sequenceNote()).isEqualTo("duplicate");
    assertThat(opened.malformed()).isZero();
    String described =
        "record "
            + (damaged + 1)
            + " at byte offset "
            + at
            + ": record length 4294967291 (-5 as a signed number) is impossible (at most 65540);"
            + " skipped "
            + length
            + " bytes, went on at byte offset "
            + records.get(damaged + 1);
    assertThat(opened.damage()).singleElement().satisfies(d -> assertThat(d.describe()).isEqualTo(described));
    assertThat(opened.health()).endsWith("\n1 damaged stretch passed over; first: " + described);
    assertThat(Files.readAllBytes(file)).as("opening changes nothing").isEqualTo(bytes);
    assertThat(Files.readAllBytes(CaptureWriter.sidecarOf(file))).isEqualTo(sidecar);
  }

  @Test
  void aSavedMyoCaptureNamesEveryCharacteristicsServiceAndKeepsTheCommandForAReplay()
      throws Exception {
    List<Notification> myo =
        List.of(
            new Notification(1 * MS, "DE:AD:BE:EF:00:02", MyoUuids.IMU_DATA, 0x1c, new byte[20]),
            new Notification(2 * MS, "DE:AD:BE:EF:00:02", MyoUuids.EMG_DATA_2, 0x31, new byte[16]),
            new Notification(3 * MS, "DE:AD:BE:EF:00:02", MyoUuids.CLASSIFIER_EVENT, 0x23, new byte[] {4}),
            new Notification(4 * MS, "DE:AD:BE:EF:00:02", MyoUuids.BATTERY_LEVEL, 0x13, new byte[] {50}),
            new Notification(5 * MS, "DE:AD:BE:EF:00:02", UUID.fromString("00002a37-0000-1000-8000-00805f9b34fb"), 0x40, new byte[] {1}));
    Path file = dir.resolve("myo.btsnoop");
    SavedCapture.write(file, "DE:AD:BE:EF:00:02", "Myo", "myo", myo);

    CaptureDevice d = CaptureReader.readAll(file).devices().get(0);
    assertThat(d.kind()).isEqualTo("myo");
    assertThat(d.byUuid(MyoUuids.IMU_DATA).orElseThrow().service()).isEqualTo(MyoUuids.IMU_SERVICE);
    assertThat(d.byUuid(MyoUuids.EMG_DATA_2).orElseThrow().handle()).isEqualTo(0x31);
    assertThat(d.byUuid(MyoUuids.EMG_DATA_2).orElseThrow().service()).isEqualTo(MyoUuids.EMG_SERVICE);
    assertThat(d.byUuid(MyoUuids.CLASSIFIER_EVENT).orElseThrow().service())
        .isEqualTo(MyoUuids.CLASSIFIER_SERVICE);
    assertThat(d.byUuid(MyoUuids.BATTERY_LEVEL).orElseThrow().service())
        .isEqualTo(MyoUuids.BATTERY_SERVICE);
    assertThat(d.byUuid(MyoUuids.COMMAND).orElseThrow().service()).isEqualTo(MyoUuids.CONTROL_SERVICE);
    assertThat(d.byUuid(MyoUuids.COMMAND).orElseThrow().has(CharacteristicProperty.WRITE)).isTrue();
    assertThat(d.byUuid(MyoUuids.EMG_DATA_0)).as("not notified, still in the table").isPresent();
    assertThat(d.byUuid(UUID.fromString("00002a37-0000-1000-8000-00805f9b34fb")).orElseThrow().service())
        .isEqualTo(SavedCapture.UNKNOWN_SERVICE);
    assertThat(ReplayFeed.refusal(d)).isEmpty();

    OpenedCapture opened = OpenedCapture.read(file);
    assertThat(opened.rows()).extracting(PacketRow::decoded)
        .element(2).isEqualTo("classifier Unlocked[]");
    assertThat(opened.rows().get(3).decoded()).isEqualTo("battery 50 %");
    assertThat(opened.malformed()).isZero();
    assertThat(opened.health())
        .startsWith("DE:AD:BE:EF:00:02 (Myo, myo): \n  " + MyoUuids.IMU_DATA + ": ")
        .contains("\n  " + MyoUuids.EMG_DATA_2 + ": ");
  }

  @Test
  void theDashboardsKindsMapToCaptureProfiles() {
    assertThat(SavedCapture.profileId("wristband v1 (virtual)")).isEqualTo("wristband-v1");
    assertThat(SavedCapture.profileId("myo (replay)")).isEqualTo("myo");
    assertThat(SavedCapture.profileId("legacy wristband (virtual)")).isEqualTo("legacy");
  }
}
