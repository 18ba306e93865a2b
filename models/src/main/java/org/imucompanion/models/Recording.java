package org.imucompanion.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One labelled session of timestamped multi-channel samples: what a dataset reader, a capture
 * replay or the session store hands to the streaming pipeline.
 *
 * <p>Values are stored per channel ({@code values[channel][sample]}) in primitive arrays so that a
 * five-minute session at 10 Hz costs kilobytes, not boxed objects. Each sample carries the index
 * of its dataset label (see {@link #labelNames()}) and a {@link RepPhase}. The label names are the
 * dataset's own ({@code Break}, {@code setBreak}, {@code Pushup_Incorrect}...); mapping them to a
 * model's classes is the exporter's job, so one reader serves several models.
 *
 * <p>Instances are immutable: arrays are copied in and accessors that return arrays return
 * copies. Use {@link #value(int, int)} in loops.
 */
public final class Recording {
  private final String subject;
  private final String sessionId;
  private final String source;
  private final ChannelLayout layout;
  private final double[] timeSeconds;
  private final double[][] values;
  private final int[] labels;
  private final List<String> labelNames;
  private final byte[] phases;

  private Recording(
      String subject,
      String sessionId,
      String source,
      ChannelLayout layout,
      double[] timeSeconds,
      double[][] values,
      int[] labels,
      List<String> labelNames,
      byte[] phases) {
    this.subject = Objects.requireNonNull(subject, "subject");
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.source = Objects.requireNonNull(source, "source");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.timeSeconds = timeSeconds;
    this.values = values;
    this.labels = labels;
    this.labelNames = List.copyOf(labelNames);
    this.phases = phases;
    int n = timeSeconds.length;
    if (values.length != layout.size()) {
      throw new IllegalArgumentException(
          "values has " + values.length + " channels, layout " + layout.size());
    }
    for (int c = 0; c < values.length; c++) {
      if (values[c].length != n) {
        throw new IllegalArgumentException(
            "channel " + layout.name(c) + " has " + values[c].length + " samples, expected " + n);
      }
    }
    if (labels.length != n || phases.length != n) {
      throw new IllegalArgumentException("labels/phases length differs from sample count " + n);
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= this.labelNames.size()) {
        throw new IllegalArgumentException("label index " + labels[i] + " at sample " + i);
      }
      if (i > 0 && !(timeSeconds[i] > timeSeconds[i - 1])) {
        throw new IllegalArgumentException(
            "time must increase strictly: sample " + i + " at " + timeSeconds[i] + " s");
      }
    }
  }

  /**
   * Subject (person) identifier as the dataset spells it, for subject-wise splits.
   *
   * @return the subject id
   */
  public String subject() {
    return subject;
  }

  /**
   * Identifier of this session, unique within its dataset.
   *
   * @return the session id
   */
  public String sessionId() {
    return sessionId;
  }

  /**
   * Where the data came from (file name, capture id), for reports.
   *
   * @return a human-readable source description
   */
  public String source() {
    return source;
  }

  /**
   * The channels, in the order of {@link #value(int, int)}'s first index.
   *
   * @return the layout
   */
  public ChannelLayout layout() {
    return layout;
  }

  /**
   * Number of samples.
   *
   * @return the sample count
   */
  public int size() {
    return timeSeconds.length;
  }

  /**
   * Time of a sample in seconds since the session's first sample (or another fixed origin).
   *
   * @param sample index
   * @return time in seconds; strictly increasing with the index
   */
  public double time(int sample) {
    return timeSeconds[sample];
  }

  /**
   * One value.
   *
   * @param channel channel index in {@link #layout()}
   * @param sample sample index
   * @return the value in the channel's canonical unit
   */
  public double value(int channel, int sample) {
    return values[channel][sample];
  }

  /**
   * A copy of one channel's values.
   *
   * @param channel channel index
   * @return a new array of {@link #size()} values
   */
  public double[] channel(int channel) {
    return values[channel].clone();
  }

  /**
   * A copy of all sample times.
   *
   * @return a new array of {@link #size()} times in seconds
   */
  public double[] times() {
    return timeSeconds.clone();
  }

  /**
   * Index of a sample's dataset label in {@link #labelNames()}.
   *
   * @param sample sample index
   * @return the label index
   */
  public int label(int sample) {
    return labels[sample];
  }

  /**
   * Name of a sample's dataset label.
   *
   * @param sample sample index
   * @return the label as the dataset spells it
   */
  public String labelName(int sample) {
    return labelNames.get(labels[sample]);
  }

  /**
   * The dataset's label vocabulary for this recording, in index order.
   *
   * @return an unmodifiable list
   */
  public List<String> labelNames() {
    return labelNames;
  }

  /**
   * Repetition phase of a sample.
   *
   * @param sample sample index
   * @return the phase ({@link RepPhase#NONE} where the dataset has no phase labels)
   */
  public RepPhase phase(int sample) {
    return RepPhase.ofCode(phases[sample]);
  }

  @Override
  public String toString() {
    return "Recording[" + sessionId + ", subject " + subject + ", " + size() + " samples, "
        + layout + "]";
  }

  /**
   * A builder that grows primitive arrays, for readers that don't know the length in advance.
   *
   * @param subject subject id
   * @param sessionId session id
   * @param source source description
   * @param layout channel layout of the values passed to {@link Builder#add}
   * @return a new builder
   */
  public static Builder builder(
      String subject, String sessionId, String source, ChannelLayout layout) {
    return new Builder(subject, sessionId, source, layout);
  }

  /** Accumulates samples for one {@link Recording}; not thread-safe. */
  public static final class Builder {
    private final String subject;
    private final String sessionId;
    private final String source;
    private final ChannelLayout layout;
    private final List<String> labelNames = new ArrayList<>();
    private final Map<String, Integer> labelIndex = new HashMap<>();
    private double[] time = new double[256];
    private double[][] values;
    private int[] labels = new int[256];
    private byte[] phases = new byte[256];
    private int n;

    private Builder(String subject, String sessionId, String source, ChannelLayout layout) {
      this.subject = subject;
      this.sessionId = sessionId;
      this.source = source;
      this.layout = layout;
      this.values = new double[layout.size()][256];
    }

    /**
     * Appends one sample.
     *
     * @param timeSeconds time, strictly greater than the previous sample's
     * @param sampleValues one value per layout channel (copied)
     * @param label dataset label name
     * @param phase repetition phase
     * @return this builder
     */
    public Builder add(double timeSeconds, double[] sampleValues, String label, RepPhase phase) {
      if (sampleValues.length != layout.size()) {
        throw new IllegalArgumentException(
            "sample has " + sampleValues.length + " values, layout " + layout.size());
      }
      if (n == time.length) {
        int cap = n * 2;
        time = Arrays.copyOf(time, cap);
        labels = Arrays.copyOf(labels, cap);
        phases = Arrays.copyOf(phases, cap);
        for (int c = 0; c < values.length; c++) {
          values[c] = Arrays.copyOf(values[c], cap);
        }
      }
      time[n] = timeSeconds;
      for (int c = 0; c < sampleValues.length; c++) {
        values[c][n] = sampleValues[c];
      }
      labels[n] = labelIndex.computeIfAbsent(label, k -> {
        labelNames.add(k);
        return labelNames.size() - 1;
      });
      phases[n] = (byte) phase.code();
      n++;
      return this;
    }

    /**
     * Number of samples added so far.
     *
     * @return the count
     */
    public int size() {
      return n;
    }

    /**
     * Time of the last sample added.
     *
     * @return time in seconds
     * @throws IllegalStateException if nothing was added
     */
    public double lastTime() {
      if (n == 0) {
        throw new IllegalStateException("no samples yet");
      }
      return time[n - 1];
    }

    /**
     * Builds the immutable recording.
     *
     * @return the recording
     * @throws IllegalArgumentException if times do not increase strictly
     */
    public Recording build() {
      double[][] v = new double[values.length][];
      for (int c = 0; c < values.length; c++) {
        v[c] = Arrays.copyOf(values[c], n);
      }
      return new Recording(
          subject,
          sessionId,
          source,
          layout,
          Arrays.copyOf(time, n),
          v,
          Arrays.copyOf(labels, n),
          labelNames,
          Arrays.copyOf(phases, n));
    }
  }
}
