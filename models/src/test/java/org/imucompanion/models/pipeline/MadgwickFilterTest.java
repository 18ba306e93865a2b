package org.imucompanion.models.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MadgwickFilterTest {
  @Test
  void firstSampleSetsGravityFromAccelerometer() {
    MadgwickFilter f = new MadgwickFilter(0.1);
    double ax = 0.3;
    double ay = -0.5;
    double az = 0.81;
    double n = Math.sqrt(ax * ax + ay * ay + az * az);
    f.update(ax, ay, az, 0, 0, 0, 0.02);
    assertThat(f.gravity(0)).isCloseTo(ax / n, within(1e-12));
    assertThat(f.gravity(1)).isCloseTo(ay / n, within(1e-12));
    assertThat(f.gravity(2)).isCloseTo(az / n, within(1e-12));
    assertThat(f.linearAcceleration(2)).isCloseTo(az - az / n, within(1e-12));
  }

  @Test
  void upsideDownIsHandled() {
    MadgwickFilter f = new MadgwickFilter(0.1);
    f.update(0, 0, -1, 0, 0, 0, 0.02);
    assertThat(f.gravity(2)).isCloseTo(-1, within(1e-12));
  }

  @Test
  void yawRateIntegratesWithoutDisturbingGravity() {
    MadgwickFilter f = new MadgwickFilter(0.1);
    double dt = 0.01;
    for (int i = 0; i <= 100; i++) {
      f.update(0, 0, 1, 0, 0, Math.PI / 2, dt);
    }
    // 100 steps of dt at pi/2 rad/s about z: a quarter turn, q = (cos 45°, 0, 0, sin 45°).
    // Forward Euler integration: error of order dt^2 per step.
    assertThat(f.quaternion(0)).isCloseTo(Math.cos(Math.PI / 4), within(1e-4));
    assertThat(f.quaternion(3)).isCloseTo(Math.sin(Math.PI / 4), within(1e-4));
    assertThat(f.gravity(2)).isCloseTo(1, within(1e-9));
  }

  @Test
  void gyroTracksATiltAndAccelerometerCorrectsDrift() {
    MadgwickFilter f = new MadgwickFilter(0.1);
    double dt = 0.01;
    double rate = Math.PI / 4; // rad/s about x, for 1 s: tilt of 45°
    f.update(0, 0, 1, 0, 0, 0, dt);
    for (int i = 1; i <= 100; i++) {
      double angle = rate * i * dt;
      // Rotating the sensor by +angle about x moves earth-up to (0, sin, cos) in sensor frame.
      f.update(0, Math.sin(angle), Math.cos(angle), rate, 0, 0, dt);
    }
    assertThat(f.gravity(1)).isCloseTo(Math.sin(Math.PI / 4), within(0.01));
    assertThat(f.gravity(2)).isCloseTo(Math.cos(Math.PI / 4), within(0.01));
    // Now a gyro bias of 0.05 rad/s while holding still: the accelerometer keeps gravity close.
    for (int i = 0; i < 3000; i++) {
      f.update(0, Math.sin(Math.PI / 4), Math.cos(Math.PI / 4), 0.05, 0, 0, dt);
    }
    assertThat(f.gravity(1)).isCloseTo(Math.sin(Math.PI / 4), within(0.02));
  }

  @Test
  void magnetometerVersionKeepsGravityAndUsesDeviceOrientation() {
    MadgwickFilter f = new MadgwickFilter(0.1);
    for (int i = 0; i < 500; i++) {
      f.update(0, 0, 1, 0, 0, 0, 20, 0, -40, 0.02);
    }
    assertThat(f.gravity(2)).isCloseTo(1, within(1e-6));
    f.useDeviceOrientation(Math.cos(Math.PI / 8), Math.sin(Math.PI / 8), 0, 0, 0, 0, 1);
    // A 45° turn about x: earth-up seen in the sensor frame is (0, sin 45°, cos 45°).
    assertThat(f.gravity(1)).isCloseTo(Math.sin(Math.PI / 4), within(1e-12));
    assertThat(f.linearAcceleration(2)).isCloseTo(1 - Math.cos(Math.PI / 4), within(1e-12));
  }
}
