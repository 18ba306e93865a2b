package org.imucompanion.models.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The CSV text rules, without a database. */
class SessionCsvTest {
  @Property
  void everyDoubleSurvivesWritingAndParsing(@ForAll double value) {
    double back = SessionCsv.parseValue(Double.toString(value));
    // doubleToLongBits folds NaN payloads, which Double.toString can't carry anyway.
    assertThat(Double.doubleToLongBits(back)).isEqualTo(Double.doubleToLongBits(value));
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
