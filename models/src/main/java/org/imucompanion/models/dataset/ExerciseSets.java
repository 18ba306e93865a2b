package org.imucompanion.models.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;

/**
 * Derives sets and repetitions from a recording's phase labels. In Exermote every repetition is
 * a {@code firstHalf} run followed by a {@code secondHalf} run (with {@code Break} between
 * repetitions), and sets are separated by {@code setBreak}; so a repetition is complete when a
 * {@code secondHalf} run that followed a {@code firstHalf} run ends, and a set is everything
 * between two set breaks that contains repetitions. A change of exercise also starts a new set.
 */
public final class ExerciseSets {
  /** Exermote's label for the pause between sets. */
  public static final String EXERMOTE_SET_BREAK = "setBreak";

  /** Exermote's label for the pause between two repetitions of a set. */
  public static final String EXERMOTE_PAUSE = "Break";

  private ExerciseSets() {}

  /**
   * The sets of an Exermote recording.
   *
   * @param recording a recording with phase labels
   * @return the sets in time order (empty if the recording has no phase labels)
   */
  public static List<ExerciseSet> of(Recording recording) {
    return of(recording, Set.of(EXERMOTE_SET_BREAK));
  }

  /**
   * The sets of a recording.
   *
   * @param recording a recording with phase labels
   * @param setBreakLabels labels that separate sets
   * @return the sets in time order
   */
  public static List<ExerciseSet> of(Recording recording, Set<String> setBreakLabels) {
    List<ExerciseSet> sets = new ArrayList<>();
    String exercise = null;
    double start = 0;
    double end = 0;
    List<Double> reps = new ArrayList<>();
    boolean sawFirstHalf = false;
    RepPhase previous = RepPhase.NONE;
    for (int i = 0; i < recording.size(); i++) {
      String label = recording.labelName(i);
      RepPhase phase = recording.phase(i);
      double t = recording.time(i);
      // A secondHalf run ending completes a repetition if a firstHalf run preceded it.
      if (previous == RepPhase.SECOND_HALF && phase != RepPhase.SECOND_HALF && sawFirstHalf) {
        reps.add(recording.time(i - 1));
        sawFirstHalf = false;
      }
      boolean setBreak = setBreakLabels.contains(label);
      boolean otherExercise = phase != RepPhase.NONE && exercise != null
          && !exercise.equals(label);
      if ((setBreak || otherExercise) && exercise != null) {
        if (!reps.isEmpty()) {
          sets.add(new ExerciseSet(exercise, start, end, reps));
        }
        exercise = null;
        reps = new ArrayList<>();
        sawFirstHalf = false;
      }
      if (phase != RepPhase.NONE) {
        if (exercise == null) {
          exercise = label;
          start = t;
        }
        end = t;
        if (phase == RepPhase.FIRST_HALF) {
          sawFirstHalf = true;
        }
      }
      previous = phase;
    }
    if (previous == RepPhase.SECOND_HALF && sawFirstHalf) {
      reps.add(recording.time(recording.size() - 1));
    }
    if (exercise != null && !reps.isEmpty()) {
      sets.add(new ExerciseSet(exercise, start, end, reps));
    }
    return sets;
  }
}
