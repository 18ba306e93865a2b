package org.imucompanion.models.athlete;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.pipeline.PipelineOutput;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.StreamingPipeline;
import org.junit.jupiter.api.Test;

class VirtualAthleteTest {
  private final AthleteTemplates templates = AthleteTemplates.shipped();

  @Test
  void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
    VirtualAthlete a = VirtualAthlete.of(templates, 7, 2);
    VirtualAthlete b = VirtualAthlete.of(templates, 7, 2);
    VirtualAthlete c = VirtualAthlete.of(templates, 8, 2);
    boolean differs = false;
    for (double t = 0; t < 120; t += 0.37) {
      VirtualAthlete.Reading x = a.at(t);
      VirtualAthlete.Reading y = b.at(t);
      assertThat(y.accelG()).containsExactly(x.accelG());
      assertThat(y.gyroRadPerS()).containsExactly(x.gyroRadPerS());
      assertThat(y.emg()).containsExactly(x.emg());
      assertThat(y.truth()).isEqualTo(x.truth());
      differs |= c.at(t).accelG()[0] != x.accelG()[0];
    }
    assertThat(differs).isTrue();
    assertThat(a.sets()).isEqualTo(b.sets());
  }

  @Test
  void aSetsTrueRepetitionCountMatchesThePlan() {
    for (long seed = 1; seed <= 5; seed++) {
      VirtualAthlete athlete = VirtualAthlete.of(templates, seed, 2);
      assertThat(athlete.sets()).hasSize(2 * templates.exercises().size());
      for (int s = 0; s < athlete.sets().size(); s++) {
        VirtualAthlete.PlannedSet set = athlete.sets().get(s);
        assertThat(set.repetitions()).isBetween(2, 10);
        // Walk the set in small steps and count the repetitions the truth reports.
        Set<Integer> reps = new TreeSet<>();
        for (double t = set.startSeconds(); t < set.endSeconds(); t += 0.01) {
          VirtualAthlete.Truth truth = athlete.truthAt(t);
          assertThat(truth.set()).isEqualTo(s);
          if (truth.kind() == VirtualAthlete.Kind.REPETITION) {
            assertThat(truth.label()).isEqualTo(set.exercise());
            reps.add(truth.rep());
          } else {
            assertThat(truth.label()).isEqualTo(VirtualAthlete.REST);
          }
        }
        assertThat(reps).hasSize(set.repetitions());
        assertThat(athlete.truthAt(set.endSeconds() + 0.5).kind())
            .isEqualTo(VirtualAthlete.Kind.REST);
      }
    }
  }

  @Test
  void tempoAmplitudeAndSetSizesVary() {
    VirtualAthlete athlete = VirtualAthlete.of(templates, 3, 3);
    List<Double> durations = new ArrayList<>();
    Set<Integer> setSizes = new TreeSet<>();
    for (VirtualAthlete.PlannedSet s : athlete.sets()) {
      setSizes.add(s.repetitions());
      double previous = s.startSeconds();
      for (double end : s.repetitionEndsSeconds()) {
        durations.add(end - previous);
        previous = end;
      }
    }
    assertThat(setSizes.size()).isGreaterThan(2);
    assertThat(new TreeSet<>(durations).size()).isGreaterThan(durations.size() / 2);
    // The peak gravity excursion of two squat repetitions differs (amplitude and tilt vary).
    List<Double> peaks = new ArrayList<>();
    for (VirtualAthlete.PlannedSet s : athlete.sets()) {
      double start = s.startSeconds();
      for (double end : s.repetitionEndsSeconds()) {
        double peak = 0;
        double[] g0 = athlete.at(start).gravity();
        for (double t = start; t < end; t += 0.02) {
          double[] g = athlete.at(t).gravity();
          double d = Math.acos(Math.max(-1, Math.min(1,
              g[0] * g0[0] + g[1] * g0[1] + g[2] * g0[2])));
          peak = Math.max(peak, d);
        }
        peaks.add(peak);
        start = end;
      }
    }
    double min = peaks.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = peaks.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertThat(max - min).isGreaterThan(0.2);
  }

  @Test
  void readingsArePhysicallyConsistent() {
    VirtualAthlete athlete = VirtualAthlete.of(templates, 11, 1);
    for (double t = 0; t < athlete.roundSeconds(); t += 0.05) {
      VirtualAthlete.Reading r = athlete.at(t);
      double[] g = r.gravity();
      assertThat(Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2])).isCloseTo(1.0,
          org.assertj.core.data.Offset.offset(1e-9));
      for (int d = 0; d < 3; d++) {
        assertThat(r.accelG()[d]).isCloseTo(g[d] + r.linearAccelerationG()[d],
            org.assertj.core.data.Offset.offset(1e-12));
      }
      // The quaternion (sensor to earth) takes the device's up onto the world's z.
      double[] q = r.quaternion();
      double[] up = rotateByQuaternion(q, g);
      assertThat(up[2]).isGreaterThan(0.999999);
      for (int e : r.emg()) {
        assertThat(e).isBetween(-128, 127);
      }
    }
    // The workout repeats after one round.
    assertThat(athlete.at(athlete.roundSeconds() + 12.3).accelG())
        .isNotNull();
    assertThat(athlete.truthAt(athlete.roundSeconds() + 12.3).round()).isEqualTo(1);
  }

  @Test
  void emgIsLouderDuringRepetitionsThanAtRest() {
    VirtualAthlete athlete = VirtualAthlete.of(templates, 5, 1);
    double rest = 0;
    double work = 0;
    int nRest = 0;
    int nWork = 0;
    for (double t = 0; t < athlete.roundSeconds(); t += 0.005) {
      VirtualAthlete.Reading r = athlete.at(t);
      double energy = 0;
      for (int e : r.emg()) {
        energy += e * e;
      }
      if (r.truth().kind() == VirtualAthlete.Kind.REPETITION) {
        work += energy;
        nWork++;
      } else if (r.truth().kind() == VirtualAthlete.Kind.REST) {
        rest += energy;
        nRest++;
      }
    }
    assertThat(work / nWork).isGreaterThan(4 * rest / nRest);
  }

  @Test
  void theOrientationFilterRecoversTheSynthesizedGravity() {
    // The app's own path: raw accelerometer and gyroscope at 50 Hz through the pipeline's
    // Madgwick filter (no low-pass, so the comparison sees only the filter).
    VirtualAthlete athlete = VirtualAthlete.of(templates, 2, 1);
    PipelineSettings settings = PipelineSettings.exermoteDefault().withInputRate(50)
        .withLowPass(0, 1);
    double[] error = new double[2];
    StreamingPipeline pipeline = new StreamingPipeline(settings,
        ChannelLayout.of(Channels.ACCEL_X, Channels.ACCEL_Y, Channels.ACCEL_Z,
            Channels.GYRO_X, Channels.GYRO_Y, Channels.GYRO_Z),
        new PipelineOutput() {
          @Override
          public void onSample(double timeSeconds, double[] values) {
            if (timeSeconds < 5) {
              return;
            }
            double[] g = athlete.at(timeSeconds).gravity();
            double d = 0;
            for (int i = 0; i < 3; i++) {
              d += (values[i] - g[i]) * (values[i] - g[i]);
            }
            error[0] += Math.sqrt(d);
            error[1]++;
          }

          @Override
          public void onWindow(float[] window, double endTimeSeconds) {}

          @Override
          public void onGap(double lastTimeSeconds, double resumeTimeSeconds) {}
        });
    double[] sample = new double[6];
    for (int i = 0; i < athlete.roundSeconds() * 50; i++) {
      double t = i / 50.0;
      VirtualAthlete.Reading r = athlete.at(t);
      r.accelGyroInto(sample);
      pipeline.push(t, sample);
    }
    // With the gyroscope's sign reversed the same measure is about 0.7 g.
    assertThat(error[0] / error[1]).isLessThan(0.15);
  }

  private static double[] rotateByQuaternion(double[] q, double[] v) {
    double w = q[0];
    double x = q[1];
    double y = q[2];
    double z = q[3];
    return new double[] {
      (1 - 2 * (y * y + z * z)) * v[0] + 2 * (x * y - w * z) * v[1] + 2 * (x * z + w * y) * v[2],
      2 * (x * y + w * z) * v[0] + (1 - 2 * (x * x + z * z)) * v[1] + 2 * (y * z - w * x) * v[2],
      2 * (x * z - w * y) * v[0] + 2 * (y * z + w * x) * v[1] + (1 - 2 * (x * x + y * y)) * v[2]
    };
  }
}
