package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.junit.jupiter.api.Test;

class StreamingPipelineTest {
  static final ChannelLayout WRISTBAND =
      ChannelLayout.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z");

  /** Collects windows with their end times (copies, since the pipeline reuses arrays). */
  static final class Collector implements PipelineOutput {
    final List<float[]> windows = new ArrayList<>();
    final List<Double> ends = new ArrayList<>();
    final List<double[]> gaps = new ArrayList<>();
    int samples;

    @Override
    public void onSample(double t, double[] values) {
      samples++;
    }

    @Override
    public void onWindow(float[] window, double end) {
      windows.add(window.clone());
      ends.add(end);
    }

    @Override
    public void onGap(double last, double resume) {
      gaps.add(new double[] {last, resume});
    }
  }

  /** A tilted, slightly shaking wristband at 50 Hz with jittery time stamps. */
  static void feedTiltedWristband(StreamingPipeline p, double start, int n, Random random) {
    double tilt = Math.toRadians(30);
    double t = start;
    double[] v = new double[6];
    for (int i = 0; i < n; i++) {
      double shake = 0.05 * Math.sin(2 * Math.PI * 1.0 * t);
      v[0] = 0;
      v[1] = Math.sin(tilt);
      v[2] = Math.cos(tilt) + shake;
      p.push(t, v);
      t += 0.02 + 0.004 * (random.nextDouble() - 0.5);
    }
  }

  @Test
  void wristbandAt50HzBecomesDefaultModelWindowsAt10Hz() {
    PipelineSettings s = PipelineSettings.exermoteDefault().withInputRate(50);
    Collector out = new Collector();
    StreamingPipeline p = new StreamingPipeline(s, WRISTBAND, out);
    feedTiltedWristband(p, 100.0, 50 * 20, new Random(3));
    // ~20 s at 10 Hz = ~200 samples; first window after 40, then every 5.
    assertThat(out.samples).isBetween(198, 201);
    assertThat(out.windows).hasSize((out.samples - 40) / 5 + 1);
    float[] last = out.windows.get(out.windows.size() - 1);
    int c = 9;
    assertThat(last).hasSize(40 * c);
    for (int t = 0; t < 40; t++) {
      assertThat((double) last[t * c]).isCloseTo(0, within(1e-3));            // gravity_x
      // The 0.05 g shake along z without rotation tilts the measured direction by about 1.5°,
      // which the filter (rightly, with a gyro reading zero) only partly follows.
      assertThat((double) last[t * c + 1]).isCloseTo(0.5, within(0.03));      // gravity_y
      assertThat((double) last[t * c + 2]).isCloseTo(Math.cos(Math.toRadians(30)), within(0.03));
      assertThat((double) last[t * c + 8]).isCloseTo(0, within(1e-6));        // gyro_z
    }
    double prevEnd = out.ends.get(0);
    for (int i = 1; i < out.ends.size(); i++) {
      assertThat(out.ends.get(i) - prevEnd).isCloseTo(0.5, within(1e-9));
      prevEnd = out.ends.get(i);
    }
  }

  @Test
  void resetAndRefeedGivesIdenticalWindows() {
    PipelineSettings s = PipelineSettings.exermoteDefault().withInputRate(50);
    Collector first = new Collector();
    StreamingPipeline p = new StreamingPipeline(s, WRISTBAND, first);
    feedTiltedWristband(p, 0.0, 1000, new Random(9));
    List<float[]> firstWindows = new ArrayList<>(first.windows);
    first.windows.clear();
    p.reset();
    feedTiltedWristband(p, 0.0, 1000, new Random(9));
    assertThat(first.windows).hasSameSizeAs(firstWindows);
    for (int i = 0; i < firstWindows.size(); i++) {
      assertThat(first.windows.get(i)).containsExactly(firstWindows.get(i));
    }
  }

  @Test
  void noWindowSpansAGap() {
    PipelineSettings s = PipelineSettings.exermoteDefault().withInputRate(50);
    Collector out = new Collector();
    StreamingPipeline p = new StreamingPipeline(s, WRISTBAND, out);
    Random random = new Random(5);
    feedTiltedWristband(p, 0.0, 300, random);
    int before = out.windows.size();
    feedTiltedWristband(p, 10.0, 300, random);
    assertThat(p.gaps()).isEqualTo(1);
    assertThat(out.gaps).hasSize(1);
    double resume = out.gaps.get(0)[1];
    assertThat(resume).isEqualTo(10.0);
    for (int i = before; i < out.windows.size(); i++) {
      double windowStart = out.ends.get(i) - (s.window() - 1) / s.targetRateHz();
      assertThat(windowStart).isGreaterThanOrEqualTo(resume - 1e-9);
    }
    assertThat(out.windows.size()).isGreaterThan(before);
  }

  @Test
  void refusesAModelNeedingChannelsTheDeviceCannotSupply() {
    ChannelLayout emgOnly = ChannelLayout.of(Channels.EMG);
    assertThatThrownBy(() -> new StreamingPipeline(PipelineSettings.exermoteDefault(), emgOnly,
        (w, t) -> { })).hasMessageContaining("cannot produce gravity_x");
  }

  @Test
  void emgBecomesAnEnvelope() {
    PipelineSettings s = new PipelineSettings(200, 50, 0, 4, 20, 90, 2, 5, 0.1, 0.5, 50, 50,
        List.of(Channels.emg(0)));
    List<Double> values = new ArrayList<>();
    StreamingPipeline p = new StreamingPipeline(s, ChannelLayout.of(Channels.EMG),
        new PipelineOutput() {
          @Override
          public void onSample(double t, double[] v) {
            values.add(v[0]);
          }

          @Override
          public void onWindow(float[] window, double end) {}
        });
    Random random = new Random(11);
    double[] v = new double[8];
    for (int i = 0; i < 2000; i++) {
      double t = i / 200.0;
      // Bursts of 50 Hz muscle activity in the second half of every 2 s.
      double active = (t % 2.0) >= 1.0 ? 1 : 0;
      v[0] = active * 60 * Math.sin(2 * Math.PI * 50 * t) + 2 * random.nextGaussian();
      p.push(t, v);
    }
    // Envelope well up late in an active second, low late in a quiet one (values at 50 Hz).
    double activeLevel = values.get(50 * 9 + 40);
    double quietLevel = values.get(50 * 8 + 40);
    assertThat(activeLevel).isGreaterThan(25);
    assertThat(quietLevel).isLessThan(5);
  }

  @Test
  void steadyStateAllocatesNothingPerSample() {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    PipelineSettings s = PipelineSettings.exermoteDefault().withInputRate(50);
    StreamingPipeline p = new StreamingPipeline(s, WRISTBAND, (w, t) -> { });
    double[] v = {0.1, 0.2, 0.97, 0.01, 0.02, 0.03};
    for (int i = 0; i < 20_000; i++) {
      p.push(i * 0.02, v);
    }
    long tid = Thread.currentThread().getId();
    long before = bean.getThreadAllocatedBytes(tid);
    for (int i = 20_000; i < 220_000; i++) {
      v[2] = 0.97 + 0.01 * (i & 7);
      p.push(i * 0.02, v);
    }
    long allocated = bean.getThreadAllocatedBytes(tid) - before;
    // 200,000 samples: even 8 bytes per sample would be 1.6 MB. Allow for the measurement itself.
    assertThat(allocated).isLessThan(64 * 1024);
    assertThat(p.windows()).isGreaterThan(7000);
  }
}
