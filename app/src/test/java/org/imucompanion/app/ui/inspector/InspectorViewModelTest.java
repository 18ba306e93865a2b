package org.imucompanion.app.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.LiveDevice;
import org.imucompanion.ble.Notification;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyUuids;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.myo.MyoUuids;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.imucompanion.protocol.wristband.WristbandUuids;
import org.junit.jupiter.api.Test;

/** The Inspector's state, without a stage: good and malformed packets, pause, filter. */
class InspectorViewModelTest {
  private static final long MS = 1_000_000L;

  private final LiveDevice device =
      new LiveDevice("Band", "wristband v1", new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 10), () -> {});
  private final InspectorViewModel viewModel = new InspectorViewModel();

  static Notification packet(int sequence, long hostNanos) {
    byte[] bytes =
        WristbandCodec.encode(
            new WristbandDataPacket(
                sequence,
                1_000L * sequence,
                false,
                false,
                List.of(new WristbandSample(new Vector3(0, 0, 1), new Vector3(0.5, 0, 0), Optional.empty()))),
            WristbandConfig.DEFAULT);
    return new Notification(hostNanos, "02:00:00:00:00:01", WristbandUuids.DATA, 0x12, bytes);
  }

  static Notification garbage(long hostNanos) {
    return new Notification(hostNanos, "02:00:00:00:00:01", WristbandUuids.DATA, 0x12, new byte[] {0x7f, 0, 1});
  }

  @Test
  void myoAndLegacyValuesAreDecodedByTheirCharacteristicWithoutSequenceNumbers() {
    String myo = "02:00:00:00:00:02";
    viewModel.deviceProperty().set(device);
    viewModel.refresh(0);
    device.notifications().append(new Notification(10 * MS, myo, MyoUuids.IMU_DATA, 0x1c,
        MyoCodec.encodeImu(new MyoImuPacket(new Quaternion(1, 0, 0, 0), new Vector3(0, 0, 1),
            new Vector3(0.5, 0, 0)))));
    device.notifications().append(new Notification(20 * MS, myo, MyoUuids.EMG_DATA_2, 0x2b,
        MyoCodec.encodeEmg(new MyoEmgPacket(new EmgSample(1, -2, 3, -4, 5, -6, 7, -8),
            new EmgSample(0, 0, 0, 0, 0, 0, 0, 127)))));
    device.notifications().append(new Notification(30 * MS, myo, MyoUuids.EMG_DATA_0, 0x23,
        new byte[] {1, 2, 3}));
    device.notifications().append(new Notification(40 * MS, "02:00:00:00:00:03", LegacyUuids.DATA,
        0x0e, LegacyCodec.encode(new LegacyWristbandPacket(new Vector3(0, 0, 1),
            new Vector3(0, 0, 0), new Vector3(20, 0, -44)))));
    device.notifications().append(new Notification(50 * MS, myo, MyoUuids.BATTERY_LEVEL, 0x11,
        new byte[] {80}));

    viewModel.refresh(100 * MS);

    List<PacketRow> rows = viewModel.rows();
    assertThat(rows).extracting(PacketRow::sequence).containsOnly("");
    assertThat(rows).extracting(PacketRow::sequenceNote).containsOnly("");
    assertThat(rows.get(0).decoded())
        .isEqualTo("q (+1.000 +0.000 +0.000 +0.000)  a (+0.00 +0.00 +1.00) g  ω (+0.50 +0.00 +0.00)");
    assertThat(rows.get(1).decoded()).isEqualTo("emg [1 -2 3 -4 5 -6 7 -8] [0 0 0 0 0 0 0 127]");
    assertThat(rows.get(2).malformed()).isTrue();
    assertThat(rows.get(2).decoded()).startsWith("MALFORMED");
    assertThat(rows.get(3).decoded()).startsWith("a (+0.00 +0.00 +1.00) g").endsWith(" µT");
    assertThat(rows.get(4).malformed()).isFalse();
    assertThat(rows.get(4).decoded()).isEqualTo("battery 80 %");
    assertThat(viewModel.malformedProperty().get()).isEqualTo(1);
  }

  @Test
  void goodPacketsAreDecodedAndMalformedOnesShownWithTheirReason() {
    viewModel.deviceProperty().set(device);
    viewModel.refresh(0);
    device.notifications().append(packet(7, 20 * MS));
    device.notifications().append(garbage(40 * MS));
    device.notifications().append(packet(8, 60 * MS));

    viewModel.refresh(100 * MS);

    assertThat(viewModel.rows()).hasSize(3);
    PacketRow good = viewModel.rows().get(0);
    assertThat(good.sequence()).isEqualTo("7");
    assertThat(good.hostMillis()).as("times count from the first packet shown").isEqualTo("0.0");
    assertThat(viewModel.rows().get(2).hostMillis()).isEqualTo("40.0");
    assertThat(good.decoded()).startsWith("t 7000 µs  a (+0.00 +0.00 +1.00) g  ω (+0.50 +0.00 +0.00)");
    PacketRow bad = viewModel.rows().get(1);
    assertThat(bad.malformed()).isTrue();
    assertThat(bad.hex()).isEqualTo("7f 00 01");
    assertThat(bad.decoded()).startsWith("MALFORMED BAD_VERSION at byte 0");
    assertThat(viewModel.malformedProperty().get()).isEqualTo(1);
  }

  @Test
  void malformedOnlyKeepsJustTheBadOnesButCountsAll() {
    viewModel.deviceProperty().set(device);
    viewModel.malformedOnlyProperty().set(true);
    viewModel.refresh(0);
    device.notifications().append(packet(1, MS));
    device.notifications().append(garbage(2 * MS));

    viewModel.refresh(3 * MS);

    assertThat(viewModel.rows()).extracting(PacketRow::malformed).containsExactly(true);
  }

  @Test
  void pausedTakesNothingAndResumingSaysHowManyWereOverwritten() {
    viewModel.deviceProperty().set(device);
    viewModel.refresh(0);
    viewModel.pausedProperty().set(true);
    for (int i = 0; i < 5_000; i++) { // more than the device's log keeps
      device.notifications().append(packet(i & 0xffff, i * MS));
    }
    viewModel.refresh(1);
    assertThat(viewModel.rows()).isEmpty();

    viewModel.pausedProperty().set(false);
    viewModel.refresh(2);

    assertThat(viewModel.missedProperty().get()).isEqualTo(5_000 - 4_096);
    assertThat(viewModel.rows()).hasSize(InspectorViewModel.MAX_ROWS);
    assertThat(viewModel.rows().get(viewModel.rows().size() - 1).sequence()).isEqualTo("4999");
  }

  @Test
  void aSequenceGapIsFlaggedOnThePacketAfterItWithHowManyWereLost() {
    viewModel.deviceProperty().set(device);
    viewModel.refresh(0);
    device.notifications().append(packet(10, MS));
    device.notifications().append(packet(11, 2 * MS));
    device.notifications().append(packet(15, 3 * MS));
    device.notifications().append(packet(15, 4 * MS));

    viewModel.refresh(5 * MS);

    assertThat(viewModel.rows())
        .extracting(PacketRow::sequenceNote)
        .containsExactly("", "", "gap: 3 lost", "duplicate");
    assertThat(viewModel.irregularProperty().get()).isEqualTo(2);
    PacketRow first = viewModel.rows().get(0);
    assertThat(first.device()).isEqualTo("02:00:00:00:00:01");
    assertThat(first.characteristic()).isEqualTo(WristbandUuids.DATA.toString().substring(0, 8));
  }

  @Test
  void theCharacteristicFilterShowsOnlyMatchingPacketsButGapsAreStillFollowed() {
    viewModel.deviceProperty().set(device);
    viewModel.refresh(0);
    viewModel.characteristicFilterProperty().set("FFFF");
    device.notifications().append(packet(1, MS));
    viewModel.refresh(2 * MS);
    assertThat(viewModel.rows()).isEmpty();

    viewModel.characteristicFilterProperty().set(WristbandUuids.DATA.toString().substring(0, 8).toUpperCase());
    device.notifications().append(packet(3, 3 * MS));
    viewModel.refresh(4 * MS);

    assertThat(viewModel.rows()).extracting(PacketRow::sequenceNote).containsExactly("gap: 1 lost");
  }

  @Test
  void asciiShowsPrintableBytesAndDotsForTheRest() {
    assertThat(InspectorViewModel.ascii(new byte[] {'v', '1', '.', '2', 0, (byte) 0xff, 0x7f}))
        .isEqualTo("v1.2...");
  }
}
