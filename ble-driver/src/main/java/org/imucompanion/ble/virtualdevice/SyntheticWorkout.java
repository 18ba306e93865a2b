package org.imucompanion.ble.virtualdevice;

import java.time.Duration;
import java.util.Objects;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.myo.EmgSample;

/**
 * A synthetic workout: sets of periodic repetitions separated by rests, looping forever, felt by a
 * sensor on the forearm.
 *
 * <p>Each repetition swings the forearm about the sensor's x axis from the rest pose by {@code
 * amplitude} and back, {@code θ(t) = A (1 − cos 2πt/T) / 2}; gravity and the earth's field are
 * rotated into the sensor frame, the gyroscope reads {@code dθ/dt}, and EMG rises with effort. A
 * little deterministic tremor is added (a function of time only), so the motion is a pure function
 * of time and never exactly still, like a real arm.
 *
 * @param plan how the workout is laid out
 */
public record SyntheticWorkout(SyntheticWorkout.Plan plan) implements MotionSource {

  /**
   * The layout of a workout.
   *
   * @param warmUp rest before the first set
   * @param sets sets per round (the workout loops)
   * @param repsPerSet repetitions in each set
   * @param repPeriod time for one repetition
   * @param restBetweenSets rest after each set
   * @param amplitudeRad how far each repetition swings the forearm, radians
   */
  public record Plan(
      Duration warmUp,
      int sets,
      int repsPerSet,
      Duration repPeriod,
      Duration restBetweenSets,
      double amplitudeRad) {

    /**
     * Validates the layout.
     *
     * @param warmUp see {@link #warmUp()}
     * @param sets see {@link #sets()}
     * @param repsPerSet see {@link #repsPerSet()}
     * @param repPeriod see {@link #repPeriod()}
     * @param restBetweenSets see {@link #restBetweenSets()}
     * @param amplitudeRad see {@link #amplitudeRad()}
     */
    public Plan {
      Objects.requireNonNull(warmUp, "warmUp");
      Objects.requireNonNull(repPeriod, "repPeriod");
      Objects.requireNonNull(restBetweenSets, "restBetweenSets");
      if (sets < 1 || repsPerSet < 1) {
        throw new IllegalArgumentException("at least one set of one repetition");
      }
      if (repPeriod.isNegative() || repPeriod.isZero()) {
        throw new IllegalArgumentException("repPeriod must be positive");
      }
      if (warmUp.isNegative() || restBetweenSets.isNegative()) {
        throw new IllegalArgumentException("rests must not be negative");
      }
      if (!(Math.abs(amplitudeRad) <= Math.PI)) {
        throw new IllegalArgumentException("amplitude must be within ±π: " + amplitudeRad);
      }
    }

    /**
     * Returns how long one round (warm-up, then every set with its rest) lasts.
     *
     * @return the period after which the workout repeats
     */
    public Duration round() {
      return warmUp
          .plus(repPeriod.multipliedBy((long) sets * repsPerSet))
          .plus(restBetweenSets.multipliedBy(sets));
    }
  }

  /**
   * Where the workout is at a moment, for tests and demos that need the truth.
   *
   * @param round completed rounds before this one
   * @param set the set (0-based), or -1 during the warm-up
   * @param rep the repetition within the set (0-based), or -1 while resting
   * @param repPhase how far through the repetition (0..1), 0 while resting
   */
  public record Phase(long round, int set, int rep, double repPhase) {

    /**
     * Tells whether the arm is resting.
     *
     * @return true in the warm-up and between sets
     */
    public boolean resting() {
      return rep < 0;
    }
  }

  /** A default demo workout: 3 sets of 8 two-second curls, 10 s rests, 3 s warm-up. */
  public static final Plan DEMO =
      new Plan(Duration.ofSeconds(3), 3, 8, Duration.ofSeconds(2), Duration.ofSeconds(10), 1.6);

  private static final Vector3 EARTH_FIELD_MICRO_TESLA = new Vector3(20.0, 0.0, -43.0);

  /**
   * Validates the plan.
   *
   * @param plan see {@link #plan()}
   */
  public SyntheticWorkout {
    Objects.requireNonNull(plan, "plan");
  }

  /**
   * Returns the demo workout.
   *
   * @return a workout playing {@link #DEMO}
   */
  public static SyntheticWorkout demo() {
    return new SyntheticWorkout(DEMO);
  }

  /**
   * Tells where the workout is at a moment.
   *
   * @param nanos time since the start
   * @return the round, set, repetition and phase
   */
  public Phase phaseAt(long nanos) {
    long t = Math.max(0, nanos);
    long round = plan.round().toNanos();
    long rounds = t / round;
    long in = t % round;
    long warm = plan.warmUp().toNanos();
    if (in < warm) {
      return new Phase(rounds, -1, -1, 0);
    }
    in -= warm;
    long rep = plan.repPeriod().toNanos();
    long setLength = rep * plan.repsPerSet() + plan.restBetweenSets().toNanos();
    int set = (int) (in / setLength);
    long inSet = in % setLength;
    if (inSet >= rep * plan.repsPerSet()) {
      return new Phase(rounds, set, -1, 0);
    }
    return new Phase(rounds, set, (int) (inSet / rep), (double) (inSet % rep) / rep);
  }

  @Override
  public MotionSample sampleAt(long nanos) {
    Phase phase = phaseAt(nanos);
    double seconds = nanos * 1e-9;
    double period = plan.repPeriod().toNanos() * 1e-9;
    double a = plan.amplitudeRad();
    double angle = 0;
    double rate = 0;
    if (!phase.resting()) {
      double w = 2 * Math.PI * phase.repPhase();
      angle = a * (1 - Math.cos(w)) / 2;
      rate = a * Math.PI / period * Math.sin(w);
    }
    // Tremor: small, deterministic, a few incommensurate frequencies.
    double tremor =
        0.01 * Math.sin(2 * Math.PI * 7.3 * seconds)
            + 0.006 * Math.sin(2 * Math.PI * 11.9 * seconds + 1);
    angle += tremor;
    rate +=
        0.01 * 2 * Math.PI * 7.3 * Math.cos(2 * Math.PI * 7.3 * seconds)
            + 0.006 * 2 * Math.PI * 11.9 * Math.cos(2 * Math.PI * 11.9 * seconds + 1);
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    // Sensor frame rotated by `angle` about x: world vectors seen in the sensor frame use R^T.
    Vector3 gravity = new Vector3(0, s, c);
    double armRadius = 0.3; // metres from the elbow: the centripetal and tangential parts
    double centripetal = rate * rate * armRadius / 9.80665;
    Vector3 accel = new Vector3(gravity.x(), gravity.y(), gravity.z() + centripetal);
    Vector3 gyro = new Vector3(rate, 0.002 * Math.sin(2 * Math.PI * 3.1 * seconds), -0.001);
    Vector3 e = EARTH_FIELD_MICRO_TESLA;
    Vector3 mag = new Vector3(e.x(), c * e.y() + s * e.z(), -s * e.y() + c * e.z());
    Quaternion q = new Quaternion(Math.cos(angle / 2), Math.sin(angle / 2), 0, 0);
    double effort =
        phase.resting() ? 0.08 : 0.25 + 0.6 * Math.abs(Math.sin(Math.PI * phase.repPhase()));
    int[] emg = new int[EmgSample.CHANNELS];
    long sampleIndex = Math.floorDiv(nanos, 5_000_000L); // EMG varies at the Myo's 200 Hz
    for (int ch = 0; ch < emg.length; ch++) {
      double noise = unitNoise(sampleIndex * 8 + ch);
      emg[ch] =
          (int) Math.max(-128, Math.min(127, Math.round(noise * 120 * effort * (0.6 + 0.05 * ch))));
    }
    return new MotionSample(accel, gyro, mag, q, new EmgSample(emg));
  }

  /** A hash of an index mapped to -1..1: noise that depends on time only. */
  private static double unitNoise(long index) {
    long z = index * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53 * 2 - 1;
  }
}
