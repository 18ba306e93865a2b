package org.imucompanion.models.athlete;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.imucompanion.models.RepPhase;

/**
 * A seeded, deterministic workout performed from {@link AthleteTemplates}, as a pure function of
 * time: {@link #at(double)} gives what an arm-worn IMU reads at any moment, plus the truth (label,
 * set and repetition) for tests.
 *
 * <p>The plan: a short warm-up rest, then {@code setsPerExercise} sets of each exercise in a
 * seeded order, each with a number of repetitions drawn from the templates' range (clamped to
 * 2..10), pauses between repetitions and rests between sets drawn from their measured
 * distributions. Every repetition gets its own tempo, amplitude and a small tilt of the arm; the
 * athlete wears the device at an orientation drawn from the measured spread between subjects.
 * After the last set the workout starts again, identically.
 *
 * <p>Gravity is built first (template shape, amplitude, tilt, slow noise, smooth transitions into
 * pauses and rests); the angular rate is then derived from its change (the component that tilts
 * gravity, {@code ω⊥ = (dg/dt × g) / |g|²}), plus the template's twist about gravity, so an
 * orientation filter fed accelerometer and gyroscope recovers the same gravity. Linear
 * acceleration is the template's, scaled by amplitude and tempo. Truth labels follow the
 * recordings: repetitions are the exercise, pauses between them and rests between sets are
 * {@link #REST}.
 */
public final class VirtualAthlete {
  /** The label of everything that is not a repetition. */
  public static final String REST = "Rest";

  /** Seconds of rest before the first set. */
  static final double WARM_UP_S = 6.0;
  /** How long the arm takes to move between a rest pose and an exercise pose. */
  private static final double REST_RAMP_S = 1.2;
  private static final double PAUSE_RAMP_S = 0.4;
  /** Knot spacing of the slow noise, s: people drift at a few hertz, not at white-noise rates. */
  private static final double NOISE_KNOT_S = 0.15;
  /** Share of the measured unexplained variation played as slow noise. */
  private static final double NOISE_SHARE = 0.15;
  private static final double REST_NOISE_SHARE = 0.3;
  private static final double DERIVATIVE_STEP_S = 0.002;

  /** What kind of moment a segment is. */
  public enum Kind {
    /** A repetition of an exercise. */
    REPETITION,
    /** A pause between repetitions of a set. */
    PAUSE,
    /** A rest between sets (and the warm-up). */
    REST
  }

  /**
   * The truth at a moment.
   *
   * @param label the exercise during a repetition, {@link #REST} otherwise
   * @param kind repetition, pause or rest
   * @param set index of the set in the workout (0-based; during a pause the set it belongs to;
   *     -1 while resting between sets)
   * @param rep index of the repetition in its set (0-based), -1 outside repetitions
   * @param half which half of the repetition (the template's first half lasts its {@link
   *     ExerciseTemplate#firstHalfShare()} of the repetition), {@link RepPhase#NONE} outside
   *     repetitions: what Exermote's {@code firstHalf} / {@code secondHalf} labels mark
   * @param round how many times the workout has already been completed
   */
  public record Truth(String label, Kind kind, int set, int rep, RepPhase half, long round) {}

  /**
   * One planned set.
   *
   * @param exercise its exercise
   * @param startSeconds start of its first repetition (within one round)
   * @param endSeconds end of its last repetition
   * @param repetitionEndsSeconds end of every repetition
   */
  public record PlannedSet(
      String exercise, double startSeconds, double endSeconds, List<Double> repetitionEndsSeconds) {
    /** Copies the list. */
    public PlannedSet {
      repetitionEndsSeconds = List.copyOf(repetitionEndsSeconds);
    }

    /**
     * Number of repetitions.
     *
     * @return the count
     */
    public int repetitions() {
      return repetitionEndsSeconds.size();
    }
  }

  /**
   * What the sensors read at a moment, in the device frame.
   *
   * @param accelG specific force (gravity + linear acceleration), g; +1 g up when still
   * @param gyroRadPerS angular rate, rad/s
   * @param gravity gravity part of {@code accelG} (unit vector, up), g
   * @param linearAccelerationG linear acceleration, g
   * @param quaternion orientation sensor to earth (w, x, y, z), consistent with {@code gravity}
   * @param emg eight EMG channels, -128..127, louder the harder the movement
   * @param truth the label, set and repetition at this moment
   */
  public record Reading(
      double[] accelG,
      double[] gyroRadPerS,
      double[] gravity,
      double[] linearAccelerationG,
      double[] quaternion,
      int[] emg,
      Truth truth) {
    /**
     * What a 6-axis wristband sends: accelerometer x, y, z then gyroscope x, y, z.
     *
     * @param into at least six values, the first six overwritten
     */
    public void accelGyroInto(double[] into) {
      System.arraycopy(accelG, 0, into, 0, 3);
      System.arraycopy(gyroRadPerS, 0, into, 3, 3);
    }
  }

  private record Segment(
      Kind kind,
      double start,
      double end,
      int templateIndex,
      int set,
      int rep,
      double amplitude,
      double[] tiltAxis,
      double tiltRad,
      double[] gFrom,
      double[] gHold,
      double[] gTo) {}

  private final AthleteTemplates templates;
  private final long seed;
  private final List<Segment> segments;
  private final List<PlannedSet> sets;
  private final double roundSeconds;
  private final double[][] orientation;
  private final double[][] templateMeanGravity;

  private VirtualAthlete(AthleteTemplates templates, long seed, int setsPerExercise) {
    this.templates = Objects.requireNonNull(templates, "templates");
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    RestTemplate rest = templates.rest();
    List<ExerciseTemplate> ex = templates.exercises();
    templateMeanGravity = new double[ex.size()][];
    for (int i = 0; i < ex.size(); i++) {
      double[] m = new double[3];
      for (int d = 0; d < 3; d++) {
        for (double v : ex.get(i).shape()[d]) {
          m[d] += v;
        }
      }
      templateMeanGravity[i] = TemplateBuilder.unit(m);
    }
    // How this athlete wears the device: one rotation for the whole workout.
    double[] axis = randomUnit(random);
    double angle = clampedGaussian(random, 0, rest.orientationSpreadRad(), 1.5);
    orientation = rotation(axis, angle);

    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < setsPerExercise; s++) {
      List<Integer> round = new ArrayList<>();
      for (int i = 0; i < ex.size(); i++) {
        round.add(i);
      }
      Collections.shuffle(round, new java.util.Random(random.nextLong()));
      order.addAll(round);
    }
    List<Segment> segs = new ArrayList<>();
    List<PlannedSet> planned = new ArrayList<>();
    double t = 0;
    double[] restG = rest.gravity();
    double[] previousEnd = restG;
    double restLength = WARM_UP_S;
    for (int s = 0; s < order.size(); s++) {
      int ti = order.get(s);
      ExerciseTemplate e = ex.get(ti);
      int minReps = Math.max(2, Math.min(10, e.minReps()));
      int maxReps = Math.max(minReps, Math.min(10, e.maxReps()));
      int reps = minReps + random.nextInt(maxReps - minReps + 1);
      List<Segment> repSegs = new ArrayList<>();
      double repStart = t + restLength;
      double cursor = repStart;
      List<Double> ends = new ArrayList<>();
      for (int r = 0; r < reps; r++) {
        double duration = clampedGaussian(random, e.durationMean(), e.durationSd(), 2.5);
        duration = Math.max(0.6 * e.durationMean(), Math.min(1.5 * e.durationMean(), duration));
        double amplitude = 1 + clampedGaussian(random, 0, Math.min(0.25, e.amplitudeSd()), 2);
        double tilt = clampedGaussian(random, 0, rest.orientationSpreadRad() / 4, 2);
        Segment rep = new Segment(Kind.REPETITION, cursor, cursor + duration, ti, s, r,
            amplitude, randomUnit(random), tilt, null, null, null);
        repSegs.add(rep);
        cursor += duration;
        ends.add(cursor);
        if (r + 1 < reps) {
          double pause = clampedGaussian(random, e.pauseMean(), e.pauseSd(), 2);
          pause = Math.max(0.3, Math.min(3.5, pause));
          repSegs.add(new Segment(Kind.PAUSE, cursor, cursor + pause, ti, s, r, 1, null, 0,
              null, e.pauseGravity(), null));
          cursor += pause;
        }
      }
      // The rest before this set moves from the previous pose to this set's start pose.
      Segment firstRep = repSegs.get(0);
      segs.add(new Segment(Kind.REST, t, repStart, -1, -1, -1, 1, null, 0,
          previousEnd, restG, repGravity(firstRep, 0)));
      for (int k = 0; k < repSegs.size(); k++) {
        Segment g = repSegs.get(k);
        if (g.kind() == Kind.PAUSE) {
          g = new Segment(Kind.PAUSE, g.start(), g.end(), ti, s, g.rep(), 1, null, 0,
              repGravity(repSegs.get(k - 1), 1), g.gHold(), repGravity(repSegs.get(k + 1), 0));
        }
        segs.add(g);
      }
      previousEnd = repGravity(repSegs.get(repSegs.size() - 1), 1);
      planned.add(new PlannedSet(e.exercise(), repStart, cursor, ends));
      t = cursor;
      restLength = clampedGaussian(random, rest.durationMean(), rest.durationSd(), 2);
      restLength = Math.max(4, restLength);
    }
    // The closing rest returns to the warm-up pose so the next round continues smoothly.
    segs.add(new Segment(Kind.REST, t, t + restLength, -1, -1, -1, 1, null, 0,
        previousEnd, restG, restG));
    this.segments = List.copyOf(segs);
    this.sets = List.copyOf(planned);
    this.roundSeconds = t + restLength;
  }

  /**
   * A workout from the shipped templates with two sets of each exercise.
   *
   * @param seed decides everything that varies
   * @return the athlete
   */
  public static VirtualAthlete of(long seed) {
    return of(AthleteTemplates.shipped(), seed, 2);
  }

  /**
   * A workout from given templates.
   *
   * @param templates the statistics to perform from
   * @param seed decides everything that varies
   * @param setsPerExercise sets of each exercise per round, at least 1
   * @return the athlete
   */
  public static VirtualAthlete of(AthleteTemplates templates, long seed, int setsPerExercise) {
    if (setsPerExercise < 1) {
      throw new IllegalArgumentException("at least one set per exercise: " + setsPerExercise);
    }
    return new VirtualAthlete(templates, seed, setsPerExercise);
  }

  /**
   * The seed.
   *
   * @return the seed this workout was made from
   */
  public long seed() {
    return seed;
  }

  /**
   * The sets of one round, in time order.
   *
   * @return the planned sets
   */
  public List<PlannedSet> sets() {
    return sets;
  }

  /**
   * How long one round of the workout lasts; it then repeats.
   *
   * @return seconds
   */
  public double roundSeconds() {
    return roundSeconds;
  }

  /**
   * The truth at a moment.
   *
   * @param timeSeconds seconds since the workout started (negative counts as 0)
   * @return label, set and repetition
   */
  public Truth truthAt(double timeSeconds) {
    double t = Math.max(0, timeSeconds);
    long round = (long) Math.floor(t / roundSeconds);
    double local = t - round * roundSeconds;
    Segment s = segmentAt(local);
    return switch (s.kind()) {
      case REPETITION -> {
        ExerciseTemplate e = templates.exercises().get(s.templateIndex());
        // The template aligned every recorded repetition's half-way mark at this share.
        RepPhase half = (local - s.start()) / (s.end() - s.start()) < e.firstHalfShare()
            ? RepPhase.FIRST_HALF : RepPhase.SECOND_HALF;
        yield new Truth(e.exercise(), Kind.REPETITION, s.set(), s.rep(), half, round);
      }
      case PAUSE -> new Truth(REST, Kind.PAUSE, s.set(), -1, RepPhase.NONE, round);
      case REST -> new Truth(REST, Kind.REST, -1, -1, RepPhase.NONE, round);
    };
  }

  /**
   * What the device reads at a moment.
   *
   * @param timeSeconds seconds since the workout started (negative counts as 0)
   * @return the reading
   */
  public Reading at(double timeSeconds) {
    double t = Math.max(0, timeSeconds);
    double[] g = gravity(t);
    double[] ahead = gravity(t + DERIVATIVE_STEP_S);
    double[] behind = gravity(Math.max(0, t - DERIVATIVE_STEP_S));
    double h = t - DERIVATIVE_STEP_S < 0 ? DERIVATIVE_STEP_S : 2 * DERIVATIVE_STEP_S;
    double[] dg = new double[3];
    for (int d = 0; d < 3; d++) {
      dg[d] = (ahead[d] - behind[d]) / h;
    }
    // A vector fixed in the world seen from a frame turning at ω changes as dg/dt = g × ω, so
    // the part of ω that tilts gravity is (dg/dt × g) / |g|².
    double[] omega = cross(dg, g);
    double[] twist = new double[3];
    double[] lin = new double[3];
    double round = Math.floor(t / roundSeconds);
    Segment s = segmentAt(t - round * roundSeconds);
    double local = t - round * roundSeconds;
    int ti = s.templateIndex();
    double noiseShare = s.kind() == Kind.REST ? REST_NOISE_SHARE : NOISE_SHARE;
    double[] noiseSd = s.kind() == Kind.REST || ti < 0
        ? templates.rest().noiseSd() : templates.exercises().get(ti).noiseSd();
    if (s.kind() == Kind.REPETITION) {
      ExerciseTemplate e = templates.exercises().get(ti);
      double phase = (local - s.start()) / (s.end() - s.start());
      double tempo = e.durationMean() / (s.end() - s.start());
      double scale = s.amplitude() * Math.min(2.0, tempo * tempo);
      double[] base = new double[3];
      double[] rate = new double[3];
      for (int d = 0; d < 3; d++) {
        base[d] = e.at(3 + d, phase) * scale * e.energyGain()[3 + d];
        rate[d] = e.at(6 + d, phase) * tempo * e.energyGain()[6 + d];
      }
      lin = rotate(orientation, base);
      // Only the template's turn about gravity: the rest of the rate comes from gravity itself.
      double[] r = rotate(orientation, rate);
      double along = dot(r, g);
      for (int d = 0; d < 3; d++) {
        twist[d] = along * g[d];
      }
    }
    double[] accel = new double[3];
    double[] gyro = new double[3];
    for (int d = 0; d < 3; d++) {
      lin[d] += noiseShare * noiseSd[3 + d] * slowNoise(3 + d, t);
      gyro[d] = omega[d] + twist[d] + noiseShare * 0.3 * noiseSd[6 + d] * slowNoise(6 + d, t);
      accel[d] = g[d] + lin[d];
    }
    double intensity = Math.sqrt(dot(lin, lin)) + 0.2 * Math.sqrt(dot(gyro, gyro));
    return new Reading(accel, gyro, g, lin, quaternionUp(g), emg(t, intensity), truthAt(t));
  }

  /** Gravity (unit, device frame) at a time: pose, amplitude, tilt and slow noise. */
  private double[] gravity(double t) {
    double round = Math.floor(t / roundSeconds);
    double local = t - round * roundSeconds;
    Segment s = segmentAt(local);
    double[] pose = switch (s.kind()) {
      case REPETITION -> repGravity(s, (local - s.start()) / (s.end() - s.start()));
      case PAUSE -> hold(s, local, PAUSE_RAMP_S);
      case REST -> hold(s, local, REST_RAMP_S);
    };
    int ti = s.templateIndex();
    double share = s.kind() == Kind.REST ? REST_NOISE_SHARE : NOISE_SHARE;
    double[] sd = s.kind() == Kind.REST || ti < 0
        ? templates.rest().noiseSd() : templates.exercises().get(ti).noiseSd();
    double[] noisy = new double[3];
    for (int d = 0; d < 3; d++) {
      noisy[d] = pose[d] + share * sd[d] * slowNoise(d, t);
    }
    return rotate(orientation, TemplateBuilder.unit(noisy));
  }

  /** The template's gravity at a repetition's phase, with its amplitude and tilt, unrotated. */
  private double[] repGravity(Segment s, double phase) {
    ExerciseTemplate e = templates.exercises().get(s.templateIndex());
    double[] mean = templateMeanGravity[s.templateIndex()];
    double[] g = new double[3];
    for (int d = 0; d < 3; d++) {
      // Gravity's gain never exceeds 1: it is a direction, and a stronger swing than the mean's
      // turns one burpee's down-and-up into two excursions the rep counter counts twice.
      double gain = Math.min(1.0, e.energyGain()[d]);
      g[d] = mean[d] + s.amplitude() * gain * (e.at(d, phase) - mean[d]);
    }
    // The tilt grows and fades within the repetition so poses at its ends stay continuous.
    double tilt = s.tiltRad() * Math.sin(Math.PI * Math.max(0, Math.min(1, phase)));
    return TemplateBuilder.unit(rotate(rotation(s.tiltAxis(), tilt), g));
  }

  /** A pause or rest: ramp from the pose before into the held pose, then out to the next. */
  private static double[] hold(Segment s, double local, double ramp) {
    double length = s.end() - s.start();
    double r = Math.min(ramp, length / 2);
    double in = (local - s.start()) / r;
    double out = (s.end() - local) / r;
    if (in < 1) {
      return blend(s.gFrom(), s.gHold(), smoothstep(in));
    }
    if (out < 1) {
      return blend(s.gTo(), s.gHold(), smoothstep(out));
    }
    return s.gHold();
  }

  private Segment segmentAt(double local) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (segments.get(mid).start() <= local) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return segments.get(lo);
  }

  /**
   * Smooth value noise with unit standard deviation: Gaussian values at knots, joined by a
   * smoothstep, so it is a pure function of time and differentiable.
   */
  private double slowNoise(int channel, double t) {
    double x = t / NOISE_KNOT_S;
    long k = (long) Math.floor(x);
    double f = smoothstep(x - k);
    return knot(channel, k) * (1 - f) + knot(channel, k + 1) * f;
  }

  private double knot(int channel, long k) {
    return new SplittableRandom(mix(seed, channel, k)).nextGaussian();
  }

  private int[] emg(double t, double intensity) {
    // EMG is noise whose loudness follows the effort; a new draw every millisecond.
    long tick = (long) Math.floor(t * 1000);
    SplittableRandom r = new SplittableRandom(mix(seed, 100, tick));
    int[] out = new int[8];
    for (int i = 0; i < 8; i++) {
      double loud = 2 + 70 * intensity * (0.5 + 0.5 * Math.abs(Math.sin(i * 0.9 + 0.3)));
      out[i] = (int) Math.max(-128, Math.min(127, Math.round(r.nextGaussian() * loud)));
    }
    return out;
  }

  private static long mix(long seed, int channel, long k) {
    long h = seed * 0x9E3779B97F4A7C15L + channel * 0xC2B2AE3D27D4EB4FL + k * 0x165667B19E3779F9L;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }

  /** The shortest rotation taking the device's up (gravity) onto the world's up, as w, x, y, z. */
  static double[] quaternionUp(double[] g) {
    double[] u = TemplateBuilder.unit(g);
    double[] z = {0, 0, 1};
    double c = dot(u, z);
    if (c < -0.999999) {
      return new double[] {0, 1, 0, 0};
    }
    double[] a = cross(u, z);
    double w = 1 + c;
    double n = Math.sqrt(w * w + dot(a, a));
    return new double[] {w / n, a[0] / n, a[1] / n, a[2] / n};
  }

  private static double[] blend(double[] a, double[] b, double f) {
    return TemplateBuilder.unit(new double[] {
      a[0] * (1 - f) + b[0] * f, a[1] * (1 - f) + b[1] * f, a[2] * (1 - f) + b[2] * f});
  }

  private static double smoothstep(double x) {
    double c = Math.max(0, Math.min(1, x));
    return c * c * (3 - 2 * c);
  }

  private static double clampedGaussian(SplittableRandom r, double mean, double sd, double k) {
    double z = Math.max(-k, Math.min(k, r.nextGaussian()));
    return mean + sd * z;
  }

  private static double[] randomUnit(SplittableRandom r) {
    return TemplateBuilder.unit(new double[] {r.nextGaussian(), r.nextGaussian(),
        r.nextGaussian()});
  }

  /** Rodrigues' rotation matrix. */
  private static double[][] rotation(double[] axis, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    double x = axis[0];
    double y = axis[1];
    double z = axis[2];
    return new double[][] {
      {t * x * x + c, t * x * y - s * z, t * x * z + s * y},
      {t * x * y + s * z, t * y * y + c, t * y * z - s * x},
      {t * x * z - s * y, t * y * z + s * x, t * z * z + c}
    };
  }

  private static double[] rotate(double[][] m, double[] v) {
    return new double[] {
      m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
      m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
      m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]
    };
  }

  private static double[] cross(double[] a, double[] b) {
    return new double[] {
      a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  private static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  /**
   * The set a moment belongs to, if any.
   *
   * @param timeSeconds seconds since the workout started
   * @return the planned set during its repetitions and pauses, else empty
   */
  public Optional<PlannedSet> setAt(double timeSeconds) {
    int set = truthAt(timeSeconds).set();
    return set < 0 ? Optional.empty() : Optional.of(sets.get(set));
  }
}
