package org.imucompanion.protocol.myo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.junit.jupiter.api.Test;

/** Known vectors computed by hand from myohw.h's scales (PROTOCOL.md §4), little-endian. */
class MyoCodecTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final double DEG = Math.PI / 180;

  @Test
  void imuVectorByHand() throws ProtocolException {
    // qw = 16384 -> 1.0; az = 2048 -> 1 g; gx = 16 -> 1 °/s; gy = -16 -> -1 °/s
    byte[] v = HEX.parseHex("0040" + "0000" + "0000" + "0000" + "0000" + "0000" + "0008" + "1000" + "f0ff" + "0000");
    MyoImuPacket p = MyoCodec.decodeImu(v);
    assertThat(p.orientation()).isEqualTo(new Quaternion(1, 0, 0, 0));
    assertThat(p.accelG()).isEqualTo(new Vector3(0, 0, 1));
    assertThat(p.gyroRadPerS().x()).isCloseTo(DEG, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(p.gyroRadPerS().y()).isCloseTo(-DEG, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(MyoCodec.encodeImu(p)).isEqualTo(v);
  }

  @Test
  void halfTurnAboutZAndNegativeValuesByHand() throws ProtocolException {
    // q = (cos 45°, 0, 0, sin 45°) = 11585/16384 each (0x2d41); ax = -4096 -> -2 g (0xf000)
    byte[] v = HEX.parseHex("412d" + "0000" + "0000" + "412d" + "00f0" + "0000" + "0000" + "0000" + "0000" + "a005");
    MyoImuPacket p = MyoCodec.decodeImu(v);
    assertThat(p.orientation().w()).isEqualTo(11585 / 16384.0);
    assertThat(p.orientation().norm()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(p.accelG().x()).isEqualTo(-2.0);
    assertThat(p.gyroRadPerS().z()).isCloseTo(90 * DEG, org.assertj.core.data.Offset.offset(1e-12)); // 0x05a0 = 1440 / 16
  }

  @Test
  void emgVectorByHand() throws ProtocolException {
    byte[] v = HEX.parseHex("00010203" + "7f80fffe" + "10203040" + "506070f0");
    MyoEmgPacket p = MyoCodec.decodeEmg(v);
    assertThat(p.first()).isEqualTo(new EmgSample(0, 1, 2, 3, 127, -128, -1, -2));
    assertThat(p.second()).isEqualTo(new EmgSample(16, 32, 48, 64, 80, 96, 112, -16));
    assertThat(MyoCodec.encodeEmg(p)).isEqualTo(v);
  }

  @Test
  void wrongLengthsAreRefusedWithTheirOffset() {
    ProtocolException e = catchThrowableOfType(() -> MyoCodec.decodeImu(new byte[19]), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.offset()).isEqualTo(19);
    e = catchThrowableOfType(() -> MyoCodec.decodeEmg(new byte[17]), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH);
    assertThat(e.offset()).isEqualTo(16);
  }

  @Test
  void commandsByHand() throws ProtocolException {
    assertThat(HEX.formatHex(MyoCommand.setMode(MyoCommand.EMG_RAW, MyoCommand.IMU_DATA, MyoCommand.CLASSIFIER_DISABLED).encode()))
        .isEqualTo("0103030100");
    assertThat(HEX.formatHex(MyoCommand.setSleepMode(true).encode())).isEqualTo("090101");
    assertThat(HEX.formatHex(MyoCommand.vibrate(1).encode())).isEqualTo("030101");
    assertThat(HEX.formatHex(MyoCommand.deepSleep().encode())).isEqualTo("0400");
    assertThat(HEX.formatHex(MyoCommand.unlock(2).encode())).isEqualTo("0a0102");
    MyoCommand decoded = MyoCommand.decode(HEX.parseHex("0103030100"));
    assertThat(decoded.opcode()).isEqualTo(MyoCommand.Opcode.SET_MODE);
    assertThat(decoded.payload(0)).isEqualTo(MyoCommand.EMG_RAW);
    assertThat(decoded.payload(1)).isEqualTo(MyoCommand.IMU_DATA);
    assertThat(catchThrowableOfType(() -> MyoCommand.decode(HEX.parseHex("0203000000")), ProtocolException.class).reason())
        .isEqualTo(Reason.UNKNOWN_OPCODE);
    assertThat(catchThrowableOfType(() -> MyoCommand.decode(HEX.parseHex("010201")), ProtocolException.class).reason())
        .isEqualTo(Reason.BAD_VALUE);
  }

  @Test
  void infoVersionBatteryAndClassifierByHand() throws ProtocolException {
    assertThat(MyoCodec.decodeFirmwareVersion(HEX.parseHex("01000500b2070200")))
        .isEqualTo(new MyoFirmwareVersion(1, 5, 1970, 2));
    byte[] infoBytes = HEX.parseHex("a1b2c3d4e5f6" + "0500" + "00" + "01" + "00" + "01" + "02" + "00000000000000");
    MyoFirmwareInfo info = MyoCodec.decodeFirmwareInfo(infoBytes);
    assertThat(info).isEqualTo(new MyoFirmwareInfo("a1b2c3d4e5f6", 5, 0, 1, false, true, 2));
    assertThat(MyoCodec.encodeFirmwareInfo(info)).isEqualTo(infoBytes);
    assertThat(MyoCodec.decodeBatteryLevel(HEX.parseHex("64"))).isEqualTo(100);
    assertThat(catchThrowableOfType(() -> MyoCodec.decodeBatteryLevel(HEX.parseHex("65")), ProtocolException.class).reason())
        .isEqualTo(Reason.BAD_VALUE);
    assertThat(MyoCodec.decodeClassifierEvent(HEX.parseHex("030200"))).isEqualTo(new MyoClassifierEvent.Pose(2));
    assertThat(MyoCodec.decodeClassifierEvent(HEX.parseHex("010102000000"))).isEqualTo(new MyoClassifierEvent.ArmSynced(1, 2));
    assertThat(catchThrowableOfType(() -> MyoCodec.decodeClassifierEvent(HEX.parseHex("03")), ProtocolException.class).reason())
        .isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void uuidsFollowTheMyoBase() {
    assertThat(MyoUuids.IMU_DATA.toString()).isEqualTo("d5060402-a904-deb9-4748-2c7f4a124842");
    assertThat(MyoUuids.EMG_DATA_3.toString()).isEqualTo("d5060405-a904-deb9-4748-2c7f4a124842");
    assertThat(MyoUuids.COMMAND.toString()).isEqualTo("d5060401-a904-deb9-4748-2c7f4a124842");
  }

  @Property(tries = 300)
  void imuRoundTrips(@ForAll("raw10") short[] r) throws ProtocolException {
    byte[] bytes = new byte[20];
    for (int i = 0; i < 10; i++) {
      bytes[2 * i] = (byte) r[i];
      bytes[2 * i + 1] = (byte) (r[i] >> 8);
    }
    assertThat(MyoCodec.encodeImu(MyoCodec.decodeImu(bytes))).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void emgRoundTrips(@ForAll("raw16") byte[] bytes) throws ProtocolException {
    assertThat(MyoCodec.encodeEmg(MyoCodec.decodeEmg(bytes))).isEqualTo(bytes);
  }

  @Property(tries = 2000)
  void randomBytesOnlyEverRaiseTheCheckedException(@ForAll byte[] bytes) {
    for (int kind = 0; kind < 6; kind++) {
      try {
        switch (kind) {
          case 0 -> MyoCodec.decodeImu(bytes);
          case 1 -> MyoCodec.decodeEmg(bytes);
          case 2 -> MyoCodec.decodeFirmwareInfo(bytes);
          case 3 -> MyoCodec.decodeFirmwareVersion(bytes);
          case 4 -> MyoCodec.decodeClassifierEvent(bytes);
          default -> MyoCommand.decode(bytes);
        }
      } catch (ProtocolException expected) {
        assertThat(expected.offset()).isBetween(0, bytes.length);
      }
    }
  }

  @Provide
  Arbitrary<short[]> raw10() {
    return Arbitraries.shorts().array(short[].class).ofSize(10);
  }

  @Provide
  Arbitrary<byte[]> raw16() {
    return Arbitraries.bytes().array(byte[].class).ofSize(16);
  }
}
