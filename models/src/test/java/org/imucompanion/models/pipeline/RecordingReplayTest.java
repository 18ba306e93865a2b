package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.WindowClassifier;
import org.imucompanion.models.dataset.ExermoteReader;
import org.junit.jupiter.api.Test;

class RecordingReplayTest {
  /** Says "Squat" when the window's last gyro_z is positive, else "Rest". */
  static final class LastGyroSign implements WindowClassifier {
    final List<String> channels;
    final int length;

    LastGyroSign(List<String> channels, int length) {
      this.channels = channels;
      this.length = length;
    }

    @Override
    public List<String> classes() {
      return List.of("Squat", "Rest");
    }

    @Override
    public List<String> channels() {
      return channels;
    }

    @Override
    public int windowLength() {
      return length;
    }

    @Override
    public void classify(float[] window, float[] p) {
      int gz = channels.indexOf(Channels.GYRO_Z);
      float last = window[(length - 1) * channels.size() + gz];
      p[0] = last > 0 ? 0.9f : 0.1f;
      p[1] = 1 - p[0];
    }
  }

  static Recording alternating() {
    Recording.Builder b = Recording.builder("1", "s", "t", ExermoteReader.LAYOUT);
    double[] v = new double[12];
    for (int i = 0; i < 300; i++) {
      boolean squat = (i / 50) % 2 == 1;
      v[5] = 1;
      v[11] = squat ? 2 : -2;
      b.add(i * 0.1, v, squat ? "Squat" : "setBreak",
          squat ? RepPhase.FIRST_HALF : RepPhase.NONE);
    }
    return b.build();
  }

  @Test
  void classifiesEveryWindowWithTheTruthAtItsLastStep() {
    PipelineSettings s = PipelineSettings.exermoteDefault();
    Recording r = alternating();
    List<RecordingReplay.ClassifiedWindow> out = RecordingReplay.classify(r,
        r.layout().names(), s, new LastGyroSign(s.channels(), s.window()));
    assertThat(out).hasSize((300 - 40) / 5 + 1);
    for (RecordingReplay.ClassifiedWindow w : out) {
      boolean squat = w.trueLabel().equals("Squat");
      assertThat(w.predicted()).isEqualTo(squat ? 0 : 1);
      assertThat(w.phase()).isEqualTo(squat ? RepPhase.FIRST_HALF : RepPhase.NONE);
      int lastSample = (int) Math.round(w.endTimeSeconds() * 10);
      assertThat(squat).isEqualTo((lastSample / 50) % 2 == 1);
    }
  }

  @Test
  void reportsEverySampleWithItsTruth() {
    Recording r = alternating();
    int[] counts = new int[2];
    RecordingReplay.replay(r, r.layout().names(), PipelineSettings.exermoteDefault(),
        new RecordingReplay.WindowListener() {
          @Override
          public void onWindow(float[] w, double end, String label, RepPhase phase) {
            counts[1]++;
          }

          @Override
          public void onSample(double t, double[] v, String label, RepPhase phase) {
            int sample = (int) Math.round(t * 10);
            assertThat(label).isEqualTo((sample / 50) % 2 == 1 ? "Squat" : "setBreak");
            counts[0]++;
          }
        });
    assertThat(counts[0]).isEqualTo(300);
    assertThat(counts[1]).isEqualTo(53);
  }

  @Test
  void refusesAClassifierWithAnotherContract() {
    PipelineSettings s = PipelineSettings.exermoteDefault();
    Recording r = alternating();
    assertThatThrownBy(() -> RecordingReplay.classify(r, r.layout().names(), s,
        new LastGyroSign(s.channels(), 20)))
        .hasMessageContaining("the classifier wants 20 x");
  }
}
