package org.imucompanion.protocol.wristband;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.junit.jupiter.api.Test;

class WristbandConfigAndControlTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void defaultConfigIsFiftyHertzFourGFiveHundredDps() {
    assertThat(HEX.formatHex(WristbandConfig.DEFAULT.encode())).isEqualTo("0132000101000100");
  }

  @Property(tries = 300)
  void configRoundTrips(
      @ForAll @IntRange(min = 1, max = 1000) int odr,
      @ForAll AccelRange a,
      @ForAll GyroRange g,
      @ForAll boolean mag,
      @ForAll boolean crc,
      @ForAll @IntRange(min = 0, max = 31) int batch)
      throws ProtocolException {
    WristbandConfig c = new WristbandConfig(odr, a, g, mag, crc, batch);
    assertThat(WristbandConfig.decode(c.encode())).isEqualTo(c);
  }

  @Property(tries = 1000)
  void randomConfigBytesOnlyRaiseTheCheckedException(@ForAll byte[] bytes) {
    try {
      assertThat(WristbandConfig.decode(bytes).encode()).isEqualTo(bytes);
    } catch (ProtocolException expected) {
      assertThat(expected.offset()).isBetween(0, bytes.length);
    }
  }

  @Test
  void outOfRangeConfigFieldsNameTheirByte() {
    assertReason("0100000101000100", Reason.BAD_VALUE, 1); // 0 Hz
    assertReason("0132000401000100", Reason.BAD_VALUE, 3); // accel code 4
    assertReason("0132000104000100", Reason.BAD_VALUE, 4); // gyro code 4
    assertReason("0132000101080100", Reason.RESERVED_BITS, 5);
    assertReason("0132000101002000", Reason.BAD_VALUE, 6); // batch 32
    assertReason("0232000101000100", Reason.BAD_VERSION, 0);
    assertReason("01320001010001", Reason.TRUNCATED, 7);
  }

  @Test
  void controlCommandsRoundTripAndUnknownOpcodesAreRefused() throws ProtocolException {
    assertThat(HEX.formatHex(WristbandControl.startStream().encode())).isEqualTo("01");
    assertThat(HEX.formatHex(WristbandControl.stopStream().encode())).isEqualTo("02");
    assertThat(HEX.formatHex(WristbandControl.identify(5).encode())).isEqualTo("0305");
    for (WristbandControl c :
        new WristbandControl[] {WristbandControl.startStream(), WristbandControl.stopStream(), WristbandControl.identify(255)}) {
      assertThat(WristbandControl.decode(c.encode())).isEqualTo(c);
    }
    ProtocolException e = catchThrowableOfType(() -> WristbandControl.decode(new byte[] {0x09}), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_OPCODE);
    e = catchThrowableOfType(() -> WristbandControl.decode(new byte[] {0x01, 0x00}), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH);
    e = catchThrowableOfType(() -> WristbandControl.decode(new byte[] {0x03, 0x00}), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.BAD_VALUE);
  }

  private static void assertReason(String hex, Reason reason, int offset) {
    ProtocolException e = catchThrowableOfType(() -> WristbandConfig.decode(HEX.parseHex(hex)), ProtocolException.class);
    assertThat(e).as(hex).isNotNull();
    assertThat(e.reason()).as(hex).isEqualTo(reason);
    assertThat(e.offset()).as(hex).isEqualTo(offset);
  }
}
