package org.imucompanion.ble.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

  @Test
  void delaysGrowByTheMultiplierUpToTheCap() {
    ReconnectPolicy p = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0);
    assertThat(p.delayBefore(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(p.delayBefore(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delayBefore(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(p.delayBefore(4)).isEqualTo(Duration.ofMillis(500));
    assertThat(p.delayBefore(1000)).isEqualTo(Duration.ofMillis(500));
  }

  @Property(tries = 200)
  void aJitteredWaitLiesBetweenItsShareAndTheCappedDelay(@ForAll @IntRange(min = 1, max = 40) int attempt) {
    Duration d = ReconnectPolicy.DEFAULT.delayBefore(attempt);
    Duration w = ReconnectPolicy.DEFAULT.jitteredDelayBefore(attempt);
    assertThat(w).isLessThanOrEqualTo(d);
    assertThat(w.toNanos()).isGreaterThanOrEqualTo((long) (d.toNanos() * (1 - ReconnectPolicy.DEFAULT.jitter())) - 1);
  }

  @Test
  void jitterSpreadsTheWaitsOfDevicesThatLostTheirLinkTogether() {
    java.util.Set<Duration> waits = new java.util.HashSet<>();
    for (int i = 0; i < 50; i++) {
      waits.add(ReconnectPolicy.DEFAULT.jitteredDelayBefore(3));
    }
    assertThat(waits).hasSizeGreaterThan(10);
    assertThat(new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0).jitteredDelayBefore(2))
        .isEqualTo(Duration.ofMillis(200));
    assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 1, 0, 1.5))
        .hasMessage("jitter must be 0..1: 1.5");
  }

  @Test
  void goneRefusedForeignNoAdapterAndClosedArePermanentTheRestIsNot() {
    ReconnectPolicy p = ReconnectPolicy.DEFAULT;
    for (org.imucompanion.ble.BleException.Reason r : org.imucompanion.ble.BleException.Reason.values()) {
      boolean permanent =
          p.isPermanent(new org.imucompanion.ble.BleException(r, "x"));
      assertThat(permanent)
          .as("%s", r)
          .isEqualTo(
              java.util.EnumSet.of(
                      org.imucompanion.ble.BleException.Reason.NOT_FOUND,
                      org.imucompanion.ble.BleException.Reason.REFUSED,
                      org.imucompanion.ble.BleException.Reason.NOT_SUPPORTED,
                      org.imucompanion.ble.BleException.Reason.UNAVAILABLE,
                      org.imucompanion.ble.BleException.Reason.CLOSED)
                  .contains(r));
    }
  }

  @Test
  void zeroAttemptsMeansNeverGiveUp() {
    assertThat(ReconnectPolicy.DEFAULT.allows(1_000_000)).isTrue();
    ReconnectPolicy three = new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 1.0, 3);
    assertThat(three.allows(2)).isTrue();
    assertThat(three.allows(3)).isFalse();
  }

  @Test
  void nonsenseIsRejected() {
    assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReconnectPolicy.DEFAULT.delayBefore(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void delaysNeverShrinkAndNeverExceedTheCap(@ForAll @IntRange(min = 1, max = 200) int attempt) {
    ReconnectPolicy p = ReconnectPolicy.DEFAULT;
    assertThat(p.delayBefore(attempt + 1)).isGreaterThanOrEqualTo(p.delayBefore(attempt));
    assertThat(p.delayBefore(attempt)).isLessThanOrEqualTo(p.maxDelay());
  }
}
