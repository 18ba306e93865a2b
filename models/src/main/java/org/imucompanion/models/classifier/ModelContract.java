package org.imucompanion.models.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.classifier.ModelLoadException.Reason;
import org.imucompanion.models.pipeline.PipelineSettings;

/**
 * What a model expects and promises, frozen at load time: the input it was trained on (channels in
 * order, sample rate, window length, hop, per-channel normalization, pipeline settings) and the
 * output it returns (class names in order). It travels inside the ONNX file as custom metadata;
 * the keys are specified in {@code models/training/MODEL_CONTRACT.md}.
 *
 * <p>The record is immutable: lists and maps are copied on construction, and every invariant that
 * can be checked without the graph is checked there.
 *
 * @param contractVersion version of the contract format itself ({@link #CURRENT_VERSION})
 * @param modelVersion free-form version of this particular model
 * @param classNames output classes, in the order of the model's output vector
 * @param restClass the class meaning "not exercising", if the model has one
 * @param sampleRateHz rate the windows are resampled to, {@link #MIN_SAMPLE_RATE_HZ} to {@link
 *     #MAX_SAMPLE_RATE_HZ}
 * @param windowLength samples per window, {@link #MIN_WINDOW} to {@link #maxWindow(double)}
 *     ({@link #MAX_WINDOW_SECONDS} of samples)
 * @param hop samples between the ends of consecutive windows, 1 to {@code windowLength}
 * @param channels input channel names (canonical, see {@code org.imucompanion.models.Channels}),
 *     in input order, no duplicates
 * @param channelMean per-channel mean subtracted before inference, same order as {@code channels}
 * @param channelStd per-channel standard deviation divided by before inference, all &gt; 0
 * @param output whether the graph returns probabilities or logits
 * @param pipelineSettings preprocessing settings as written by the pipeline (key to value)
 * @param trainingData what the model was trained on, for people (model card, about box)
 * @param trainingSubjects dataset subject ids the model learnt from, empty if the file doesn't say;
 *     lets an evaluation refuse to score a model on a subject it was trained on (e.g. the per-fold
 *     models of a leave-one-subject-out run)
 * @param task what the output means: the exercise, or where in a repetition the labelled moment
 *     is
 * @param labelDelaySeconds how long before its window's last sample the moment the model labels
 *     is (its look-ahead); 0 for an exercise classifier, see {@link #fromMetadata(Map)}
 */
public record ModelContract(
    int contractVersion,
    String modelVersion,
    List<String> classNames,
    Optional<String> restClass,
    double sampleRateHz,
    int windowLength,
    int hop,
    List<String> channels,
    List<Double> channelMean,
    List<Double> channelStd,
    Output output,
    Map<String, String> pipelineSettings,
    String trainingData,
    List<String> trainingSubjects,
    Task task,
    double labelDelaySeconds) {

  /** The contract format this code reads and writes. */
  public static final int CURRENT_VERSION = 1;

  /**
   * Lowest model sample rate accepted, in Hz. The slowest dataset we read (the MPU9250
   * wristband's) runs at about 2.9 Hz; below 1 Hz a repetition lasts a sample or two.
   */
  public static final double MIN_SAMPLE_RATE_HZ = 1;
  /**
   * Highest model sample rate accepted, in Hz. Myo EMG, the fastest stream a device of ours
   * sends, is 200 Hz and wearable IMUs stay below 1 kHz; the pipeline's buffers grow with the
   * rate, so a file saying 1e9 Hz would exhaust memory instead of classifying.
   */
  public static final double MAX_SAMPLE_RATE_HZ = 2000;
  /** Fewest samples a window may hold: one sample has no motion in it. */
  public static final int MIN_WINDOW = 2;
  /**
   * Longest window accepted, in seconds: one set at most. A window is held in memory per device
   * and normalised on every hop, so its length in samples is bounded by this times the rate.
   */
  public static final double MAX_WINDOW_SECONDS = 60;

  /** Prefix of every metadata key the contract uses. */
  public static final String KEY_PREFIX = "imu.";
  /** Metadata key: contract format version. */
  public static final String KEY_CONTRACT_VERSION = KEY_PREFIX + "contract_version";
  /** Metadata key: model version. */
  public static final String KEY_MODEL_VERSION = KEY_PREFIX + "model_version";
  /** Metadata key: comma-separated class names. */
  public static final String KEY_CLASSES = KEY_PREFIX + "classes";
  /** Metadata key: the rest class (optional). */
  public static final String KEY_REST_CLASS = KEY_PREFIX + "rest_class";
  /** Metadata key: sample rate in Hz. */
  public static final String KEY_SAMPLE_RATE_HZ = KEY_PREFIX + "sample_rate_hz";
  /** Metadata key: window length in samples. */
  public static final String KEY_WINDOW = KEY_PREFIX + "window";
  /** Metadata key: hop in samples. */
  public static final String KEY_HOP = KEY_PREFIX + "hop";
  /** Metadata key: comma-separated channel names. */
  public static final String KEY_CHANNELS = KEY_PREFIX + "channels";
  /** Metadata key: comma-separated per-channel means. */
  public static final String KEY_NORM_MEAN = KEY_PREFIX + "norm_mean";
  /** Metadata key: comma-separated per-channel standard deviations. */
  public static final String KEY_NORM_STD = KEY_PREFIX + "norm_std";
  /** Metadata key: {@code probabilities} or {@code logits}. */
  public static final String KEY_OUTPUT = KEY_PREFIX + "output";
  /** Metadata key: training data description. */
  public static final String KEY_TRAINING_DATA = KEY_PREFIX + "training_data";
  /** Metadata key prefix of pipeline settings: {@code imu.pipeline.<setting>}. */
  public static final String PIPELINE_PREFIX = KEY_PREFIX + "pipeline.";
  /** Metadata key: comma-separated subject ids of the training data (optional). */
  public static final String KEY_TRAINING_SUBJECTS = KEY_PREFIX + "training.subjects";
  /**
   * Metadata key: how many seconds before its window's last sample the moment the model labels
   * is (optional, default 0; {@code train.py --label-lag}). Above 0 only for a repetition-phase
   * model: see {@link #fromMetadata(Map)}.
   */
  public static final String KEY_LABEL_DELAY_S = KEY_PREFIX + "label_delay_s";
  /** Metadata key: {@code exercise} or {@code repetition_phase} (optional, default exercise). */
  public static final String KEY_TASK = KEY_PREFIX + "task";

  /** What the model's output classes are. */
  public enum Task {
    /** The exercise being done, or rest: the live label. */
    EXERCISE("exercise"),
    /**
     * Where in a repetition the labelled moment is: {@link RepPhase} class names, at least the
     * two halves, plus anything outside a repetition (for the phase repetition counter).
     */
    REPETITION_PHASE("repetition_phase");

    private final String metadataValue;

    Task(String metadataValue) {
      this.metadataValue = metadataValue;
    }

    /**
     * The metadata spelling.
     *
     * @return the value of {@value #KEY_TASK}
     */
    public String metadataValue() {
      return metadataValue;
    }
  }

  /** Pipeline settings that only say how the output is cut into windows. */
  private static final Set<String> WINDOWING_SETTINGS = Set.of("window", "hop");

  /** What the graph's output vector holds. */
  public enum Output {
    /** Softmax already applied in the graph; values sum to 1. */
    PROBABILITIES,
    /** Raw scores; the classifier applies a softmax. */
    LOGITS;

    /**
     * The metadata spelling.
     *
     * @return {@code probabilities} or {@code logits}
     */
    public String metadataValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks the invariants and freezes the collections.
   *
   * @throws IllegalArgumentException naming the first violated invariant
   * @throws NullPointerException if any component is null
   */
  public ModelContract {
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(restClass, "restClass");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(trainingData, "trainingData");
    Objects.requireNonNull(task, "task");
    classNames = List.copyOf(classNames);
    channels = List.copyOf(channels);
    channelMean = List.copyOf(channelMean);
    channelStd = List.copyOf(channelStd);
    pipelineSettings = Collections.unmodifiableMap(new TreeMap<>(pipelineSettings));
    trainingSubjects = List.copyOf(trainingSubjects);
    if (!trainingSubjects.isEmpty()) {
      requireNames("training subject", trainingSubjects);
    }

    if (contractVersion != CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "contract version " + contractVersion + " is not supported (this build reads "
              + CURRENT_VERSION + ")");
    }
    requireNames("class", classNames);
    if (classNames.size() < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 classes, contract lists "
          + classNames.size());
    }
    requireNames("channel", channels);
    for (String channel : channels) {
      if (!Channels.isCanonical(channel)) {
        throw new IllegalArgumentException(KEY_CHANNELS + " lists channel '" + channel
            + "', which the pipeline does not know; known channels are "
            + new TreeSet<>(Channels.ALL));
      }
    }
    if (restClass.isPresent() && !classNames.contains(restClass.get())) {
      throw new IllegalArgumentException(
          "rest class " + restClass.get() + " is not one of the classes " + classNames);
    }
    if (!(sampleRateHz >= MIN_SAMPLE_RATE_HZ && sampleRateHz <= MAX_SAMPLE_RATE_HZ)) {
      throw new IllegalArgumentException(KEY_SAMPLE_RATE_HZ + " is " + sampleRateHz
          + " Hz, outside the " + decimal(MIN_SAMPLE_RATE_HZ) + " to "
          + decimal(MAX_SAMPLE_RATE_HZ) + " Hz this build runs");
    }
    int maxWindow = maxWindow(sampleRateHz);
    if (windowLength < MIN_WINDOW || windowLength > maxWindow) {
      throw new IllegalArgumentException(KEY_WINDOW + " is " + windowLength + " samples, outside "
          + MIN_WINDOW + " to " + maxWindow + " (" + decimal(MAX_WINDOW_SECONDS) + " s at "
          + decimal(sampleRateHz) + " Hz)");
    }
    if (hop < 1 || hop > windowLength) {
      throw new IllegalArgumentException(KEY_HOP + " is " + hop + " samples, outside 1 to the"
          + " window's " + windowLength);
    }
    if (channelMean.size() != channels.size()) {
      throw new IllegalArgumentException("contract lists " + channels.size()
          + " channels but " + channelMean.size() + " normalization means");
    }
    if (channelStd.size() != channels.size()) {
      throw new IllegalArgumentException("contract lists " + channels.size()
          + " channels but " + channelStd.size() + " normalization standard deviations");
    }
    for (int i = 0; i < channels.size(); i++) {
      if (!Double.isFinite(channelMean.get(i))) {
        throw new IllegalArgumentException(
            "normalization mean of " + channels.get(i) + " is not finite: " + channelMean.get(i));
      }
      double s = channelStd.get(i);
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException(
            "normalization std of " + channels.get(i) + " must be finite and > 0, got " + s);
      }
    }
    for (String key : pipelineSettings.keySet()) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("blank pipeline setting name");
      }
    }
    if (!(labelDelaySeconds >= 0) || Double.isInfinite(labelDelaySeconds)) {
      throw new IllegalArgumentException(
          "label delay must be a number of seconds >= 0, got " + labelDelaySeconds);
    }
    if (task == Task.EXERCISE && labelDelaySeconds > 0) {
      throw new IllegalArgumentException("an exercise classifier must label its window's last"
          + " sample; this one has a label delay of " + labelDelaySeconds + " s");
    }
    if (task == Task.REPETITION_PHASE) {
      for (RepPhase half : List.of(RepPhase.FIRST_HALF, RepPhase.SECOND_HALF)) {
        if (!classNames.contains(half.className())) {
          throw new IllegalArgumentException("a repetition-phase model needs a class "
              + half.className() + ", its classes are " + classNames);
        }
      }
    }
  }

  /**
   * An exercise classifier's contract (no look-ahead).
   *
   * @param contractVersion as the canonical constructor
   * @param modelVersion as the canonical constructor
   * @param classNames as the canonical constructor
   * @param restClass as the canonical constructor
   * @param sampleRateHz as the canonical constructor
   * @param windowLength as the canonical constructor
   * @param hop as the canonical constructor
   * @param channels as the canonical constructor
   * @param channelMean as the canonical constructor
   * @param channelStd as the canonical constructor
   * @param output as the canonical constructor
   * @param pipelineSettings as the canonical constructor
   * @param trainingData as the canonical constructor
   * @param trainingSubjects as the canonical constructor
   */
  public ModelContract(int contractVersion, String modelVersion, List<String> classNames,
      Optional<String> restClass, double sampleRateHz, int windowLength, int hop,
      List<String> channels, List<Double> channelMean, List<Double> channelStd, Output output,
      Map<String, String> pipelineSettings, String trainingData, List<String> trainingSubjects) {
    this(contractVersion, modelVersion, classNames, restClass, sampleRateHz, windowLength, hop,
        channels, channelMean, channelStd, output, pipelineSettings, trainingData,
        trainingSubjects, Task.EXERCISE, 0);
  }

  /**
   * An exercise classifier's contract that doesn't say which subjects the model was trained on (no
   * {@value #KEY_TRAINING_SUBJECTS} key).
   *
   * @param contractVersion as the canonical constructor
   * @param modelVersion as the canonical constructor
   * @param classNames as the canonical constructor
   * @param restClass as the canonical constructor
   * @param sampleRateHz as the canonical constructor
   * @param windowLength as the canonical constructor
   * @param hop as the canonical constructor
   * @param channels as the canonical constructor
   * @param channelMean as the canonical constructor
   * @param channelStd as the canonical constructor
   * @param output as the canonical constructor
   * @param pipelineSettings as the canonical constructor
   * @param trainingData as the canonical constructor
   */
  public ModelContract(int contractVersion, String modelVersion, List<String> classNames,
      Optional<String> restClass, double sampleRateHz, int windowLength, int hop,
      List<String> channels, List<Double> channelMean, List<Double> channelStd, Output output,
      Map<String, String> pipelineSettings, String trainingData) {
    this(contractVersion, modelVersion, classNames, restClass, sampleRateHz, windowLength, hop,
        channels, channelMean, channelStd, output, pipelineSettings, trainingData, List.of());
  }

  /**
   * The longest window accepted at a sample rate: {@link #MAX_WINDOW_SECONDS} of samples.
   *
   * @param sampleRateHz the model's rate, within {@link #MIN_SAMPLE_RATE_HZ} and {@link
   *     #MAX_SAMPLE_RATE_HZ}
   * @return the bound, in samples
   */
  public static int maxWindow(double sampleRateHz) {
    return (int) Math.floor(MAX_WINDOW_SECONDS * sampleRateHz);
  }

  /** A bound or rate as a person writes it: 2000, not 2000.0; 2.857142857142857 as is. */
  private static String decimal(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void requireNames(String what, List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("contract lists no " + what + " names");
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n.isBlank() || n.contains(",") || !n.equals(n.strip())) {
        throw new IllegalArgumentException(
            what + " name '" + n + "' must be non-blank, without commas or surrounding spaces");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("duplicate " + what + " name " + n);
      }
    }
  }

  /**
   * Reads a contract from ONNX custom metadata.
   *
   * <p>An exercise classifier trained with a look-ahead ({@value #KEY_LABEL_DELAY_S} above 0) is
   * refused: the live view, the rep counter and {@code evaluate} take every label as the state at
   * its window's last sample, so such a model's labels would be shown late as if they were
   * current, and scored against the wrong moment. A repetition-phase model ({@value #KEY_TASK}
   * {@code repetition_phase}) may have one: its counter dates each repetition that much earlier.
   *
   * <p>The {@value #PIPELINE_PREFIX}{@code *} settings must be the streaming pipeline's own
   * ({@link PipelineSettings#fromMetadata(Map)}: a low-pass below the Nyquist frequency of both
   * rates, among others), their input rate within the sample rate bounds, and their target
   * rate, window, hop and channels those of the contract.
   *
   * @param metadata the model's custom metadata (key to value)
   * @return the contract
   * @throws ModelLoadException {@link Reason#MISSING_CONTRACT} if no contract key is present at
   *     all; {@link Reason#INVALID_CONTRACT} naming the key if one is missing or malformed or the
   *     values contradict each other; {@link Reason#UNSUPPORTED_LABEL_DELAY} for an exercise
   *     classifier's label delay above 0
   */
  public static ModelContract fromMetadata(Map<String, String> metadata) throws ModelLoadException {
    Objects.requireNonNull(metadata, "metadata");
    if (metadata.keySet().stream().noneMatch(k -> k.startsWith(KEY_PREFIX))) {
      throw new ModelLoadException(Reason.MISSING_CONTRACT,
          "model carries no contract: none of its metadata keys starts with '" + KEY_PREFIX
              + "' (see models/training/MODEL_CONTRACT.md)");
    }
    MetadataReader r = new MetadataReader(metadata);
    int version = r.integer(KEY_CONTRACT_VERSION);
    if (version != CURRENT_VERSION) {
      throw new ModelLoadException(Reason.INVALID_CONTRACT, "contract version " + version
          + " is not supported (this build reads " + CURRENT_VERSION + ")");
    }
    Map<String, String> pipeline = new TreeMap<>();
    metadata.forEach((k, v) -> {
      if (k.startsWith(PIPELINE_PREFIX)) {
        pipeline.put(k.substring(PIPELINE_PREFIX.length()), v);
      }
    });
    Output output = r.output();
    Task task = r.task();
    double labelDelay = r.labelDelay(task);
    ModelContract contract;
    try {
      contract = new ModelContract(
          version,
          r.text(KEY_MODEL_VERSION),
          r.names(KEY_CLASSES),
          Optional.ofNullable(metadata.get(KEY_REST_CLASS)),
          r.decimal(KEY_SAMPLE_RATE_HZ),
          r.integer(KEY_WINDOW),
          r.integer(KEY_HOP),
          r.names(KEY_CHANNELS),
          r.decimals(KEY_NORM_MEAN),
          r.decimals(KEY_NORM_STD),
          output,
          pipeline,
          r.text(KEY_TRAINING_DATA),
          r.optionalNames(KEY_TRAINING_SUBJECTS),
          task,
          labelDelay);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(Reason.INVALID_CONTRACT, "invalid contract: " + e.getMessage(), e);
    }
    checkPipeline(contract);
    return contract;
  }

  /**
   * Checks that the pipeline settings are the streaming pipeline's own, within its bounds, and
   * agree with the contract: every command and view runs a model through that pipeline, so a
   * setting it cannot run (a low-pass above the Nyquist frequency, a rate out of bounds) is the
   * model's fault and is said at load, not later as the device's or the dataset's.
   */
  private static void checkPipeline(ModelContract contract) throws ModelLoadException {
    PipelineSettings settings;
    try {
      settings = PipelineSettings.fromMetadata(contract.pipelineSettings());
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(Reason.INVALID_CONTRACT, "invalid contract: pipeline settings ("
          + PIPELINE_PREFIX + "*): " + e.getMessage(), e);
    }
    List<String> differences = new ArrayList<>();
    double inputRate = settings.inputRateHz();
    if (!(inputRate >= MIN_SAMPLE_RATE_HZ && inputRate <= MAX_SAMPLE_RATE_HZ)) {
      differences.add(PIPELINE_PREFIX + "input_rate_hz is " + inputRate + " Hz, outside the "
          + decimal(MIN_SAMPLE_RATE_HZ) + " to " + decimal(MAX_SAMPLE_RATE_HZ)
          + " Hz this build runs");
    }
    if (settings.targetRateHz() != contract.sampleRateHz()) {
      differences.add(PIPELINE_PREFIX + "target_rate_hz " + settings.targetRateHz()
          + " differs from " + KEY_SAMPLE_RATE_HZ + " " + contract.sampleRateHz());
    }
    if (settings.window() != contract.windowLength()) {
      differences.add(PIPELINE_PREFIX + "window " + settings.window() + " differs from "
          + KEY_WINDOW + " " + contract.windowLength());
    }
    if (settings.hop() != contract.hop()) {
      differences.add(PIPELINE_PREFIX + "hop " + settings.hop() + " differs from " + KEY_HOP
          + " " + contract.hop());
    }
    if (!settings.channels().equals(contract.channels())) {
      differences.add(PIPELINE_PREFIX + "channels " + settings.channels() + " differ from "
          + KEY_CHANNELS + " " + contract.channels());
    }
    if (!differences.isEmpty()) {
      throw new ModelLoadException(Reason.INVALID_CONTRACT,
          "invalid contract: " + String.join("; ", differences));
    }
  }

  /**
   * Writes the contract as ONNX custom metadata: the inverse of {@link #fromMetadata(Map)}.
   *
   * @return key to value, in a stable order
   */
  public Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_CONTRACT_VERSION, Integer.toString(contractVersion));
    m.put(KEY_MODEL_VERSION, modelVersion);
    m.put(KEY_CLASSES, String.join(",", classNames));
    restClass.ifPresent(rc -> m.put(KEY_REST_CLASS, rc));
    m.put(KEY_SAMPLE_RATE_HZ, Double.toString(sampleRateHz));
    m.put(KEY_WINDOW, Integer.toString(windowLength));
    m.put(KEY_HOP, Integer.toString(hop));
    m.put(KEY_CHANNELS, String.join(",", channels));
    m.put(KEY_NORM_MEAN, joinDecimals(channelMean));
    m.put(KEY_NORM_STD, joinDecimals(channelStd));
    m.put(KEY_OUTPUT, output.metadataValue());
    m.put(KEY_TRAINING_DATA, trainingData);
    if (!trainingSubjects.isEmpty()) {
      m.put(KEY_TRAINING_SUBJECTS, String.join(",", trainingSubjects));
    }
    m.put(KEY_TASK, task.metadataValue());
    if (labelDelaySeconds > 0) {
      m.put(KEY_LABEL_DELAY_S, Double.toString(labelDelaySeconds));
    }
    pipelineSettings.forEach((k, v) -> m.put(PIPELINE_PREFIX + k, v));
    return Collections.unmodifiableMap(m);
  }

  private static String joinDecimals(List<Double> values) {
    return values.stream().map(d -> Double.toString(d)).collect(Collectors.joining(","));
  }

  /**
   * Checks that this model can be fed the windows another's pipeline makes, hop and window
   * length aside: the same channels in the same order, sample rate and preprocessing settings.
   * A repetition-phase model runs on the exercise classifier's pipeline, so it must have been
   * trained on windows of the same pipeline.
   *
   * @param other the contract whose pipeline feeds this model
   * @throws IllegalArgumentException naming what differs
   */
  public void requireSameInput(ModelContract other) {
    List<String> differences = new ArrayList<>();
    if (!channels.equals(other.channels)) {
      differences.add("channels " + channels + " vs " + other.channels);
    }
    if (sampleRateHz != other.sampleRateHz) {
      differences.add("sample rate " + sampleRateHz + " vs " + other.sampleRateHz + " Hz");
    }
    Set<String> keys = new TreeSet<>(pipelineSettings.keySet());
    keys.addAll(other.pipelineSettings.keySet());
    for (String key : keys) {
      String mine = pipelineSettings.get(key);
      String theirs = other.pipelineSettings.get(key);
      if (!WINDOWING_SETTINGS.contains(key) && !Objects.equals(mine, theirs)) {
        differences.add("pipeline." + key + " " + mine + " vs " + theirs);
      }
    }
    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("model " + modelVersion + " was trained on another"
          + " pipeline's output than model " + other.modelVersion + "'s: "
          + String.join("; ", differences));
    }
  }

  /**
   * The input channels as a layout, for the pipeline to build windows in the model's order.
   *
   * @return the layout of {@link #channels()}
   */
  public ChannelLayout layout() {
    return ChannelLayout.of(channels);
  }

  /**
   * Number of input channels.
   *
   * @return {@code channels().size()}
   */
  public int channelCount() {
    return channels.size();
  }

  /**
   * Number of output classes.
   *
   * @return {@code classNames().size()}
   */
  public int classCount() {
    return classNames.size();
  }

  /**
   * Index of the rest class in the output vector.
   *
   * @return the index, or empty if the model has no rest class
   */
  public OptionalInt restClassIndex() {
    return restClass.isPresent()
        ? OptionalInt.of(classNames.indexOf(restClass.get()))
        : OptionalInt.empty();
  }

  /**
   * Time between consecutive windows.
   *
   * @return {@code hop / sampleRateHz}, in seconds
   */
  public double hopSeconds() {
    return hop / sampleRateHz;
  }

  /**
   * Checks the contract against the graph's declared input and output shapes. A dimension of -1
   * (or any negative value) is symbolic and matches anything, except that the batch dimension, if
   * fixed, must be 1.
   *
   * @param inputShape the single input's shape, expected {@code [batch, window, channels]}
   * @param outputShape the single output's shape, expected {@code [batch, classes]}
   * @throws ModelLoadException {@link Reason#SHAPE_MISMATCH} saying what differs
   */
  public void checkShapes(long[] inputShape, long[] outputShape) throws ModelLoadException {
    if (inputShape.length != 3) {
      throw mismatch("model input has shape " + Arrays.toString(inputShape)
          + ", expected [batch, window=" + windowLength + ", channels=" + channelCount() + "]");
    }
    if (outputShape.length != 2) {
      throw mismatch("model output has shape " + Arrays.toString(outputShape)
          + ", expected [batch, classes=" + classCount() + "]");
    }
    if (inputShape[2] >= 0 && inputShape[2] != channelCount()) {
      throw mismatch("model expects " + inputShape[2] + " channels, contract lists "
          + channelCount());
    }
    if (inputShape[1] >= 0 && inputShape[1] != windowLength) {
      throw mismatch("model expects windows of " + inputShape[1] + " samples, contract says "
          + windowLength);
    }
    if (outputShape[1] >= 0 && outputShape[1] != classCount()) {
      throw mismatch("model returns " + outputShape[1] + " classes, contract lists "
          + classCount());
    }
    if (inputShape[0] > 1) {
      throw mismatch("model's batch dimension is fixed at " + inputShape[0]
          + "; export it with a dynamic batch axis");
    }
  }

  private static ModelLoadException mismatch(String message) {
    return new ModelLoadException(Reason.SHAPE_MISMATCH, message);
  }

  /**
   * Checks that the streaming pipeline can produce every channel the model needs.
   *
   * @param producible the channels the pipeline can produce for the device at hand
   * @throws ModelLoadException {@link Reason#UNSUPPORTED_CHANNELS} naming the missing channels
   */
  public void checkChannelsAvailable(Collection<String> producible) throws ModelLoadException {
    List<String> missing = new ArrayList<>();
    for (String c : channels) {
      if (!producible.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new ModelLoadException(Reason.UNSUPPORTED_CHANNELS, "model needs channel"
          + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
          + " which the pipeline cannot produce (it can produce: "
          + producible.stream().sorted().collect(Collectors.joining(", ")) + ")");
    }
  }

  /** Reads typed values, naming the key in every failure. */
  private static final class MetadataReader {
    private final Map<String, String> metadata;

    MetadataReader(Map<String, String> metadata) {
      this.metadata = metadata;
    }

    String text(String key) throws ModelLoadException {
      String v = metadata.get(key);
      if (v == null) {
        throw new ModelLoadException(Reason.INVALID_CONTRACT, "contract is missing key " + key);
      }
      return v;
    }

    int integer(String key) throws ModelLoadException {
      String v = text(key).strip();
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw invalid(key, v, "an integer");
      }
    }

    double decimal(String key) throws ModelLoadException {
      String v = text(key).strip();
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw invalid(key, v, "a number");
      }
    }

    List<String> names(String key) throws ModelLoadException {
      String v = text(key);
      return v.isEmpty() ? List.of() : List.of(v.split(",", -1));
    }

    /**
     * The label delay, 0 if absent; an exercise classifier's above 0 is refused (see {@link
     * ModelContract#fromMetadata(Map)}).
     */
    double labelDelay(Task task) throws ModelLoadException {
      String v = metadata.get(KEY_LABEL_DELAY_S);
      if (v == null) {
        return 0;
      }
      double delay = decimal(KEY_LABEL_DELAY_S);
      if (!(delay >= 0) || Double.isInfinite(delay)) {
        throw invalid(KEY_LABEL_DELAY_S, v, "a number of seconds >= 0");
      }
      if (delay > 0 && task == Task.EXERCISE) {
        String seconds = v.strip();
        throw new ModelLoadException(Reason.UNSUPPORTED_LABEL_DELAY, "model labels the moment "
            + seconds + " s before its window's last sample (" + KEY_LABEL_DELAY_S + " = "
            + seconds + ", trained with a look-ahead); this build shows and scores every label"
            + " as of its window's last sample, so it would show this model's labels " + seconds
            + " s late as if they were current");
      }
      return delay;
    }

    Task task() throws ModelLoadException {
      return choice(KEY_TASK, Task.values(), Task.EXERCISE, Task::metadataValue);
    }

    List<String> optionalNames(String key) {
      String v = metadata.get(key);
      return v == null || v.isEmpty() ? List.of() : List.of(v.split(",", -1));
    }

    List<Double> decimals(String key) throws ModelLoadException {
      String v = text(key);
      List<Double> out = new ArrayList<>();
      for (String part : v.split(",", -1)) {
        try {
          out.add(Double.parseDouble(part.strip()));
        } catch (NumberFormatException e) {
          throw invalid(key, v, "comma-separated numbers");
        }
      }
      return out;
    }

    Output output() throws ModelLoadException {
      return choice(KEY_OUTPUT, Output.values(), Output.PROBABILITIES, Output::metadataValue);
    }

    /** One of an enum's metadata spellings, the default when the key is absent. */
    <E> E choice(String key, E[] values, E absent, Function<E, String> spelling)
        throws ModelLoadException {
      String v = metadata.getOrDefault(key, spelling.apply(absent)).strip();
      for (E e : values) {
        if (spelling.apply(e).equals(v)) {
          return e;
        }
      }
      throw invalid(key, v, Arrays.stream(values).map(e -> "'" + spelling.apply(e) + "'")
          .collect(Collectors.joining(" or ")));
    }

    private static ModelLoadException invalid(String key, String value, String expected) {
      return new ModelLoadException(Reason.INVALID_CONTRACT,
          "contract key " + key + " should be " + expected + ", got '" + value + "'");
    }
  }
}
