package org.imucompanion.models.reps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.imucompanion.models.Channels;
import org.junit.jupiter.api.Test;

class RepProfilesTest {
  @Test
  void bundledTableCoversTheDatasetsExercises() {
    RepProfiles p = RepProfiles.defaults();
    assertThat(p.exercises()).contains("Burpee", "Squat", "Situp", "Pushup", "Lunge", "Jumping");
    RepProfile squat = p.forExercise("Squat").orElseThrow();
    assertThat(squat.signal()).isEqualTo(Channels.GRAVITY);
    assertThat(squat.minPeriodSeconds()).isEqualTo(1.0);
    assertThat(squat.maxPeriodSeconds()).isEqualTo(6.0);
    assertThat(p.forExercise("Rest")).isEmpty();
    assertThat(p.forExercise("setBreak")).isEmpty();
  }

  @Test
  void modelMetadataOverridesSettingsAndAddsExercises() {
    RepProfiles p = RepProfiles.defaults().withOverrides(Map.of(
        "imu.reps.Squat.max_period_s", "9.5",
        "imu.reps.Squat.signal", "gyro",
        "imu.reps.KettlebellSwing.signal", "lin_acc_x,lin_acc_y",
        "imu.reps.KettlebellSwing.min_period_s", "0.8",
        "imu.reps.KettlebellSwing.max_period_s", "3",
        "imu.reps.KettlebellSwing.min_amplitude", "0.4",
        "imu.reps.KettlebellSwing.hysteresis", "0.25",
        "imu.classes", "Squat,KettlebellSwing,Rest"));
    RepProfile squat = p.forExercise("Squat").orElseThrow();
    assertThat(squat.maxPeriodSeconds()).isEqualTo(9.5);
    assertThat(squat.minPeriodSeconds()).isEqualTo(1.0);
    assertThat(squat.signal()).isEqualTo(Channels.GYRO);
    assertThat(p.forExercise("KettlebellSwing").orElseThrow().signal())
        .containsExactly("lin_acc_x", "lin_acc_y");
    assertThat(RepProfiles.defaults().forExercise("Squat").orElseThrow().maxPeriodSeconds())
        .isEqualTo(6.0);
  }

  @Test
  void badOverridesAreRefusedWithTheKey() {
    RepProfiles d = RepProfiles.defaults();
    assertThatThrownBy(() -> d.withOverrides(Map.of("imu.reps.Squat.tempo", "3")))
        .hasMessageContaining("imu.reps.Squat.tempo");
    assertThatThrownBy(() -> d.withOverrides(Map.of("imu.reps.Squat.min_period_s", "fast")))
        .hasMessageContaining("imu.reps.Squat.min_period_s");
    assertThatThrownBy(() -> d.withOverrides(Map.of("imu.reps.Squat.min_period_s", "7")))
        .hasMessageContaining("tempo range");
    assertThatThrownBy(() -> d.withOverrides(Map.of("imu.reps.Plank.signal", "gravity")))
        .hasMessageContaining("imu.reps.Plank.min_period_s");
    assertThatThrownBy(() -> d.withOverrides(Map.of("imu.reps.Squat.signal", "gravity_q")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
