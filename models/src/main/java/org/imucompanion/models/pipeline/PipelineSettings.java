package org.imucompanion.models.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.imucompanion.models.Channels;

/**
 * Everything that determines what the streaming pipeline makes of a sample stream. A model
 * carries the settings it was trained with in its metadata ({@link #toMetadata()}, read back
 * with {@link #fromMetadata(Map)}), so live inference preprocesses exactly as training did.
 *
 * @param inputRateHz nominal rate of the incoming samples (the dataset's rate for training, the
 *     device's for live use; see {@link #withInputRate(double)}); used to design the filters
 * @param targetRateHz rate the pipeline resamples to: the model's sample rate
 * @param lowPassHz cut-off of the causal Butterworth low-pass on motion channels, 0 for none
 * @param lowPassOrder order of that low-pass (and of the EMG envelope's low-pass)
 * @param emgBandLowHz lower edge of the EMG band-pass (used only when EMG channels are asked for)
 * @param emgBandHighHz upper edge of the EMG band-pass
 * @param emgBandOrder EMG band-pass prototype order
 * @param emgEnvelopeHz cut-off of the low-pass that smooths the rectified EMG into an envelope
 * @param orientationGain Madgwick gain (rad/s) for devices without their own orientation
 * @param gapLimitSeconds an input gap longer than this restarts resampling and windows
 * @param window samples per window at the target rate
 * @param hop samples between the ends of consecutive windows
 * @param channels the channels the model asks for, in its input order
 */
public record PipelineSettings(
    double inputRateHz,
    double targetRateHz,
    double lowPassHz,
    int lowPassOrder,
    double emgBandLowHz,
    double emgBandHighHz,
    int emgBandOrder,
    double emgEnvelopeHz,
    double orientationGain,
    double gapLimitSeconds,
    int window,
    int hop,
    List<String> channels) {

  /** Version of the key set written by {@link #toMetadata()}. */
  public static final int FORMAT_VERSION = 1;

  /** Metadata keys, in the order they are written. */
  public static final List<String> KEYS = List.of(
      "format_version", "input_rate_hz", "target_rate_hz", "low_pass_hz", "low_pass_order",
      "emg_band_low_hz", "emg_band_high_hz", "emg_band_order", "emg_envelope_hz",
      "orientation_gain", "gap_limit_s", "window", "hop", "channels");

  /** Validates every setting so a bad model file is refused at load, not mid-stream. */
  public PipelineSettings {
    channels = List.copyOf(channels);
    positive("input_rate_hz", inputRateHz);
    positive("target_rate_hz", targetRateHz);
    if (!(lowPassHz >= 0) || Double.isInfinite(lowPassHz)) {
      throw new IllegalArgumentException("low_pass_hz must be >= 0 (0 = off): " + lowPassHz);
    }
    if (lowPassHz > 0 && !(lowPassHz < Math.min(inputRateHz, targetRateHz) / 2)) {
      throw new IllegalArgumentException("low_pass_hz " + lowPassHz
          + " must be below half of both the input and the target rate");
    }
    order("low_pass_order", lowPassOrder);
    positive("emg_band_low_hz", emgBandLowHz);
    positive("emg_band_high_hz", emgBandHighHz);
    if (!(emgBandLowHz < emgBandHighHz)) {
      throw new IllegalArgumentException("emg_band_low_hz must be below emg_band_high_hz");
    }
    order("emg_band_order", emgBandOrder);
    positive("emg_envelope_hz", emgEnvelopeHz);
    if (!(orientationGain >= 0) || Double.isInfinite(orientationGain)) {
      throw new IllegalArgumentException("orientation_gain must be >= 0: " + orientationGain);
    }
    positive("gap_limit_s", gapLimitSeconds);
    if (window < 1 || hop < 1) {
      throw new IllegalArgumentException("window and hop must be >= 1: " + window + ", " + hop);
    }
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("at least one channel");
    }
    for (String c : channels) {
      if (!Channels.isCanonical(c)) {
        throw new IllegalArgumentException("unknown channel '" + c + "'; canonical channels are "
            + new java.util.TreeSet<>(Channels.ALL));
      }
    }
    if (channels.stream().distinct().count() != channels.size()) {
      throw new IllegalArgumentException("duplicate channel in " + channels);
    }
  }

  /**
   * The default model's settings: Exermote at 10 Hz, channels gravity, linear acceleration and
   * angular rate (what a 6-axis wristband supplies after the orientation filter), windows of 4 s
   * every 0.5 s, gaps over 0.5 s not bridged, and a 4th-order 4 Hz low-pass. The phone's data
   * hardly needs it, but a 50 Hz wristband needs an anti-alias filter before it is resampled to
   * 10 Hz; giving training data the same filter means training and live windows carry the same
   * filter delay (about 0.1 s) instead of differing by it.
   *
   * @return the settings
   */
  public static PipelineSettings exermoteDefault() {
    return new PipelineSettings(10.0, 10.0, 4.0, 4, 20.0, 90.0, 2, 5.0, 0.1, 0.5, 40, 5,
        Channels.DEFAULT_MODEL_INPUTS);
  }

  /**
   * A copy with another motion low-pass.
   *
   * @param cutoffHz cut-off, 0 for none
   * @param order filter order
   * @return the copy
   */
  public PipelineSettings withLowPass(double cutoffHz, int order) {
    return new PipelineSettings(inputRateHz, targetRateHz, cutoffHz, order, emgBandLowHz,
        emgBandHighHz, emgBandOrder, emgEnvelopeHz, orientationGain, gapLimitSeconds, window,
        hop, channels);
  }

  /**
   * A copy with another orientation filter gain.
   *
   * @param gain Madgwick gain, rad/s
   * @return the copy
   */
  public PipelineSettings withOrientationGain(double gain) {
    return new PipelineSettings(inputRateHz, targetRateHz, lowPassHz, lowPassOrder, emgBandLowHz,
        emgBandHighHz, emgBandOrder, emgEnvelopeHz, gain, gapLimitSeconds, window, hop,
        channels);
  }

  /**
   * The same settings for a stream arriving at another rate (a device, or a dataset other than
   * the training one). Nothing the model depends on changes.
   *
   * @param rateHz the incoming stream's nominal rate
   * @return a copy with {@code inputRateHz} replaced
   */
  public PipelineSettings withInputRate(double rateHz) {
    return new PipelineSettings(rateHz, targetRateHz, lowPassHz, lowPassOrder, emgBandLowHz,
        emgBandHighHz, emgBandOrder, emgEnvelopeHz, orientationGain, gapLimitSeconds, window,
        hop, channels);
  }

  /**
   * A copy with another window and hop.
   *
   * @param windowSamples samples per window
   * @param hopSamples samples between windows
   * @return the copy
   */
  public PipelineSettings withWindow(int windowSamples, int hopSamples) {
    return new PipelineSettings(inputRateHz, targetRateHz, lowPassHz, lowPassOrder, emgBandLowHz,
        emgBandHighHz, emgBandOrder, emgEnvelopeHz, orientationGain, gapLimitSeconds,
        windowSamples, hopSamples, channels);
  }

  /**
   * A copy asking for other channels.
   *
   * @param names canonical channel names in model order
   * @return the copy
   */
  public PipelineSettings withChannels(List<String> names) {
    return new PipelineSettings(inputRateHz, targetRateHz, lowPassHz, lowPassOrder, emgBandLowHz,
        emgBandHighHz, emgBandOrder, emgEnvelopeHz, orientationGain, gapLimitSeconds, window,
        hop, names);
  }

  /**
   * The settings as ordered {@code key -> value} strings for a model's metadata (M2's contract
   * prefixes each key with {@code imu.pipeline.}). Numbers use {@link Double#toString}, which
   * reads back to the identical double.
   *
   * @return an ordered, unmodifiable map with every key of {@link #KEYS}
   */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("format_version", Integer.toString(FORMAT_VERSION));
    m.put("input_rate_hz", Double.toString(inputRateHz));
    m.put("target_rate_hz", Double.toString(targetRateHz));
    m.put("low_pass_hz", Double.toString(lowPassHz));
    m.put("low_pass_order", Integer.toString(lowPassOrder));
    m.put("emg_band_low_hz", Double.toString(emgBandLowHz));
    m.put("emg_band_high_hz", Double.toString(emgBandHighHz));
    m.put("emg_band_order", Integer.toString(emgBandOrder));
    m.put("emg_envelope_hz", Double.toString(emgEnvelopeHz));
    m.put("orientation_gain", Double.toString(orientationGain));
    m.put("gap_limit_s", Double.toString(gapLimitSeconds));
    m.put("window", Integer.toString(window));
    m.put("hop", Integer.toString(hop));
    m.put("channels", String.join(",", channels));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The settings as {@code key=value} lines, in {@link #KEYS} order (for {@code meta.json}).
   *
   * @return one string per setting
   */
  public List<String> toKeyValueStrings() {
    List<String> out = new ArrayList<>();
    toMetadata().forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /**
   * Reads settings written by {@link #toMetadata()}.
   *
   * @param metadata key to value; unknown keys are ignored (later versions may add some)
   * @return the settings
   * @throws IllegalArgumentException naming the key that is missing or unreadable, or the
   *     setting that is out of range
   */
  public static PipelineSettings fromMetadata(Map<String, String> metadata) {
    Objects.requireNonNull(metadata, "metadata");
    int version = intValue(metadata, "format_version");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException("pipeline settings format_version " + version
          + " is not supported (this pipeline reads " + FORMAT_VERSION + ")");
    }
    String channelList = value(metadata, "channels");
    return new PipelineSettings(
        doubleValue(metadata, "input_rate_hz"),
        doubleValue(metadata, "target_rate_hz"),
        doubleValue(metadata, "low_pass_hz"),
        intValue(metadata, "low_pass_order"),
        doubleValue(metadata, "emg_band_low_hz"),
        doubleValue(metadata, "emg_band_high_hz"),
        intValue(metadata, "emg_band_order"),
        doubleValue(metadata, "emg_envelope_hz"),
        doubleValue(metadata, "orientation_gain"),
        doubleValue(metadata, "gap_limit_s"),
        intValue(metadata, "window"),
        intValue(metadata, "hop"),
        Arrays.stream(channelList.split(",")).map(String::trim).toList());
  }

  /**
   * Reads settings from {@code key=value} strings (as in {@code meta.json}).
   *
   * @param lines strings of the form {@code key=value}
   * @return the settings
   * @throws IllegalArgumentException if a line has no {@code =} or a key is missing
   */
  public static PipelineSettings fromKeyValueStrings(List<String> lines) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("pipeline setting '" + line + "' is not key=value");
      }
      m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
    return fromMetadata(m);
  }

  /**
   * Whether the pipeline must downsample, and so filter against aliasing.
   *
   * @return true if the input rate is above the target rate
   */
  public boolean downsamples() {
    return inputRateHz > targetRateHz * (1 + 1e-9);
  }

  private static String value(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("pipeline setting '" + key + "' is missing");
    }
    return v.trim();
  }

  private static double doubleValue(Map<String, String> m, String key) {
    String v = value(m, key);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "pipeline setting '" + key + "' is not a number: '" + v + "'", e);
    }
  }

  private static int intValue(Map<String, String> m, String key) {
    String v = value(m, key);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "pipeline setting '" + key + "' is not an integer: '" + v + "'", e);
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be positive and finite: " + v);
    }
  }

  private static void order(String key, int v) {
    if (v < 1 || v > 12) {
      throw new IllegalArgumentException(key + " must be 1..12: " + v);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PipelineSettings%s", toMetadata());
  }
}
