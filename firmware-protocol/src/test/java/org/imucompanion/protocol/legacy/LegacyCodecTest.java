package org.imucompanion.protocol.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.imucompanion.protocol.TestVectors;
import org.junit.jupiter.api.Test;

class LegacyCodecTest {

  @Test
  void sharedVectorsEncodeAndDecode() throws ProtocolException {
    for (TestVectors.Legacy v : TestVectors.legacy()) {
      LegacyWristbandPacket p = LegacyCodec.decode(v.valueBytes());
      assertThat(p.accelG().x()).as(v.name()).isEqualTo(v.raw()[0] * 0.001);
      assertThat(p.gyroRadPerS().z()).as(v.name()).isEqualTo(v.raw()[5] * (0.01 * Math.PI / 180.0));
      assertThat(p.magMicroTesla().y()).as(v.name()).isEqualTo(v.raw()[7] * 0.1);
      assertThat(LegacyCodec.encode(p)).as(v.name()).isEqualTo(v.valueBytes());
    }
  }

  @Test
  void theFirstTwentyBytesAreEnoughAsAtTheDefaultMtu() throws ProtocolException {
    TestVectors.Legacy v = TestVectors.legacy().get(0);
    byte[] twenty = Arrays.copyOf(v.valueBytes(), 20);
    assertThat(LegacyCodec.decode(twenty)).isEqualTo(LegacyCodec.decode(v.valueBytes()));
    ProtocolException e = catchThrowableOfType(() -> LegacyCodec.decode(Arrays.copyOf(twenty, 17)), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.offset()).isEqualTo(17);
    e = catchThrowableOfType(() -> LegacyCodec.decode(new byte[33]), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH);
  }

  /**
   * Rebuilds wristband values from real rows of the MPU9250 wristband dataset the way its firmware
   * made them ({@code int16 = round(value * 100)}, nine little-endian int16 in a 32-byte value) and
   * checks that they decode back to those rows. The dataset is read from its path (never
   * committed); the build passes that path as {@code imu.datasets}.
   */
  @Test
  void realDatasetRowsRebuiltAsFirmwareValuesDecodeBackToTheRows() throws IOException, ProtocolException {
    Path file = Path.of(System.getProperty("imu.datasets", "../../shared/datasets"), "mpu9250-wristband", "subject_01.csv");
    assumeThat(Files.isRegularFile(file)).as("dataset not present at " + file.toAbsolutePath()).isTrue();
    List<String> rows = Files.readAllLines(file);
    assertThat(rows.get(0)).startsWith("subject,sample,activity,acc-x-axis");
    int checked = 0;
    for (String row : rows.subList(1, Math.min(rows.size(), 41))) {
      String[] cells = row.split(",");
      double[] values = new double[9];
      byte[] value = new byte[32];
      for (int i = 0; i < 9; i++) {
        values[i] = Double.parseDouble(cells[3 + i]);
        int raw = (int) Math.round(values[i] * 100);
        value[2 * i] = (byte) raw;
        value[2 * i + 1] = (byte) (raw >> 8);
      }
      LegacyWristbandPacket p = LegacyCodec.decode(value);
      // The collecting PC divided each count by 100: mg/100, (0.01 °/s)/100, mG/100.
      assertThat(p.accelG().x() * 1000 / 100).isCloseTo(values[0], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(p.accelG().z() * 1000 / 100).isCloseTo(values[2], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(Math.toDegrees(p.gyroRadPerS().y())).isCloseTo(values[4], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(p.magMicroTesla().z() * 10 / 100).isCloseTo(values[8], org.assertj.core.data.Offset.offset(1e-9));
      checked++;
    }
    assertThat(checked).isEqualTo(40);
  }

  @Property(tries = 300)
  void decodeOfEncodeIsIdentity(@ForAll("raw9") short[] raw) throws ProtocolException {
    byte[] value = new byte[32];
    for (int i = 0; i < 9; i++) {
      value[2 * i] = (byte) raw[i];
      value[2 * i + 1] = (byte) (raw[i] >> 8);
    }
    assertThat(LegacyCodec.encode(LegacyCodec.decode(value))).isEqualTo(value);
  }

  @Property(tries = 1000)
  void randomBytesOnlyEverRaiseTheCheckedException(@ForAll byte[] bytes) {
    try {
      LegacyCodec.decode(bytes);
      assertThat(bytes.length).isBetween(18, 32);
    } catch (ProtocolException expected) {
      assertThat(expected.offset()).isBetween(0, bytes.length);
    }
  }

  @Provide
  Arbitrary<short[]> raw9() {
    return Arbitraries.shorts().array(short[].class).ofSize(9);
  }
}
