package org.imucompanion.app.athlete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imucompanion.ble.virtualdevice.MotionSample;
import org.imucompanion.ble.virtualdevice.MotionSource;
import org.imucompanion.ble.virtualdevice.RecordedMotion;
import org.imucompanion.models.athlete.VirtualAthlete;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AthleteMotionTest {
  @Test
  void theDemoPerformsTheVirtualAthletesWorkout() {
    AthleteMotion motion = AthleteMotion.demo();
    VirtualAthlete athlete = motion.athlete();
    for (long ms = 0; ms < 90_000; ms += 333) {
      MotionSample s = motion.sampleAt(ms * 1_000_000L);
      VirtualAthlete.Reading r = athlete.at(ms / 1000.0);
      assertThat(s.accelG().x())
          .isCloseTo(r.accelG()[0], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(s.gyroRadPerS().z())
          .isCloseTo(r.gyroRadPerS()[2], org.assertj.core.data.Offset.offset(1e-6));

      // The magnetometer turns with the device: its field keeps the earth's strength.
      assertThat(s.magMicroTesla().norm()).isCloseTo(Math.hypot(20, 44),
          org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void aChoiceNamesTheMotion() {
    assertThat(MotionChoice.parse("athlete")).isInstanceOf(AthleteMotion.class);
    MotionSource seeded = MotionChoice.parse("athlete:5");
    assertThat(((AthleteMotion) seeded).athlete().seed()).isEqualTo(5);
    assertThatThrownBy(() -> MotionChoice.parse("athlete:x"))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> MotionChoice.parse("curls"))
        .hasMessageContaining("unknown motion 'curls'");
  }

  @Test
  void aDatasetSessionPlaysAsRecordedMotion(@TempDir Path dir) throws IOException {
    // A tiny generated Exermote-format session: 20 rows at 10 Hz, arm still, y up.
    StringBuilder csv = new StringBuilder("timeStampSaved,Device: xGravity,Device: yGravity,"
        + "Device: zGravity,Device: xAcceleration,Device: yAcceleration,Device: zAcceleration,"
        + "Device: xRotationRate,Device: yRotationRate,Device: zRotationRate,exerciseType,"
        + "exerciseSubType,individual\n");
    for (int i = 0; i < 20; i++) {
      csv.append(String.format(java.util.Locale.ROOT,
          "2017-03-30 18:50:%02d:%03d,0,-1,0,0,0,-0.1,0.5,0,0,setBreak,setBreak,3%n",
          i / 10, (i % 10) * 100));
    }
    Files.writeString(dir.resolve("s Individual 3.csv"), csv.toString());
    MotionSource m = MotionChoice.parse("dataset:" + dir + ":exermote:3:");
    assertThat(m).isInstanceOf(RecordedMotion.class);
    MotionSample s = m.sampleAt(500_000_000L);
    // CoreMotion's sign is turned to the MEMS one by the reader: +1 g up, user accel negated.
    assertThat(s.accelG().y()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.accelG().z()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.gyroRadPerS().x()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThatThrownBy(() -> MotionChoice.parse("dataset:" + dir + ":exermote:9:"))
        .hasMessageContaining("subject '9'");
    assertThatThrownBy(() -> MotionChoice.parse("dataset:" + dir + ":nope:3:"))
        .hasMessageContaining("unknown dataset format 'nope'");
  }
}
