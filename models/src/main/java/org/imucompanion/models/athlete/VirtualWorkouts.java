package org.imucompanion.models.athlete;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExerciseSets;

/**
 * Virtual workouts as a {@link Dataset} labelled the way Exermote labels its recordings, so the
 * window export and the training recipe take them as they take the recordings: a model that
 * learns from both also knows the built-in virtual device.
 *
 * <p>Each seed is one subject with one round of its workout, recorded as the wristband would
 * record it: raw accelerometer and gyroscope at a device rate (the pipeline's orientation filter
 * then makes gravity and linear acceleration, as live). Repetitions carry their exercise and half
 * ({@code firstHalf} / {@code secondHalf}), pauses between repetitions the label {@value
 * ExerciseSets#EXERMOTE_PAUSE}, rests between sets {@value ExerciseSets#EXERMOTE_SET_BREAK}.
 */
public final class VirtualWorkouts {
  /** Channels of every recording: what a 6-axis wristband sends. */
  public static final List<String> CHANNELS =
      Stream.of(Channels.ACCEL, Channels.GYRO).flatMap(List::stream).toList();

  private VirtualWorkouts() {}

  /**
   * One round of each seed's workout.
   *
   * @param templates what the athletes perform from
   * @param seeds one workout (and subject {@code virtual-<seed>}) each, at least one, distinct
   * @param setsPerExercise sets of each exercise per workout
   * @param rateHz device sample rate, Hz
   * @return the dataset, one recording per seed
   */
  public static Dataset dataset(AthleteTemplates templates, List<Long> seeds,
      int setsPerExercise, double rateHz) {
    Objects.requireNonNull(templates, "templates");
    if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
      throw new IllegalArgumentException("need distinct seeds, got " + seeds);
    }
    List<Recording> recordings = new ArrayList<>();
    for (long seed : seeds) {
      recordings.add(recording(VirtualAthlete.of(templates, seed, setsPerExercise), rateHz));
    }
    return new Dataset("virtual-athlete", String.format(Locale.ROOT,
        "virtual athlete: %d seeded workouts (%s), %d sets per exercise, accelerometer and"
            + " gyroscope at %.0f Hz, labelled as Exermote (repetition halves, Break, setBreak)",
        seeds.size(), seeds, setsPerExercise, rateHz), rateHz, recordings, List.of());
  }

  /**
   * One round of a workout as a recording.
   *
   * @param athlete the workout
   * @param rateHz device sample rate, Hz (positive)
   * @return accelerometer and gyroscope with Exermote's labels and repetition halves
   */
  public static Recording recording(VirtualAthlete athlete, double rateHz) {
    if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
      throw new IllegalArgumentException("rate must be positive: " + rateHz);
    }
    Recording.Builder b = Recording.builder("virtual-" + athlete.seed(),
        "seed-" + athlete.seed(), "VirtualAthlete seed " + athlete.seed(),
        ChannelLayout.of(CHANNELS));
    long n = Math.round(athlete.roundSeconds() * rateHz);
    double[] sample = new double[CHANNELS.size()];
    for (long i = 0; i < n; i++) {
      double t = i / rateHz;
      VirtualAthlete.Reading r = athlete.at(t);
      r.accelGyroInto(sample);
      VirtualAthlete.Truth truth = r.truth();
      String label = switch (truth.kind()) {
        case REPETITION -> truth.label();
        case PAUSE -> ExerciseSets.EXERMOTE_PAUSE;
        case REST -> ExerciseSets.EXERMOTE_SET_BREAK;
      };
      b.add(t, sample, label, truth.half());
    }
    return b.build();
  }
}
