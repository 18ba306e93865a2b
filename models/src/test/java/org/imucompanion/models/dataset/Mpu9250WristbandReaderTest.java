package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mpu9250WristbandReaderTest {
  static final String HEADER = "subject,sample,activity,acc-x-axis,acc-y-axis,acc-z-axis,"
      + "gyro-x-axis,gyro-y-axis,gyro-z-axis,mag-x-axis,mag-y-axis,mag-z-axis";

  @TempDir Path dir;

  @Test
  void convertsUnitsSplitsActivitiesAndDropsBadRows() throws IOException {
    Files.write(dir.resolve("subject_07.csv"), List.of(
        HEADER,
        "7,0,Pushup,-17.02,9.0,0.13,-83.68,-8.78,57.38,-5.16,4.68,-2.65",
        "7,1,Pushup,-4.84,9.61,-2.57,8.56,-7.94,-5.1,-5.23,4.57,-3.29",
        "7,2,Pushup,x,9.61,-2.57,8.56,-7.94,-5.1,-5.23,4.57,-3.29",
        "7,3,Pushup,-4.84,9.61,-2.57,8.56,-7.94,-5.1,-5.23,4.57,",
        "7,4,Pushup,1,2,3,4,5,6,7,8,9",
        "7,0,Squat,0,10,0,180,0,0,1,1,1",
        "7,1,Squat,0,10,0,0,0,0,1,1,1",
        "7,0,Pushup,0,10,0,0,0,0,1,1,1"));

    Dataset ds = new Mpu9250WristbandReader().read(dir);

    assertThat(ds.recordings()).extracting(Recording::sessionId)
        .containsExactly("subject_7/Pushup", "subject_7/Squat", "subject_7/Pushup#1");
    Recording pushup = ds.recordings().get(0);
    assertThat(pushup.subject()).isEqualTo("7");
    assertThat(pushup.size()).isEqualTo(3);
    // Dropped rows leave a gap in time instead of shifting later samples.
    assertThat(pushup.time(2)).isCloseTo(4 * 0.35, within(1e-12));
    assertThat(pushup.value(pushup.layout().require(Channels.ACCEL_X), 0))
        .isCloseTo(-1.702, within(1e-12));
    assertThat(pushup.value(pushup.layout().require(Channels.GYRO_X), 0))
        .isCloseTo(Math.toRadians(-83.68), within(1e-12));
    assertThat(pushup.value(pushup.layout().require(Channels.MAG_Z), 0))
        .isCloseTo(-26.5, within(1e-12));
    Recording squat = ds.recordings().get(1);
    assertThat(squat.value(squat.layout().require(Channels.GYRO_X), 0))
        .isCloseTo(Math.PI, within(1e-12));
    assertThat(squat.labelName(0)).isEqualTo("Squat");

    assertThat(ds.droppedRows()).isEqualTo(2);
    assertThat(ds.issues()).extracting(RowIssue::column)
        .containsExactly("acc-x-axis", "mag-z-axis");
  }

  @Test
  void missingColumnNamesFileAndColumn() throws IOException {
    Files.write(dir.resolve("subject_01.csv"),
        List.of(HEADER.replace(",mag-y-axis", ""), "1,0,Pushup,1,2,3,4,5,6,7,8"));
    assertThatThrownBy(() -> new Mpu9250WristbandReader().read(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("subject_01.csv")
        .hasMessageContaining("'mag-y-axis'");
  }

  @Test
  void pollPeriodSetsTimeAndRate() throws IOException {
    Files.write(dir.resolve("subject_02.csv"), List.of(HEADER,
        "2,0,Lunge,0,10,0,0,0,0,1,1,1", "2,1,Lunge,0,10,0,0,0,0,1,1,1"));
    Mpu9250WristbandReader reader = new Mpu9250WristbandReader(0.5);
    assertThat(reader.sampleRateHz()).isEqualTo(2.0);
    assertThat(reader.read(dir).recordings().get(0).time(1)).isEqualTo(0.5);
  }
}
