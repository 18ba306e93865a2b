package org.imucompanion.models.pipeline.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imucompanion.models.ChannelLayout;
import org.imucompanion.models.Channels;
import org.imucompanion.models.pipeline.PipelineOutput;
import org.imucompanion.models.pipeline.PipelineSettings;
import org.imucompanion.models.pipeline.StreamingPipeline;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Cost of one {@link StreamingPipeline#push} (one device sample in), for the three kinds of
 * stream the app runs:
 *
 * <ul>
 *   <li>{@code wristband6Axis}: 50 Hz accel + gyro to the default model's channels at 10 Hz
 *       (Madgwick, 4th-order anti-alias low-pass on 9 channels, resampling, 40x9 windows);
 *   <li>{@code phoneRecording}: Exermote replay at 10 Hz, channels passed through;
 *   <li>{@code myoEmg}: 200 Hz Myo with quaternion and 8 EMG channels to gravity + lin_acc +
 *       8 EMG envelopes at 50 Hz.
 * </ul>
 *
 * <pre>
 * mvn -B -o -pl models test-compile
 * java -cp models/target/test-classes:models/target/classes:$(cat /tmp/models-test.cp) \
 *   org.imucompanion.models.pipeline.bench.PipelineBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelineBenchmark {
  private StreamingPipeline wristband;
  private StreamingPipeline phone;
  private StreamingPipeline myo;
  private final double[] wristbandSample = new double[6];
  private final double[] phoneSample = new double[9];
  private final double[] myoSample = new double[4 + 3 + 3 + 8];
  private double wristbandTime;
  private double phoneTime;
  private double myoTime;
  private long step;

  /** Blackhole-backed output so windows are consumed, not optimised away. */
  private static PipelineOutput sink(Blackhole bh) {
    return new PipelineOutput() {
      @Override
      public void onSample(double t, double[] values) {
        bh.consume(values[0]);
      }

      @Override
      public void onWindow(float[] window, double end) {
        bh.consume(window[window.length - 1]);
      }
    };
  }

  /**
   * Builds the three pipelines.
   *
   * @param bh JMH's blackhole
   */
  @Setup(Level.Trial)
  public void setUp(Blackhole bh) {
    PipelineSettings def = PipelineSettings.exermoteDefault();
    wristband = new StreamingPipeline(def.withInputRate(50),
        ChannelLayout.of(Stream.of(Channels.ACCEL, Channels.GYRO).flatMap(List::stream).toList()),
        sink(bh));
    phone = new StreamingPipeline(def,
        ChannelLayout.of(Stream.of(Channels.GRAVITY, Channels.LIN_ACC, Channels.GYRO)
            .flatMap(List::stream).toList()), sink(bh));
    List<String> myoOut = Stream.of(Channels.GRAVITY, Channels.LIN_ACC, Channels.EMG)
        .flatMap(List::stream).toList();
    myo = new StreamingPipeline(
        new PipelineSettings(200, 50, 0, 4, 20, 90, 2, 5, 0.1, 0.5, 50, 10, myoOut),
        ChannelLayout.of(Stream.of(Channels.QUAT, Channels.ACCEL, Channels.GYRO, Channels.EMG)
            .flatMap(List::stream).toList()), sink(bh));
  }

  /**
   * One 50 Hz wristband sample.
   */
  @Benchmark
  public void wristband6Axis() {
    double t = step++ * 0.02;
    wristbandSample[0] = 0.1 * Math.sin(t);
    wristbandSample[1] = 0.5;
    wristbandSample[2] = 0.85 + 0.05 * Math.sin(3 * t);
    wristbandSample[3] = 0.2 * Math.cos(t);
    wristbandSample[4] = 0.01;
    wristbandSample[5] = -0.02;
    wristbandTime = t;
    wristband.push(wristbandTime, wristbandSample);
  }

  /**
   * One 10 Hz phone sample (passed through).
   */
  @Benchmark
  public void phoneRecording() {
    double t = step++ * 0.1;
    phoneSample[0] = 0.2;
    phoneSample[1] = 0.9 + 0.01 * Math.sin(t);
    phoneSample[2] = 0.3;
    phoneSample[6] = Math.cos(t);
    phoneTime = t;
    phone.push(phoneTime, phoneSample);
  }

  /**
   * One 200 Hz Myo sample with EMG.
   */
  @Benchmark
  public void myoEmg() {
    double t = step++ * 0.005;
    myoSample[0] = 1;
    myoSample[6] = 1;
    for (int i = 0; i < 8; i++) {
      myoSample[10 + i] = 40 * Math.sin(2 * Math.PI * 50 * t + i);
    }
    myoTime = t;
    myo.push(myoTime, myoSample);
  }

  /**
   * Runs all benchmarks with the annotations' settings.
   *
   * @param args optional JMH include regex
   * @throws RunnerException if JMH fails
   */
  public static void main(String[] args) throws RunnerException {
    Options opt = new OptionsBuilder()
        .include(PipelineBenchmark.class.getSimpleName() + (args.length > 0 ? "." + args[0] : ""))
        .build();
    new Runner(opt).run();
  }
}
