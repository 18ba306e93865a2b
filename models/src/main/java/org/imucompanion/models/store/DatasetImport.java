package org.imucompanion.models.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntConsumer;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.imucompanion.models.dataset.Dataset;
import org.imucompanion.models.dataset.ExerciseSets;

/**
 * Imports a published dataset (read by a {@link org.imucompanion.models.dataset.DatasetReader})
 * as sessions, so recordings from the lab and the athlete's own land in one place and go through
 * the same export to training.
 *
 * <p>Each {@link Recording} becomes one complete session with one stream, attached to an athlete
 * named {@code <dataset> subject <id>} (created once). Times become host times from an origin of
 * 0 ({@code host_ns = round(t * 1e9)}, {@code device_us = round(t * 1e6)}); the start date is
 * unknown and stored as the epoch.
 *
 * <p>Sets are rebuilt from the per-sample labels: a set is a run of one exercise, possibly with
 * in-set pauses ({@code Break}), ended by a rest label ({@code setBreak}, {@code Rest}) or by
 * another exercise. A label ending in {@code _Incorrect} (the MPU9250 wristband dataset) becomes
 * the base exercise with the incorrect-form flag. Where the recording has repetition halves
 * (Exermote), the set's rep count is the number of {@code firstHalf} runs in it: that is the
 * ground truth the rep counter is judged against.
 *
 * <p>Importing the same dataset twice skips recordings already present (same source and id), so
 * a user can re-run an import after adding files. The whole import is one transaction: it lands
 * whole or not at all.
 */
public final class DatasetImport {
  /** Labels that end a set. */
  public static final Set<String> REST_LABELS = Set.of("setBreak", "Rest", "rest", "Idle", "None", "Null");

  /** Labels that pause inside a set without ending it. */
  public static final Set<String> IN_SET_PAUSE_LABELS = Set.of(ExerciseSets.EXERMOTE_PAUSE);

  private static final String INCORRECT_SUFFIX = "_Incorrect";

  /**
   * What an import did.
   *
   * @param sessionIds sessions created, in the dataset's order
   * @param skipped recordings already in the store
   * @param samples samples written
   * @param sets sets (segments) written
   */
  public record Result(List<Long> sessionIds, int skipped, long samples, long sets) {
    /** Copies the list. */
    public Result {
      sessionIds = List.copyOf(sessionIds);
    }
  }

  private DatasetImport() {}

  /**
   * Imports every recording of a dataset in one transaction.
   *
   * @param store the store
   * @param dataset the dataset
   * @return what was imported
   * @throws SessionStoreException on a store failure (the store is left as it was)
   */
  public static Result importDataset(SessionStore store, Dataset dataset) throws SessionStoreException {
    return importDataset(store, dataset, done -> {});
  }

  /**
   * Imports every recording of a dataset in one transaction, telling how far it got. A failure,
   * or a kill, part way leaves the store as it was before: never half a dataset, never half a
   * file (the dataset was read and checked whole before this is called).
   *
   * @param store the store
   * @param dataset the dataset
   * @param recordingsDone hears the number of recordings handled so far (imported or skipped)
   *     after each one
   * @return what was imported
   * @throws SessionStoreException on a store failure (the store is left as it was)
   */
  public static Result importDataset(
      SessionStore store, Dataset dataset, IntConsumer recordingsDone)
      throws SessionStoreException {
    return store.transact("importing dataset " + dataset.name(), () -> importAll(store, dataset, recordingsDone));
  }

  private static Result importAll(SessionStore store, Dataset dataset, IntConsumer recordingsDone)
      throws SessionStoreException, SQLException {
    Map<String, Long> athletes = new HashMap<>();
    for (Athlete a : store.athletes()) {
      athletes.putIfAbsent(a.name(), a.id());
    }
    Set<String> existing = new HashSet<>();
    for (Session s : store.sessions()) {
      existing.add(s.notes());
    }
    List<Long> created = new java.util.ArrayList<>();
    int skipped = 0;
    long samples = 0;
    long sets = 0;
    int handled = 0;
    for (Recording r : dataset.recordings()) {
      String notes = "imported from dataset " + dataset.name() + ": " + r.source() + " / " + r.sessionId();
      if (!existing.add(notes)) {
        skipped++;
        recordingsDone.accept(++handled);
        continue;
      }
      String athleteName = dataset.name() + " subject " + r.subject();
      Long athleteId = athletes.get(athleteName);
      if (athleteId == null) {
        athleteId = store.addAthlete(athleteName, "from dataset " + dataset.name()).id();
        athletes.put(athleteName, athleteId);
      }
      List<Segment> segs = sets(r);
      Session s =
          store.startSession(
              new NewSession(Optional.of(athleteId), dataset.name(), "", "", notes, Instant.EPOCH, 0));
      StreamInfo st =
          store.addStream(
              s.id(),
              new NewStream(dataset.name(), dataset.name(), r.source(), r.layout().names(), dataset.sampleRateHz()));
      if (r.size() > 0) {
        SampleBlock b = new SampleBlock(r.layout().size(), r.size());
        double[] v = new double[r.layout().size()];
        for (int i = 0; i < r.size(); i++) {
          for (int c = 0; c < v.length; c++) {
            v[c] = r.value(c, i);
          }
          b.add(hostNanos(r.time(i)), Math.round(r.time(i) * 1e6), v);
        }
        store.insertBlock(st.id(), b);
      }
      for (Segment g : segs) {
        store.insertSegment(
            new Segment(0, s.id(), g.exercise(), g.startHostNanos(), g.endHostNanos(), g.repCount(), g.incorrectForm(), ""));
      }
      store.finishSession(s.id(), Instant.EPOCH.plusNanos(r.size() > 0 ? hostNanos(r.time(r.size() - 1)) : 0));
      created.add(s.id());
      samples += r.size();
      sets += segs.size();
      recordingsDone.accept(++handled);
    }
    return new Result(created, skipped, samples, sets);
  }

  private static long hostNanos(double seconds) {
    return Math.round(seconds * 1e9);
  }

  /** Rebuilds sets from per-sample labels (see the class comment); session id left 0. */
  static List<Segment> sets(Recording r) {
    List<Segment> out = new java.util.ArrayList<>();
    boolean anyPhase = false;
    for (int i = 0; i < r.size() && !anyPhase; i++) {
      anyPhase = r.phase(i) != RepPhase.NONE;
    }
    String exercise = null;
    boolean incorrect = false;
    int first = -1;
    int last = -1;
    int reps = 0;
    RepPhase prev = RepPhase.NONE;
    for (int i = 0; i < r.size(); i++) {
      String label = r.labelName(i);
      RepPhase phase = r.phase(i);
      if (REST_LABELS.contains(label)) {
        if (exercise != null) {
          out.add(segment(r, exercise, incorrect, first, last, anyPhase, reps));
          exercise = null;
        }
      } else if (!IN_SET_PAUSE_LABELS.contains(label)) {
        boolean inc = label.endsWith(INCORRECT_SUFFIX);
        String base = inc ? label.substring(0, label.length() - INCORRECT_SUFFIX.length()) : label;
        if (exercise != null && (!exercise.equals(base) || incorrect != inc)) {
          out.add(segment(r, exercise, incorrect, first, last, anyPhase, reps));
          exercise = null;
        }
        if (exercise == null) {
          exercise = base;
          incorrect = inc;
          first = i;
          reps = 0;
          prev = RepPhase.NONE;
        }
        last = i;
        if (phase == RepPhase.FIRST_HALF && prev != RepPhase.FIRST_HALF) {
          reps++;
        }
      }
      prev = phase;
    }
    if (exercise != null) {
      out.add(segment(r, exercise, incorrect, first, last, anyPhase, reps));
    }
    return out;
  }

  private static Segment segment(
      Recording r, String exercise, boolean incorrect, int first, int last, boolean anyPhase, int reps) {
    return new Segment(
        0,
        0,
        exercise,
        hostNanos(r.time(first)),
        OptionalLong.of(hostNanos(r.time(last))),
        anyPhase ? OptionalInt.of(reps) : OptionalInt.empty(),
        incorrect,
        "");
  }
}
