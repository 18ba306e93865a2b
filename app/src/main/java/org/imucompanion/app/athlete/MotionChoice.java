package org.imucompanion.app.athlete;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imucompanion.ble.virtualdevice.MotionSample;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.RecordedMotion;
import org.imucompanion.ble.virtualdevice.SyntheticWorkout;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.export.DatasetFormat;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;

/**
 * What a virtual device performs, as chosen by a {@code --motion} value.
 *
 * <ul>
 *   <li>{@code athlete} (the default) or {@code athlete:SEED}: the virtual athlete, a workout
 *       synthesized from repetition templates of real recordings;
 *   <li>{@code sine}: ble-driver's simple synthetic forearm swing (no model recognizes it);
 *   <li>{@code dataset:DIR:FORMAT:SUBJECT:SESSION}: one session of a dataset the models module
 *       reads (FORMAT as in {@code evaluate}, e.g. {@code exermote}), played in a loop at its
 *       own rate; SESSION may be left empty for the subject's first session.
 * </ul>
 */
public final class MotionChoice {
  /** The default {@code --motion} value. */
  public static final String DEFAULT = "athlete";

  private MotionChoice() {}

  /**
   * Makes the motion a value names.
   *
   * @param spec the {@code --motion} value
   * @return the motion
   * @throws IllegalArgumentException saying what is wrong with the value (unknown kind, bad
   *     seed, unreadable dataset, no such subject or session)
   */
  public static MotionSource parse(String spec) {
    if (spec.equals("athlete") || spec.equals("demo")) {
      return AthleteMotion.demo();
    }
    if (spec.startsWith("athlete:")) {
      String seed = spec.substring("athlete:".length());
      try {
        return new AthleteMotion(VirtualAthlete.of(Long.parseLong(seed)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("athlete seed must be a whole number: '" + seed + "'");
      }
    }
    if (spec.equals("sine")) {
      return SyntheticWorkout.demo();
    }
    if (spec.startsWith("dataset:")) {
      return dataset(spec.substring("dataset:".length()));
    }
    throw new IllegalArgumentException("unknown motion '" + spec
        + "'; try athlete, athlete:SEED, sine or dataset:DIR:FORMAT:SUBJECT:SESSION");
  }

  private static MotionSource dataset(String rest) {
    // DIR may itself hold colons (rarely): the last three fields are format, subject, session.
    String[] parts = rest.split(":", -1);
    if (parts.length < 4) {
      throw new IllegalArgumentException(
          "dataset motion needs dataset:DIR:FORMAT:SUBJECT:SESSION, got 'dataset:" + rest + "'");
    }
    int n = parts.length;
    String dir = String.join(":", java.util.Arrays.copyOf(parts, n - 3));
    String format = parts[n - 3];
    String subject = parts[n - 2];
    String session = parts[n - 1];
    DatasetFormat f = DatasetFormat.byId(format).orElseThrow(() ->
        new IllegalArgumentException("unknown dataset format '" + format + "'"));
    Dataset data;
    try {
      data = f.reader().read(Path.of(dir));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read dataset " + dir + ": " + e.getMessage(), e);
    }
    Recording r = find(data, subject, session).orElseThrow(() -> new IllegalArgumentException(
        "no session '" + session + "' of subject '" + subject + "' in " + dir));
    return recorded(r, data.sampleRateHz());
  }

  private static Optional<Recording> find(Dataset data, String subject, String session) {
    return data.recordings().stream()
        .filter(r -> r.subject().equals(subject))
        .filter(r -> session.isEmpty() || r.sessionId().equals(session)
            || r.sessionId().contains(session))
        .findFirst();
  }

  /**
   * A recording as motion: its accelerometer (or gravity + linear acceleration) and gyroscope,
   * orientation level and EMG silent where the recording has none.
   *
   * @param r the recording
   * @param rateHz its sample rate
   * @return a looping playback
   * @throws IllegalArgumentException if it has no accelerometer
   */
  static RecordedMotion recorded(Recording r, double rateHz) {
    ChannelLayout l = r.layout();
    int[] accel = indices(l, Channels.ACCEL).orElse(null);
    int[] gravity = indices(l, Channels.GRAVITY).orElse(null);
    int[] lin = indices(l, Channels.LIN_ACC).orElse(null);
    int[] gyro = indices(l, Channels.GYRO).orElse(null);
    int[] mag = indices(l, Channels.MAG).orElse(null);
    if (accel == null && (gravity == null || lin == null)) {
      throw new IllegalArgumentException("recording " + r.sessionId() + " has no accelerometer");
    }
    List<MotionSample> samples = new ArrayList<>(r.size());
    EmgSample silent = new EmgSample(new int[EmgSample.CHANNELS]);
    for (int i = 0; i < r.size(); i++) {
      double[] a = new double[3];
      for (int d = 0; d < 3; d++) {
        a[d] = accel != null ? r.value(accel[d], i)
            : r.value(gravity[d], i) + r.value(lin[d], i);
      }
      Vector3 g = gyro == null ? Vector3.ZERO
          : new Vector3(r.value(gyro[0], i), r.value(gyro[1], i), r.value(gyro[2], i));
      Vector3 m = mag == null ? new Vector3(20, 0, -44)
          : new Vector3(r.value(mag[0], i), r.value(mag[1], i), r.value(mag[2], i));
      samples.add(new MotionSample(new Vector3(a[0], a[1], a[2]), g, m, Quaternion.IDENTITY,
          silent));
    }
    return new RecordedMotion(rateHz, samples, true);
  }

  private static Optional<int[]> indices(ChannelLayout l, List<String> names) {
    return l.containsAll(names)
        ? Optional.of(names.stream().mapToInt(l::require).toArray()) : Optional.empty();
  }
}
