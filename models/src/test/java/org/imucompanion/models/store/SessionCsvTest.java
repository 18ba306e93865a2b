package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/** The CSV text rules, without a database. */
class SessionCsvTest {
  @Property
  void everyDoubleSurvivesWritingAndParsing(@ForAll double value) {
    double back = SessionCsv.parseValue(Double.toString(value));
    // doubleToLongBits folds NaN payloads, which Double.toString can't carry anyway.
    assertThat(Double.doubleToLongBits(back)).isEqualTo(Double.doubleToLongBits(value));
  }

  @Property
  void quotedCellsSplitBackToTheSameText(
      @ForAll @StringLength(max = 30) @Chars({'a', 'Z', ',', '"', ' ', '_', '1'}) String exercise,
      @ForAll @StringLength(max = 10) @Chars({'a', ',', '"'}) String other) {
    String line = "1," + SessionCsv.quote(exercise) + "," + SessionCsv.quote(other);
    List<String> cells;
    try {
      cells = SessionCsv.split(Path.of("x.csv"), 1, line);
    } catch (SessionStoreException e) {
      throw new AssertionError(e);
    }
    assertThat(cells).containsExactly("1", exercise, other);
  }

  @net.jqwik.api.Example
  void unitsFollowTheCanonicalPrefixes() {
    assertThat(SessionCsv.unitOf("accel_x")).isEqualTo("g");
    assertThat(SessionCsv.unitOf("gravity_z")).isEqualTo("g");
    assertThat(SessionCsv.unitOf("lin_acc_y")).isEqualTo("g");
    assertThat(SessionCsv.unitOf("gyro_y")).isEqualTo("rad/s");
    assertThat(SessionCsv.unitOf("mag_z")).isEqualTo("uT");
    assertThat(SessionCsv.unitOf("emg_7")).isEqualTo("counts");
    assertThat(SessionCsv.unitOf("quat_w")).isEqualTo("1");
  }

  @Property
  void typosAreNotNumbers(@ForAll("typos") String cell) {
    assertThatThrownBy(() -> SessionCsv.parseValue(cell)).isInstanceOf(NumberFormatException.class);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> typos() {
    return net.jqwik.api.Arbitraries.of("", " ", "1.5f", "2d", "0x1p3", "abc", "1,5", "nan", "inf");
  }
}
