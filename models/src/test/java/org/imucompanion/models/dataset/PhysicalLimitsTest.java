package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-unit limits: the edge is in range, just past it is not, non-finite never is. */
class PhysicalLimitsTest {
  @Test
  void limitsAreInclusiveAndNamedInTheProblem() {
    assertThat(PhysicalLimits.problem(64, "g")).isEmpty();
    assertThat(PhysicalLimits.problem(-64.001, "g")).contains(
        "-64.001 g is outside the physical range of ±64 g");
    assertThat(PhysicalLimits.problem(50, "rad/s")).isEmpty();
    assertThat(PhysicalLimits.problem(50.5, "rad/s")).contains(
        "50.5 rad/s is outside the physical range of ±50 rad/s");
    assertThat(PhysicalLimits.problem(5001, "uT")).contains(
        "5001.0 uT is outside the physical range of ±5000 uT");
    assertThat(PhysicalLimits.problem(-32769, "counts")).isPresent();
    assertThat(PhysicalLimits.problem(1e300, "1")).isEmpty();
  }

  @Test
  void nonFiniteValuesAreNeverInRange() {
    assertThat(PhysicalLimits.problem(Double.NaN, "1")).contains("NaN is not a finite number");
    assertThat(PhysicalLimits.problem(Double.NEGATIVE_INFINITY, "g"))
        .contains("-Infinity is not a finite number");
  }

  @Test
  void unitsFollowTheCanonicalPrefixes() {
    assertThat(PhysicalLimits.unitOf("lin_acc_x")).isEqualTo("g");
    assertThat(PhysicalLimits.unitOf("gyro_z")).isEqualTo("rad/s");
    assertThat(PhysicalLimits.unitOf("mag_y")).isEqualTo("uT");
    assertThat(PhysicalLimits.unitOf("emg_3")).isEqualTo("counts");
    assertThat(PhysicalLimits.unitOf("quat_w")).isEqualTo("1");
  }
}
