package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.junit.jupiter.api.Test;

class ChannelPlanTest {
  static ChannelLayout layout(List<String>... groups) {
    return ChannelLayout.of(Stream.of(groups).flatMap(List::stream).toList());
  }

  @Test
  void sixAxisWristbandSuppliesTheDefaultModelThroughTheOrientationFilter() {
    ChannelLayout wristband = layout(Channels.ACCEL, Channels.GYRO);
    ChannelPlan plan = ChannelPlan.of(wristband, Channels.DEFAULT_MODEL_INPUTS);
    assertThat(plan.usesOrientation()).isTrue();
    assertThat(plan.orientation).isEqualTo(ChannelPlan.Orientation.MADGWICK);
    assertThat(ChannelPlan.producible(wristband))
        .containsAll(Channels.GRAVITY).containsAll(Channels.LIN_ACC).containsAll(Channels.QUAT)
        .doesNotContainAnyElementsOf(Channels.MAG).doesNotContainAnyElementsOf(Channels.EMG);
    assertThat(ChannelPlan.of(layout(Channels.ACCEL, Channels.GYRO, Channels.MAG),
        Channels.GRAVITY).orientation).isEqualTo(ChannelPlan.Orientation.MADGWICK_MAG);
  }

  @Test
  void myoUsesItsOwnQuaternion() {
    ChannelLayout myo = layout(Channels.QUAT, Channels.ACCEL, Channels.GYRO, Channels.EMG);
    ChannelPlan plan = ChannelPlan.of(myo, Channels.DEFAULT_MODEL_INPUTS);
    assertThat(plan.orientation).isEqualTo(ChannelPlan.Orientation.DEVICE);
  }

  @Test
  void phoneRecordingPassesGravityThroughAndRebuildsAccel() {
    ChannelLayout phone = layout(Channels.GRAVITY, Channels.LIN_ACC, Channels.GYRO);
    ChannelPlan plan = ChannelPlan.of(phone, Channels.ACCEL);
    assertThat(plan.accelFromGravityPlusLinAcc).isTrue();
    assertThat(plan.usesOrientation()).isFalse();
    assertThat(ChannelPlan.of(phone, Channels.DEFAULT_MODEL_INPUTS).usesOrientation()).isFalse();
  }

  @Test
  void namesEveryChannelItCannotProduceAndWhy() {
    ChannelLayout accelOnly = layout(Channels.ACCEL);
    assertThat(ChannelPlan.unproducible(accelOnly, Channels.DEFAULT_MODEL_INPUTS))
        .containsExactly("gravity_x", "gravity_y", "gravity_z", "lin_acc_x", "lin_acc_y",
            "lin_acc_z", "gyro_x", "gyro_y", "gyro_z");
    assertThatThrownBy(() -> ChannelPlan.of(accelOnly, List.of("lin_acc_x", "gyro_x", "emg_0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot produce lin_acc_x, gyro_x, emg_0")
        .hasMessageContaining("[accel_x, accel_y, accel_z]")
        .hasMessageContaining("lin_acc_* need accel_x/y/z with gyro_x/y/z")
        .hasMessageContaining("gyro_x must come from the device itself");
  }
}
