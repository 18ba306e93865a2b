package org.imucompanion.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.imucompanion.app.buffer.SampleRingBuffer;
import org.imucompanion.app.workspace.LiveDevice;
import org.junit.jupiter.api.Test;

/**
 * The Live view's several-athlete state, without a stage: one panel per device, a compact grid
 * once there are several, athlete names in the panel titles, EMG only for devices that have it.
 */
class LiveGridTest {
  private static final long MS = 1_000_000L;

  private static LiveDevice wristband(String name) {
    return new LiveDevice(
        name,
        "wristband v1",
        new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 100),
        () -> {});
  }

  private static LiveDevice myo(String name) {
    return new LiveDevice(
        name,
        "myo",
        new SampleRingBuffer(LiveDevice.IMU_CHANNELS, 100),
        Optional.of(new SampleRingBuffer(LiveDevice.EMG_CHANNELS, 400)),
        () -> {});
  }

  @Test
  void columnsGrowWithTheDeviceCount() {
    assertThat(LiveViewModel.columnsFor(0)).isEqualTo(1);
    assertThat(LiveViewModel.columnsFor(1)).isEqualTo(1);
    assertThat(LiveViewModel.columnsFor(2)).isEqualTo(2);
    assertThat(LiveViewModel.columnsFor(4)).isEqualTo(2);
    assertThat(LiveViewModel.columnsFor(5)).isEqualTo(3);
    assertThat(LiveViewModel.columnsFor(9)).isEqualTo(3);
  }

  @Test
  void theGridTurnsCompactWithASecondDeviceAndBackWhenItLeaves() {
    ObservableList<LiveDevice> devices = FXCollections.observableArrayList();
    LiveViewModel viewModel = new LiveViewModel();
    viewModel.follow(devices);
    assertThat(viewModel.panels()).isEmpty();
    assertThat(viewModel.compactProperty().get()).isFalse();

    LiveDevice a = wristband("Band A");
    devices.add(a);
    assertThat(viewModel.panels()).extracting(DevicePanelModel::device).containsExactly(a);
    assertThat(viewModel.compactProperty().get()).isFalse();
    assertThat(viewModel.columnsProperty().get()).isEqualTo(1);

    LiveDevice b = myo("Myo B");
    devices.add(b);
    assertThat(viewModel.panels()).extracting(DevicePanelModel::device).containsExactly(a, b);
    assertThat(viewModel.compactProperty().get()).isTrue();
    assertThat(viewModel.columnsProperty().get()).isEqualTo(2);

    devices.addAll(wristband("C"), wristband("D"), wristband("E"));
    assertThat(viewModel.columnsProperty().get()).isEqualTo(3);

    devices.remove(b);
    devices.remove(2, 4);
    assertThat(viewModel.panels()).hasSize(2);
    devices.remove(a);
    assertThat(viewModel.panels()).hasSize(1);
    assertThat(viewModel.compactProperty().get()).isFalse();
  }

  @Test
  void aPanelIsTitledWithItsAthleteOnceNamed() {
    LiveDevice a = wristband("Band A");
    DevicePanelModel panel = new DevicePanelModel(a);
    assertThat(panel.titleProperty().get()).isEqualTo("Band A");

    a.nameAthlete("  Ada ");
    panel.refresh(0, (d, s, n) -> {});
    assertThat(panel.titleProperty().get()).isEqualTo("Ada — Band A");
    assertThat(panel.exerciseProperty().get()).isEqualTo("No model loaded");

    a.nameAthlete("");
    panel.refresh(0, (d, s, n) -> {});
    assertThat(panel.titleProperty().get()).isEqualTo("Band A");
  }

  @Test
  void onlyADeviceWithEmgGivesEmgFramesAndOnlyWhenNew() {
    LiveDevice band = wristband("Band");
    LiveDevice armband = myo("Myo");
    DevicePanelModel bandPanel = new DevicePanelModel(band);
    DevicePanelModel myoPanel = new DevicePanelModel(armband);
    assertThat(bandPanel.hasEmg()).isFalse();
    assertThat(myoPanel.hasEmg()).isTrue();
    assertThat(bandPanel.pullEmg(10_000 * MS)).isEmpty();

    SampleRingBuffer emg = armband.emgSamples().orElseThrow();
    for (int i = 0; i < 40; i++) {
      emg.append(i * 5 * MS, i, -i, 0, 1, 2, 3, 4, 5);
    }
    var frame = myoPanel.pullEmg(10_000 * MS).orElseThrow();
    assertThat(frame.count()).isEqualTo(40);
    assertThat(frame.channels()).isEqualTo(LiveDevice.EMG_CHANNELS);
    assertThat(frame.channel("emg 2")[39]).isEqualTo(-39);
    assertThat(myoPanel.pullEmg(10_000 * MS)).as("nothing new").isEmpty();
    emg.append(200 * MS, 1, 1, 1, 1, 1, 1, 1, 1);
    assertThat(myoPanel.pullEmg(10_000 * MS)).isPresent();
    assertThat(List.of(bandPanel, myoPanel)).extracting(DevicePanelModel::hasEmg).containsExactly(false, true);
  }
}
