package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.imucompanion.models.Channels;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
  @Test
  void defaultRoundTripsThroughMetadataAndKeyValueStrings() {
    PipelineSettings s = PipelineSettings.exermoteDefault();
    assertThat(s.toMetadata().keySet()).containsExactlyElementsOf(PipelineSettings.KEYS);
    assertThat(PipelineSettings.fromMetadata(s.toMetadata())).isEqualTo(s);
    assertThat(PipelineSettings.fromKeyValueStrings(s.toKeyValueStrings())).isEqualTo(s);
    assertThat(s.toMetadata()).containsEntry("channels",
        "gravity_x,gravity_y,gravity_z,lin_acc_x,lin_acc_y,lin_acc_z,gyro_x,gyro_y,gyro_z");
  }

  @Property
  void anyValidSettingsRoundTripExactly(
      @ForAll @DoubleRange(min = 5, max = 500) double input,
      @ForAll @DoubleRange(min = 5, max = 100) double target,
      @ForAll @DoubleRange(min = 0.01, max = 0.49) double share,
      @ForAll @IntRange(min = 1, max = 8) int order,
      @ForAll @IntRange(min = 1, max = 400) int window,
      @ForAll @IntRange(min = 1, max = 50) int hop) {
    PipelineSettings s = new PipelineSettings(input, target, share * Math.min(input, target),
        order, 20, 90, 2, 5, 0.05, 0.3, window, hop, List.of(Channels.emg(3), Channels.QUAT_W));
    assertThat(PipelineSettings.fromMetadata(s.toMetadata())).isEqualTo(s);
  }

  @Test
  void missingOrBadKeysAreNamed() {
    Map<String, String> m = new HashMap<>(PipelineSettings.exermoteDefault().toMetadata());
    m.remove("gap_limit_s");
    assertThatThrownBy(() -> PipelineSettings.fromMetadata(m))
        .hasMessageContaining("'gap_limit_s' is missing");
    m.put("gap_limit_s", "soon");
    assertThatThrownBy(() -> PipelineSettings.fromMetadata(m))
        .hasMessageContaining("'gap_limit_s' is not a number: 'soon'");
    m.put("gap_limit_s", "0.5");
    m.put("channels", "gravity_x,accelerometer");
    assertThatThrownBy(() -> PipelineSettings.fromMetadata(m))
        .hasMessageContaining("unknown channel 'accelerometer'");
    m.put("channels", "gyro_x");
    m.put("format_version", "2");
    assertThatThrownBy(() -> PipelineSettings.fromMetadata(m))
        .hasMessageContaining("format_version 2 is not supported");
  }

  @Test
  void lowPassMustBeBelowBothNyquists() {
    assertThatThrownBy(() -> new PipelineSettings(50, 10, 6, 4, 20, 90, 2, 5, 0.1, 0.5, 40, 5,
        Channels.GYRO)).hasMessageContaining("low_pass_hz 6.0");
    assertThat(PipelineSettings.exermoteDefault().withInputRate(50).downsamples()).isTrue();
  }
}
