package org.imucompanion.models.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;

/**
 * One sample stream's preprocessing, from device samples to model windows: channel derivation
 * (orientation filter, gravity split), causal filters at the input rate (low-pass on motion
 * channels, which doubles as the anti-alias filter when downsampling; band-pass + envelope on
 * EMG), linear resampling to the model's rate, sliding windows.
 *
 * <p>The same object serves live devices, replays and the training export, which is the point:
 * the model sees in use exactly what it saw in training. One instance per stream; not
 * thread-safe; no allocation per sample once constructed. Feed samples with {@link #push}; the
 * {@link PipelineOutput} is called back synchronously.
 */
public final class StreamingPipeline {
  /** Canonical channels in the pipeline's working order. */
  private static final List<String> WORK = Stream.of(Channels.ACCEL, Channels.GYRO, Channels.MAG,
      Channels.GRAVITY, Channels.LIN_ACC, Channels.QUAT, Channels.EMG)
      .flatMap(List::stream).toList();
  private static final int ACC = 0;
  private static final int GYR = 3;
  private static final int MAG = 6;
  private static final int GRA = 9;
  private static final int LIN = 12;
  private static final int QUA = 15;

  /** Anti-alias cut-off as a share of the target rate when downsampling without a low-pass. */
  static final double ANTI_ALIAS_SHARE_OF_TARGET_RATE = 0.4;

  private final PipelineSettings settings;
  private final ChannelPlan plan;
  private final PipelineOutput output;
  private final ChannelLayout outputLayout;
  private final int[] deviceToWork;
  private final int[] requestedToWork;
  private final double[] work = new double[WORK.size()];
  private final double[] selected;
  private final MadgwickFilter orientation;
  private final BiquadCascade motionFilter;
  private final int[] motionChannels;
  private final EmgEnvelope emg;
  private final int[] emgChannels;
  private final LinearResampler resampler;
  private final SlidingWindow window;
  private final float[] windowBuffer;
  private final LinearResampler.Sink resampled = this::onResampled;
  private final double defaultDt;

  private boolean started;
  private double lastTime;
  private long samplesIn;
  private long samplesOut;
  private long windows;
  private long gaps;
  private long outOfOrder;

  /**
   * Builds a pipeline for one stream.
   *
   * @param settings the model's pipeline settings, with {@code inputRateHz} set to this
   *     stream's nominal rate (see {@link PipelineSettings#withInputRate})
   * @param device the channels in the arrays passed to {@link #push}
   * @param output receives samples and windows
   * @throws IllegalArgumentException if a requested channel cannot be produced from the device's
   *     channels (the message names it and what it would need)
   */
  public StreamingPipeline(PipelineSettings settings, ChannelLayout device, PipelineOutput output) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.output = Objects.requireNonNull(output, "output");
    this.plan = ChannelPlan.of(device, settings.channels());
    this.outputLayout = ChannelLayout.of(settings.channels());
    this.defaultDt = 1.0 / settings.inputRateHz();

    deviceToWork = new int[device.size()];
    for (int i = 0; i < device.size(); i++) {
      deviceToWork[i] = WORK.indexOf(device.name(i));
    }
    int c = settings.channels().size();
    requestedToWork = new int[c];
    List<Integer> motion = new ArrayList<>();
    List<Integer> emgList = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      String name = settings.channels().get(i);
      requestedToWork[i] = WORK.indexOf(name);
      if (Channels.EMG.contains(name)) {
        emgList.add(i);
      } else if (!Channels.QUAT.contains(name)) {
        motion.add(i);
      }
    }
    selected = new double[c];
    orientation = plan.usesOrientation() ? new MadgwickFilter(settings.orientationGain()) : null;

    double cutoff = settings.lowPassHz();
    if (cutoff == 0 && settings.downsamples()) {
      cutoff = ANTI_ALIAS_SHARE_OF_TARGET_RATE * settings.targetRateHz();
    }
    motionChannels = motion.stream().mapToInt(Integer::intValue).toArray();
    motionFilter = cutoff > 0 && motionChannels.length > 0
        ? new BiquadCascade(ButterworthDesign.lowPass(settings.lowPassOrder(), cutoff,
            settings.inputRateHz()), motionChannels.length, true)
        : null;
    emgChannels = emgList.stream().mapToInt(Integer::intValue).toArray();
    emg = emgChannels.length > 0
        ? new EmgEnvelope(emgChannels.length, settings.inputRateHz(), settings.emgBandLowHz(),
            settings.emgBandHighHz(), settings.emgBandOrder(), settings.emgEnvelopeHz(),
            settings.lowPassOrder())
        : null;
    resampler = new LinearResampler(c, settings.targetRateHz(), settings.gapLimitSeconds());
    window = new SlidingWindow(settings.window(), settings.hop(), c);
    windowBuffer = new float[settings.window() * c];
  }

  /**
   * Feeds one device sample.
   *
   * @param timeSeconds sample time on the host clock, seconds (stamped by {@link
   *     org.imucompanion.protocol.stream.SampleClock}); a sample not later
   *     than the previous one is ignored and counted
   * @param values one value per device channel, in the device layout's order (read, not kept)
   */
  public void push(double timeSeconds, double[] values) {
    double dt = defaultDt;
    if (started) {
      if (!(timeSeconds > lastTime)) {
        outOfOrder++;
        return;
      }
      dt = timeSeconds - lastTime;
      if (dt > settings.gapLimitSeconds()) {
        gaps++;
        restartStages();
        output.onGap(lastTime, timeSeconds);
        dt = defaultDt;
      }
    }
    started = true;
    lastTime = timeSeconds;
    samplesIn++;

    for (int i = 0; i < deviceToWork.length; i++) {
      if (deviceToWork[i] >= 0) {
        work[deviceToWork[i]] = values[i];
      }
    }
    derive(dt);
    for (int i = 0; i < selected.length; i++) {
      selected[i] = work[requestedToWork[i]];
    }
    if (motionFilter != null) {
      for (int k = 0; k < motionChannels.length; k++) {
        int i = motionChannels[k];
        selected[i] = motionFilter.step(k, selected[i]);
      }
    }
    if (emg != null) {
      for (int k = 0; k < emgChannels.length; k++) {
        int i = emgChannels[k];
        selected[i] = emg.step(k, selected[i]);
      }
    }
    resampler.step(timeSeconds, selected, resampled);
  }

  private void derive(double dt) {
    if (plan.accelFromGravityPlusLinAcc) {
      for (int a = 0; a < 3; a++) {
        work[ACC + a] = work[GRA + a] + work[LIN + a];
      }
    }
    switch (plan.orientation) {
      case MADGWICK -> orientation.update(work[ACC], work[ACC + 1], work[ACC + 2],
          work[GYR], work[GYR + 1], work[GYR + 2], dt);
      case MADGWICK_MAG -> orientation.update(work[ACC], work[ACC + 1], work[ACC + 2],
          work[GYR], work[GYR + 1], work[GYR + 2], work[MAG], work[MAG + 1], work[MAG + 2], dt);
      case DEVICE -> orientation.useDeviceOrientation(work[QUA], work[QUA + 1], work[QUA + 2],
          work[QUA + 3], work[ACC], work[ACC + 1], work[ACC + 2]);
      case NONE -> { }
    }
    for (int a = 0; a < 3; a++) {
      if (plan.gravityFromOrientation) {
        work[GRA + a] = orientation.gravity(a);
      }
      if (plan.linAccFromOrientation) {
        work[LIN + a] = orientation.linearAcceleration(a);
      }
      if (plan.gravityFromAccelMinusLinAcc) {
        work[GRA + a] = work[ACC + a] - work[LIN + a];
      }
      if (plan.linAccFromAccelMinusGravity) {
        work[LIN + a] = work[ACC + a] - work[GRA + a];
      }
    }
    if (plan.quatFromOrientation) {
      for (int k = 0; k < 4; k++) {
        work[QUA + k] = orientation.quaternion(k);
      }
    }
  }

  private void onResampled(double t, double[] values) {
    samplesOut++;
    output.onSample(t, values);
    if (window.push(values)) {
      window.copyTo(windowBuffer, 0);
      windows++;
      output.onWindow(windowBuffer, t);
    }
  }

  private void restartStages() {
    if (orientation != null) {
      orientation.reset();
    }
    if (motionFilter != null) {
      motionFilter.reset();
    }
    if (emg != null) {
      emg.reset();
    }
    resampler.reset();
    window.reset();
  }

  /** Forgets the stream (after a reconnect or between recordings); counters are kept. */
  public void reset() {
    restartStages();
    started = false;
  }

  /**
   * The settings this pipeline runs.
   *
   * @return the settings
   */
  public PipelineSettings settings() {
    return settings;
  }

  /**
   * The channels of {@link PipelineOutput#onSample} values and window rows.
   *
   * @return the model's channels in order
   */
  public ChannelLayout outputLayout() {
    return outputLayout;
  }

  /**
   * How the requested channels are produced from the device's.
   *
   * @return the plan
   */
  public ChannelPlan plan() {
    return plan;
  }

  /**
   * Input samples accepted.
   *
   * @return the count
   */
  public long samplesIn() {
    return samplesIn;
  }

  /**
   * Samples produced at the target rate.
   *
   * @return the count
   */
  public long samplesOut() {
    return samplesOut;
  }

  /**
   * Windows produced.
   *
   * @return the count
   */
  public long windows() {
    return windows;
  }

  /**
   * Gaps longer than the limit (each restarted the stages).
   *
   * @return the count
   */
  public long gaps() {
    return gaps;
  }

  /**
   * Samples ignored because their time did not increase.
   *
   * @return the count
   */
  public long outOfOrderSamples() {
    return outOfOrder;
  }
}
