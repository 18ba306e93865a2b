package org.imucompanion.protocol.wristband;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.ProtocolException.Reason;
import org.imucompanion.protocol.TestVectors;
import org.imucompanion.protocol.stream.FrameAssembler;
import org.junit.jupiter.api.Test;

class WristbandCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void everySharedVectorEncodesToItsBytesAndDecodesBack() throws ProtocolException {
    List<TestVectors.Wristband> vectors = TestVectors.wristband();
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(10);
    for (TestVectors.Wristband v : vectors) {
      assertThat(HEX.formatHex(v.config().encode())).as(v.name() + " config").isEqualTo(HEX.formatHex(v.configBytes()));
      assertThat(WristbandConfig.decode(v.configBytes())).as(v.name()).isEqualTo(v.config());
      assertThat(HEX.formatHex(WristbandCodec.encode(v.packet(), v.config())))
          .as(v.name() + " packet")
          .isEqualTo(HEX.formatHex(v.packetBytes()));
      assertThat(WristbandCodec.decode(v.packetBytes(), v.config())).as(v.name()).isEqualTo(v.packet());
    }
  }

  @Test
  void documentedExampleDecodesToOneGOnZ() throws ProtocolException {
    // PROTOCOL.md §2.7, computed by hand: 0x21 = version 1, 1 sample; flags 0; seq 0x0102; t0 1 000 000 µs.
    byte[] value = HEX.parseHex("2100020140420f00000000000020000000000000");
    WristbandDataPacket p = WristbandCodec.decode(value, WristbandConfig.DEFAULT);
    assertThat(value).hasSize(20);
    assertThat(p.sequence()).isEqualTo(0x0102);
    assertThat(p.deviceTimeMicros()).isEqualTo(1_000_000L);
    assertThat(p.samples()).hasSize(1);
    assertThat(p.samples().get(0).accelG().z()).isEqualTo(1.0);
    assertThat(p.samples().get(0).accelG().x()).isZero();
    assertThat(p.samples().get(0).magMicroTesla()).isEmpty();
  }

  @Test
  void defaultMtuCarriesOneSixAxisSampleAndMtu247CarriesThirteenNineAxisSamplesWithCrc() {
    assertThat(WristbandCodec.maxSamplesPerPacket(23, false, false)).isEqualTo(1);
    assertThat(WristbandCodec.packetLength(1, false, false)).isEqualTo(20);
    assertThat(WristbandCodec.maxSamplesPerPacket(23, false, true)).isZero();
    assertThat(WristbandCodec.maxSamplesPerPacket(247, true, true)).isEqualTo(13);
    assertThat(WristbandCodec.maxSamplesPerPacket(247, false, false)).isEqualTo(19);
    // 200 Hz 9-axis at MTU 247: 13 samples a packet, about 15.4 notifications per second.
    WristbandConfig fast = new WristbandConfig(200, AccelRange.G16, GyroRange.DPS2000, true, true, 0);
    assertThat(fast.samplesPerPacket(247)).isEqualTo(13);
    assertThat(fast.samplesPerPacket(23)).isZero();
  }

  @Test
  void everyPrefixOfAPacketIsRefusedAsTruncatedAtItsEnd() {
    for (TestVectors.Wristband v : TestVectors.wristband()) {
      byte[] full = v.packetBytes();
      for (int len = 0; len < full.length; len++) {
        byte[] prefix = Arrays.copyOf(full, len);
        ProtocolException e =
            catchThrowableOfType(() -> WristbandCodec.decode(prefix, v.config()), ProtocolException.class);
        assertThat(e).as(v.name() + " prefix " + len).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e.offset()).isEqualTo(len);
      }
    }
  }

  @Test
  void extraBytesAreRefusedAtTheEndOfTheAnnouncedPacket() {
    TestVectors.Wristband v = TestVectors.wristband().get(0);
    byte[] longer = Arrays.copyOf(v.packetBytes(), v.packetBytes().length + 1);
    ProtocolException e = catchThrowableOfType(() -> WristbandCodec.decode(longer, v.config()), ProtocolException.class);
    assertThat(e.reason()).isEqualTo(Reason.BAD_LENGTH);
    assertThat(e.offset()).isEqualTo(v.packetBytes().length);
  }

  @Test
  void headerErrorsNameTheirByte() {
    byte[] good = HEX.parseHex("2100020140420f00000000000020000000000000");
    byte[] badVersion = good.clone();
    badVersion[0] = 0x41;
    byte[] zeroCount = good.clone();
    zeroCount[0] = 0x20;
    byte[] reserved = good.clone();
    reserved[1] = 0x04;
    assertThatThrownBy(() -> WristbandCodec.decode(badVersion, WristbandConfig.DEFAULT))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_VERSION));
    assertThatThrownBy(() -> WristbandCodec.decode(zeroCount, WristbandConfig.DEFAULT))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SAMPLE_COUNT));
    assertThatThrownBy(() -> WristbandCodec.decode(reserved, WristbandConfig.DEFAULT))
        .isInstanceOfSatisfying(
            ProtocolException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.RESERVED_BITS);
              assertThat(e.offset()).isEqualTo(1);
            });
  }

  @Test
  void aFlippedBitInACrcPacketNeverDecodesSilently() {
    TestVectors.Wristband v =
        TestVectors.wristband().stream().filter(x -> x.config().crc()).findFirst().orElseThrow();
    byte[] good = v.packetBytes();
    for (int i = 2; i < good.length; i++) { // bytes 0-1 change the header's meaning instead
      for (int bit = 0; bit < 8; bit++) {
        byte[] bad = good.clone();
        bad[i] ^= (byte) (1 << bit);
        ProtocolException e = catchThrowableOfType(() -> WristbandCodec.decode(bad, v.config()), ProtocolException.class);
        assertThat(e).as("byte " + i + " bit " + bit).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CRC_MISMATCH);
        assertThat(e.offset()).isEqualTo(good.length - 2);
      }
    }
  }

  @Test
  void sampleTimesAdvanceByThePeriodAndWrap() {
    TestVectors.Wristband v = TestVectors.wristband().get(0);
    WristbandDataPacket p =
        new WristbandDataPacket(1, 0xFFFF_FFF0L, false, false, List.of(v.packet().samples().get(0), v.packet().samples().get(0)));
    assertThat(p.sampleTimeMicros(0, 50)).isEqualTo(0xFFFF_FFF0L);
    assertThat(p.sampleTimeMicros(1, 50)).isEqualTo(20_000L - 16);
  }

  @Property(tries = 300)
  void decodeOfEncodeIsIdentity(@ForAll("packets") Case c) throws ProtocolException {
    byte[] bytes = WristbandCodec.encode(c.packet(), c.config());
    assertThat(bytes).hasSize(WristbandCodec.packetLength(c.packet().samples().size(), c.config().magnetometer(), c.config().crc()));
    assertThat(WristbandCodec.decode(bytes, c.config())).isEqualTo(c.packet());
  }

  @Property(tries = 2000)
  void randomBytesOnlyEverRaiseTheCheckedException(@ForAll byte[] bytes) {
    try {
      WristbandDataPacket p = WristbandCodec.decode(bytes, WristbandConfig.DEFAULT);
      assertThat(WristbandCodec.encode(p, WristbandConfig.DEFAULT)).isEqualTo(bytes);
    } catch (ProtocolException expected) {
      assertThat(expected.offset()).isBetween(0, bytes.length);
    }
  }

  @Property(tries = 200)
  void splitAndConcatenatedDeliveryYieldsTheSamePackets(
      @ForAll("packets") Case a, @ForAll("packets") Case b, @ForAll("cuts") List<Integer> cuts) {
    byte[] first = WristbandCodec.encode(a.packet(), a.config());
    byte[] second = WristbandCodec.encode(b.packet(), b.config());
    byte[] stream = new byte[first.length + second.length];
    System.arraycopy(first, 0, stream, 0, first.length);
    System.arraycopy(second, 0, stream, first.length, second.length);
    List<byte[]> got = new ArrayList<>();
    List<ProtocolException> bad = new ArrayList<>();
    FrameAssembler assembler = assembler(got, bad);
    int pos = 0;
    for (int cut : cuts.stream().map(x -> x % (stream.length + 1)).sorted().toList()) {
      assembler.feed(stream, pos, cut - pos);
      pos = cut;
    }
    assembler.feed(stream, pos, stream.length - pos);
    assertThat(bad).isEmpty();
    assertThat(got).containsExactly(first, second);
    assertThat(assembler.pending()).isZero();
  }

  @Test
  void garbageBeforeAPacketIsSkippedAndCountedAndTheNextPacketStillDecodes() throws ProtocolException {
    TestVectors.Wristband v = TestVectors.wristband().get(0);
    List<byte[]> got = new ArrayList<>();
    List<ProtocolException> bad = new ArrayList<>();
    FrameAssembler assembler = assembler(got, bad);
    byte[] garbage = {(byte) 0xFF, 0x00, (byte) 0xE7};
    assembler.feed(garbage, 0, garbage.length);
    assembler.feed(v.packetBytes(), 0, v.packetBytes().length);
    assertThat(bad).hasSize(3);
    assertThat(got).hasSize(1);
    assertThat(WristbandCodec.decode(got.get(0), v.config())).isEqualTo(v.packet());
  }

  private static FrameAssembler assembler(List<byte[]> got, List<ProtocolException> bad) {
    return new FrameAssembler(
        WristbandCodec::frameLength,
        WristbandCodec.packetLength(WristbandCodec.MAX_SAMPLES, true, true),
        new FrameAssembler.Sink() {
          @Override
          public void onPacket(byte[] packet) {
            got.add(packet);
          }

          @Override
          public void onMalformed(ProtocolException error, long streamOffset) {
            bad.add(error);
          }
        });
  }

  record Case(WristbandConfig config, WristbandDataPacket packet) {}

  @Provide
  Arbitrary<List<Integer>> cuts() {
    return Arbitraries.integers().between(0, 1000).list().ofMaxSize(6);
  }

  @Provide
  Arbitrary<Case> packets() {
    Arbitrary<WristbandConfig> configs =
        Combinators.combine(
                Arbitraries.integers().between(1, 1000),
                Arbitraries.of(AccelRange.class),
                Arbitraries.of(GyroRange.class),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .as((odr, a, g, mag, crc) -> new WristbandConfig(odr, a, g, mag, crc, 0));
    return configs.flatMap(
        cfg -> {
          Arbitrary<int[]> raw =
              Arbitraries.shorts().array(short[].class).ofSize(cfg.magnetometer() ? 9 : 6).map(WristbandCodecTest::widen);
          return Combinators.combine(
                  Arbitraries.integers().between(0, 65535),
                  Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                  raw.list().ofMinSize(1).ofMaxSize(WristbandCodec.MAX_SAMPLES))
              .as(
                  (seq, t0, samples) ->
                      new Case(
                          cfg,
                          new WristbandDataPacket(
                              seq,
                              t0,
                              cfg.magnetometer(),
                              cfg.crc(),
                              samples.stream().map(r -> TestVectors.sampleFromRaw(r, cfg)).toList())));
        });
  }

  private static int[] widen(short[] s) {
    int[] out = new int[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = s[i];
    }
    return out;
  }
}
