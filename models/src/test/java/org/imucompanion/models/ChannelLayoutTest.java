package org.imucompanion.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChannelLayoutTest {
  @Test
  void looksUpIndicesInOrder() {
    ChannelLayout layout = ChannelLayout.of(Channels.DEFAULT_MODEL_INPUTS);
    assertThat(layout.size()).isEqualTo(9);
    assertThat(layout.require(Channels.GRAVITY_X)).isZero();
    assertThat(layout.require(Channels.GYRO_Z)).isEqualTo(8);
    assertThat(layout.indexOf(Channels.MAG_X)).isEmpty();
    assertThat(layout.containsAll(Channels.LIN_ACC)).isTrue();
  }

  @Test
  void refusesDuplicatesAndNamesMissingChannel() {
    assertThatThrownBy(() -> ChannelLayout.of("gyro_x", "gyro_x"))
        .hasMessageContaining("duplicate channel name: gyro_x");
    assertThatThrownBy(() -> ChannelLayout.of("gyro_x").require("emg_3"))
        .hasMessageContaining("emg_3");
  }

  @Test
  void canonicalNamesIncludeEmg() {
    assertThat(Channels.EMG).hasSize(8).startsWith("emg_0").endsWith("emg_7");
    assertThat(Channels.isCanonical("quat_w")).isTrue();
    assertThat(Channels.isCanonical("accel")).isFalse();
    assertThat(Channels.ALL).hasSize(3 * 5 + 4 + 8);
  }
}
