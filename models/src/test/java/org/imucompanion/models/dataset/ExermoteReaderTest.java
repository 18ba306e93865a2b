package org.imucompanion.models.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imucompanion.models.Channels;
import org.imucompanion.models.Recording;
import org.imucompanion.models.RepPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExermoteReaderTest {
  static final String HEADER =
      "Right Hand: nearableID,Right Hand: xAcceleration,Device: xGravity,Device: yGravity,"
          + "Device: zGravity,Device: xAcceleration,Device: yAcceleration,Device: zAcceleration,"
          + "Device: pitch,Device: roll,Device: yaw,Device: xRotationRate,Device: yRotationRate,"
          + "Device: zRotationRate,exerciseType,exerciseSubType,timeStampSaved,individual";

  @TempDir Path dir;

  static String row(String device, String type, String sub, String stamp, String individual) {
    return "abc,1.0," + device + "," + type + "," + sub + "," + stamp + "," + individual;
  }

  static final String GOOD = "-0.27,0.94,0.21,0.04,0.03,0.03,-1.22,-2.23,-1.92,-0.58,0.07,0.29";

  @Test
  void readsValuesInCanonicalSignAndRepairsOrDropsBadRows() throws IOException {
    List<String> lines = List.of(
        HEADER,
        // A session's first row: empty Device cells, nothing to repair from -> dropped.
        row(",,,,,,,,,,,", "setBreak", "setBreak", "2017-03-30 18:45:36:794", "3"),
        row(GOOD, "setBreak", "setBreak", "2017-03-30 18:45:36:887", "3"),
        // One unparsable number mid-session -> repaired from the previous row.
        row("-0.24,0.94,0.25,0.01,oops,0.08,-1.21,-2.39,-2.1,-0.57,0.29,0.43",
            "Squat", "firstHalf", "2017-03-30 18:45:36:986", "3"),
        // Unparsable time stamp -> dropped.
        row(GOOD, "Squat", "firstHalf", "yesterday", "3"),
        // Time going backwards -> dropped.
        row(GOOD, "Squat", "firstHalf", "2017-03-30 18:45:36:900", "3"),
        row(GOOD, "Squat", "secondHalf", "2017-03-30 18:45:37:087", "3"),
        "",
        row(GOOD, "Break", "Break", "2017-03-30 18:45:37:187", "3"));
    Files.write(dir.resolve("2017-03-30 18-50-49 Individual 3.csv"), lines);

    Dataset ds = new ExermoteReader().read(dir);

    assertThat(ds.recordings()).hasSize(1);
    Recording r = ds.recordings().get(0);
    assertThat(r.subject()).isEqualTo("3");
    assertThat(r.sessionId()).isEqualTo("2017-03-30 18-50-49 Individual 3");
    assertThat(r.size()).isEqualTo(4);
    assertThat(r.time(0)).isZero();
    assertThat(r.time(1)).isCloseTo(0.099, within(1e-12));
    assertThat(r.time(3)).isCloseTo(0.300, within(1e-12));

    int gx = r.layout().require(Channels.GRAVITY_X);
    int ly = r.layout().require(Channels.LIN_ACC_Y);
    int az = r.layout().require(Channels.ACCEL_Z);
    int wz = r.layout().require(Channels.GYRO_Z);
    assertThat(r.value(gx, 0)).isEqualTo(0.27);
    assertThat(r.value(az, 0)).isCloseTo(-(0.21 + 0.03), within(1e-12));
    assertThat(r.value(wz, 0)).isEqualTo(0.29);
    // The repaired cell (yAcceleration) holds the previous row's value; the rest are new.
    assertThat(r.value(ly, 1)).isEqualTo(-0.03);
    assertThat(r.value(gx, 1)).isEqualTo(0.24);

    assertThat(r.labelName(0)).isEqualTo("setBreak");
    assertThat(r.labelName(1)).isEqualTo("Squat");
    assertThat(r.phase(1)).isEqualTo(RepPhase.FIRST_HALF);
    assertThat(r.phase(2)).isEqualTo(RepPhase.SECOND_HALF);
    assertThat(r.phase(3)).isEqualTo(RepPhase.NONE);

    assertThat(ds.droppedRows()).isEqualTo(3);
    assertThat(ds.repairedRows()).isEqualTo(1);
    assertThat(ds.issues()).extracting(RowIssue::line).containsExactly(2, 4, 5, 6);
    assertThat(ds.issues().get(1).column()).isEqualTo("Device: yAcceleration");
    assertThat(ds.summary()).contains("1 sessions", "4 samples", "1 rows repaired", "3 dropped");
  }

  @Test
  void missingColumnNamesFileAndColumn() throws IOException {
    Path file = dir.resolve("s Individual 1.csv");
    Files.write(file, List.of(HEADER.replace("Device: zRotationRate", "Device: zRot"),
        row(GOOD, "Squat", "firstHalf", "2017-03-30 18:45:36:986", "1")));
    assertThatThrownBy(() -> new ExermoteReader().read(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("s Individual 1.csv")
        .hasMessageContaining("Device: zRotationRate")
        .satisfies(e -> assertThat(((DatasetFormatException) e).column())
            .contains("Device: zRotationRate"));
  }

  @Test
  void directoryWithoutCsvIsAClearError() {
    assertThatThrownBy(() -> new ExermoteReader().read(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("no .csv files");
    assertThatThrownBy(() -> new ExermoteReader().read(dir.resolve("nope")))
        .hasMessageContaining("not a directory");
  }

  @Test
  void subjectFallsBackToFileNameAndFilesAreSorted() throws IOException {
    for (String name : List.of("b Individual 2.csv", "a Individual 4.csv")) {
      Files.write(dir.resolve(name), List.of(HEADER,
          row(GOOD, "Situp", "firstHalf", "2017-03-30 18:45:36:986", "")));
    }
    List<RowIssue> issues = new ArrayList<>();
    Dataset ds = new ExermoteReader().read(dir);
    assertThat(ds.recordings()).extracting(Recording::subject).containsExactly("4", "2");
    assertThat(issues).isEmpty();
  }

  @Test
  void valuesOutsideThePhysicalRangeAndForeignSubjectsAreRefusedWithLineAndColumn()
      throws IOException {
    Path file = dir.resolve("s Individual 1.csv");
    String farTooFast = GOOD.replace("-0.58,0.07,0.29", "-0.58,51,0.29");
    Files.write(file, List.of(HEADER,
        row(GOOD, "Squat", "firstHalf", "2017-03-30 18:45:36:986", "1"),
        row(farTooFast, "Squat", "firstHalf", "2017-03-30 18:45:37:086", "1")));
    assertThatThrownBy(() -> new ExermoteReader().read(dir))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(file + ": line 3, column 13 (Device: yRotationRate): '51': 51.0 rad/s is"
            + " outside the physical range of ±50 rad/s");

    Files.write(file, List.of(HEADER,
        row(GOOD, "Squat", "firstHalf", "2017-03-30 18:45:36:986", "1"),
        row(GOOD, "Squat", "firstHalf", "2017-03-30 18:45:37:086", "2")));
    assertThatThrownBy(() -> new ExermoteReader().read(dir))
        .hasMessage(file + ": line 3, column 18 (individual): subject '2' differs from subject"
            + " '1' of line 2; a file is one session of one person");

    Files.write(file, List.of(HEADER,
        row(GOOD, "Squat", "firstHalf", "2017-03-30 18:45:36:986", "one")));
    assertThatThrownBy(() -> new ExermoteReader().read(dir))
        .hasMessage(file + ": line 2, column 18 (individual): subject id 'one' is not a whole"
            + " number");

    Files.write(file, List.of(HEADER));
    assertThatThrownBy(() -> new ExermoteReader().read(dir))
        .hasMessage(file + ": no data rows after the header");
  }
}
