package org.imucompanion.ble.virtualdevice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SyntheticWorkoutTest {

  private final SyntheticWorkout workout =
      new SyntheticWorkout(
          new SyntheticWorkout.Plan(
              Duration.ofSeconds(2), 2, 3, Duration.ofSeconds(1), Duration.ofSeconds(4), 1.5));

  @Test
  void phasesFollowThePlanAndLoop() {
    assertThat(workout.plan().round()).isEqualTo(Duration.ofSeconds(2 + 2 * 3 + 2 * 4));
    assertThat(workout.phaseAt(0).resting()).isTrue();
    assertThat(workout.phaseAt(0).set()).isEqualTo(-1);
    SyntheticWorkout.Phase p = workout.phaseAt(3_500_000_000L); // warm-up 2 s, then rep 1 half-way
    assertThat(p.set()).isZero();
    assertThat(p.rep()).isEqualTo(1);
    assertThat(p.repPhase()).isCloseTo(0.5, within(1e-9));
    assertThat(workout.phaseAt(6_000_000_000L).resting()).isTrue(); // rest after set 0
    assertThat(workout.phaseAt(9_000_000_000L).set()).isEqualTo(1);
    assertThat(workout.phaseAt(9_000_000_000L).rep()).isZero();
    assertThat(workout.phaseAt(16_000_000_000L + 3_500_000_000L).round()).isEqualTo(1);
    assertThat(workout.phaseAt(16_000_000_000L + 3_500_000_000L).rep()).isEqualTo(1);
  }

  @Test
  void countingPeaksOfTheGyroscopeFindsEveryRepetition() {
    // The angular rate crosses zero upwards once per repetition (start of the swing).
    int reps = 0;
    boolean swinging = false;
    for (long t = 0; t < workout.plan().round().toNanos(); t += 10_000_000L) {
      double rate = workout.sampleAt(t).gyroRadPerS().x();
      if (!swinging && rate > 1.0) {
        reps++;
        swinging = true;
      } else if (swinging && rate < -1.0) {
        swinging = false;
      }
    }
    assertThat(reps).isEqualTo(2 * 3);
  }

  @Property
  void sensorsStayPhysicalAndInRange(@ForAll @LongRange(min = 0, max = 600_000_000_000L) long t) {
    MotionSample m = workout.sampleAt(t);
    assertThat(m.orientation().norm()).isCloseTo(1.0, within(1e-9));
    assertThat(m.magMicroTesla().norm()).isCloseTo(Math.hypot(20, 43), within(1e-9));
    assertThat(m.accelG().norm()).isBetween(0.99, 2.0); // gravity plus centripetal, inside ±4 g
    assertThat(Math.abs(m.gyroRadPerS().x())).isLessThan(8.7); // inside ±500 °/s
    assertThat(workout.sampleAt(t)).as("a pure function of time").isEqualTo(m);
  }
}
