package org.imucompanion.protocol.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.imucompanion.protocol.ProtocolException;
import org.imucompanion.protocol.Quaternion;
import org.imucompanion.protocol.Vector3;
import org.imucompanion.protocol.legacy.LegacyCodec;
import org.imucompanion.protocol.legacy.LegacyWristbandPacket;
import org.imucompanion.protocol.myo.EmgSample;
import org.imucompanion.protocol.myo.MyoCodec;
import org.imucompanion.protocol.myo.MyoEmgPacket;
import org.imucompanion.protocol.myo.MyoImuPacket;
import org.imucompanion.protocol.wristband.AccelRange;
import org.imucompanion.protocol.wristband.GyroRange;
import org.imucompanion.protocol.wristband.WristbandCodec;
import org.imucompanion.protocol.wristband.WristbandConfig;
import org.imucompanion.protocol.wristband.WristbandDataPacket;
import org.imucompanion.protocol.wristband.WristbandSample;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode throughput, in packets per second, for each packet type. Run with
 * {@code mvn -q -pl firmware-protocol -Pbench verify -Dbench=DecodeBenchmark} (see
 * docs/PERFORMANCE.md for recorded figures).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {
  private static final WristbandConfig SIX =
      new WristbandConfig(50, AccelRange.G4, GyroRange.DPS500, false, false, 1);
  private static final WristbandConfig NINE =
      new WristbandConfig(200, AccelRange.G16, GyroRange.DPS2000, true, true, 13);

  private byte[] wristband6x1;
  private byte[] wristband9x13Crc;
  private byte[] legacy;
  private byte[] myoImu;
  private byte[] myoEmg;

  /** Encodes one packet of each type from random samples. */
  @Setup
  public void setUp() {
    Random rnd = new Random(1);
    wristband6x1 = WristbandCodec.encode(packet(rnd, 1, false, false), SIX);
    wristband9x13Crc = WristbandCodec.encode(packet(rnd, 13, true, true), NINE);
    legacy = LegacyCodec.encode(new LegacyWristbandPacket(vec(rnd, 2), vec(rnd, 5), vec(rnd, 50)));
    myoImu = MyoCodec.encodeImu(new MyoImuPacket(new Quaternion(0.5, 0.5, 0.5, 0.5), vec(rnd, 2), vec(rnd, 5)));
    myoEmg = MyoCodec.encodeEmg(new MyoEmgPacket(new EmgSample(1, -2, 3, -4, 5, -6, 7, -8), new EmgSample(8, 7, 6, 5, 4, 3, 2, 1)));
  }

  /**
   * Wristband v1, one 6-axis sample (default MTU).
   *
   * @return the packet
   * @throws ProtocolException never for this input
   */
  @Benchmark
  public WristbandDataPacket wristbandSixAxisOneSample() throws ProtocolException {
    return WristbandCodec.decode(wristband6x1, SIX);
  }

  /**
   * Wristband v1, 13 9-axis samples with CRC (MTU 247).
   *
   * @return the packet
   * @throws ProtocolException never for this input
   */
  @Benchmark
  public WristbandDataPacket wristbandNineAxisThirteenSamplesCrc() throws ProtocolException {
    return WristbandCodec.decode(wristband9x13Crc, NINE);
  }

  /**
   * Legacy Simblee value.
   *
   * @return the packet
   * @throws ProtocolException never for this input
   */
  @Benchmark
  public LegacyWristbandPacket legacySimblee() throws ProtocolException {
    return LegacyCodec.decode(legacy);
  }

  /**
   * Myo IMU value.
   *
   * @return the packet
   * @throws ProtocolException never for this input
   */
  @Benchmark
  public MyoImuPacket myoImu() throws ProtocolException {
    return MyoCodec.decodeImu(myoImu);
  }

  /**
   * Myo EMG value (two samples).
   *
   * @return the packet
   * @throws ProtocolException never for this input
   */
  @Benchmark
  public MyoEmgPacket myoEmg() throws ProtocolException {
    return MyoCodec.decodeEmg(myoEmg);
  }

  private static WristbandDataPacket packet(Random rnd, int n, boolean mag, boolean crc) {
    List<WristbandSample> samples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      samples.add(new WristbandSample(vec(rnd, 2), vec(rnd, 5), mag ? Optional.of(vec(rnd, 50)) : Optional.empty()));
    }
    return new WristbandDataPacket(rnd.nextInt(65536), rnd.nextInt(Integer.MAX_VALUE), mag, crc, samples);
  }

  private static Vector3 vec(Random rnd, double scale) {
    return new Vector3(scale * rnd.nextGaussian(), scale * rnd.nextGaussian(), scale * rnd.nextGaussian());
  }
}
