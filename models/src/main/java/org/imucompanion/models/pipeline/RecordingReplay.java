package org.imucompanion.models.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.WindowClassifier;

/**
 * Replays a {@link Recording} through a {@link StreamingPipeline} sample by sample, exactly as a
 * live device would feed it, as fast as the CPU allows. Tells the caller, for every window, the
 * recording's label and repetition phase at the window's last step, so evaluation compares like
 * with like. A {@link #classify} variant runs a {@link WindowClassifier} on each window.
 */
public final class RecordingReplay {
  /** Receives each window with the ground truth at its last step. */
  @FunctionalInterface
  public interface WindowListener {
    /**
     * One window.
     *
     * @param window time-major floats (reused: copy what you keep)
     * @param endTimeSeconds time of the last step
     * @param label the recording's label at the last step (dataset spelling)
     * @param phase the repetition phase at the last step
     */
    void onWindow(float[] window, double endTimeSeconds, String label, RepPhase phase);

    /**
     * One resampled sample with the truth at its time (for the rep counter and its
     * evaluation). Does nothing unless overridden.
     *
     * @param timeSeconds grid time
     * @param values one value per requested channel (reused: copy what you keep)
     * @param label the recording's label at that time
     * @param phase the repetition phase at that time
     */
    default void onSample(double timeSeconds, double[] values, String label, RepPhase phase) {}
  }

  /**
   * One classified window.
   *
   * @param endTimeSeconds time of the window's last step
   * @param trueLabel the recording's label there (dataset spelling)
   * @param phase the repetition phase there
   * @param probabilities the classifier's output, in its class order
   */
  public record ClassifiedWindow(
      double endTimeSeconds, String trueLabel, RepPhase phase, float[] probabilities) {
    /** Copies the probabilities. */
    public ClassifiedWindow {
      probabilities = probabilities.clone();
    }

    /**
     * Index of the most probable class.
     *
     * @return the arg-max
     */
    public int predicted() {
      int best = 0;
      for (int i = 1; i < probabilities.length; i++) {
        if (probabilities[i] > probabilities[best]) {
          best = i;
        }
      }
      return best;
    }
  }

  private RecordingReplay() {}

  /**
   * Replays a recording.
   *
   * @param recording the recording
   * @param deviceChannels which of its channels the "device" sends (e.g. only accel and gyro,
   *     to exercise the orientation filter); all must be in the recording
   * @param settings pipeline settings; their input rate is used as given
   * @param listener receives every window
   * @return the pipeline after the replay, for its counters
   * @throws IllegalArgumentException if a device channel is not in the recording or the
   *     pipeline cannot produce the requested channels
   */
  public static StreamingPipeline replay(Recording recording, List<String> deviceChannels,
      PipelineSettings settings, WindowListener listener) {
    Objects.requireNonNull(listener, "listener");
    ChannelLayout device = ChannelLayout.of(deviceChannels);
    int[] source = new int[device.size()];
    for (int i = 0; i < source.length; i++) {
      source[i] = recording.layout().require(device.name(i));
    }
    int[] current = new int[1];
    StreamingPipeline pipeline = new StreamingPipeline(settings, device, new PipelineOutput() {
      // Grid points emitted while sample i is pushed lie in (time(i-1), time(i)]: the truth at
      // a grid time is that of the latest input sample at or before it.
      private int truthAt(double t) {
        int i = current[0];
        return t >= recording.time(i) || i == 0 ? i : i - 1;
      }

      @Override
      public void onSample(double t, double[] values) {
        int at = truthAt(t);
        listener.onSample(t, values, recording.labelName(at), recording.phase(at));
      }

      @Override
      public void onWindow(float[] window, double end) {
        int at = truthAt(end);
        listener.onWindow(window, end, recording.labelName(at), recording.phase(at));
      }
    });
    double[] values = new double[source.length];
    for (int i = 0; i < recording.size(); i++) {
      for (int k = 0; k < source.length; k++) {
        values[k] = recording.value(source[k], i);
      }
      current[0] = i;
      pipeline.push(recording.time(i), values);
    }
    return pipeline;
  }

  /**
   * Replays a recording through the pipeline and a classifier.
   *
   * @param recording the recording
   * @param deviceChannels the channels the "device" sends
   * @param settings pipeline settings (channels and window must match the classifier's)
   * @param classifier the classifier
   * @return one entry per window, in time order
   * @throws IllegalArgumentException if the settings disagree with the classifier's channels or
   *     window length
   */
  public static List<ClassifiedWindow> classify(Recording recording, List<String> deviceChannels,
      PipelineSettings settings, WindowClassifier classifier) {
    if (!settings.channels().equals(classifier.channels())
        || settings.window() != classifier.windowLength()) {
      throw new IllegalArgumentException("pipeline makes windows of " + settings.window() + " x "
          + settings.channels() + ", the classifier wants " + classifier.windowLength() + " x "
          + classifier.channels());
    }
    List<ClassifiedWindow> out = new ArrayList<>();
    float[] p = new float[classifier.classes().size()];
    replay(recording, deviceChannels, settings, (window, end, label, phase) -> {
      classifier.classify(window, p);
      out.add(new ClassifiedWindow(end, label, phase, p));
    });
    return out;
  }
}
