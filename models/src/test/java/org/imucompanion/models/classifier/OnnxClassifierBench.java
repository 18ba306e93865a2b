package org.imucompanion.models.classifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Latency of {@link OnnxClassifier} on one core: single windows (the live case: one device, one
 * window per hop) and batches (several devices in one run). A main printing figures, not a test:
 * speed is measured, never asserted in unit tests.
 *
 * <pre>
 * java -cp models/target/classes:models/target/test-classes:$(cat /tmp/models.cp) \
 *   org.imucompanion.models.classifier.OnnxClassifierBench MODEL.onnx [iterations] [threads] \
 *   [task]
 * </pre>
 *
 * <p>{@code task}: {@code exercise} (default) or {@code repetition_phase}, what the model's
 * contract says it is (the shipped phase model, which counts repetitions once per sample).
 */
public final class OnnxClassifierBench {
  private OnnxClassifierBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args model file, optional iteration count (default 20000), optional intra-op threads,
   *     optional task
   * @throws Exception if the model can't be loaded
   */
  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]);
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String taskName = args.length > 3 ? args[3] : ModelContract.Task.EXERCISE.metadataValue();
    ModelContract.Task task = Arrays.stream(ModelContract.Task.values())
        .filter(t -> t.metadataValue().equals(taskName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no task " + taskName));
    ClassifierOptions options =
        ClassifierOptions.DEFAULT.withIntraOpThreads(threads).withTask(task);
    try (OnnxClassifier c = OnnxClassifier.open(model, options)) {
      ModelContract k = c.contract();
      System.out.printf("model %s (sha256 %s)%n  window %d x %d channels -> %d classes, "
              + "%d intra-op thread(s), %s %s on %s%n",
          model, c.sha256().substring(0, 12), k.windowLength(), k.channelCount(), k.classCount(),
          threads, System.getProperty("java.vm.name"), System.getProperty("java.version"),
          System.getProperty("os.arch"));
      Random rnd = new Random(1);
      List<float[]> windows = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        float[] w = new float[c.windowValues()];
        for (int j = 0; j < w.length; j++) {
          int ch = j % k.channelCount();
          w[j] = (float) (k.channelMean().get(ch) + rnd.nextGaussian() * k.channelStd().get(ch));
        }
        windows.add(w);
      }
      float[] out = new float[k.classCount()];
      for (int i = 0; i < Math.max(2000, iterations / 10); i++) {
        c.classify(windows.get(i % windows.size()), out);
      }
      long[] ns = new long[iterations];
      for (int i = 0; i < iterations; i++) {
        long t0 = System.nanoTime();
        c.classify(windows.get(i % windows.size()), out);
        ns[i] = System.nanoTime() - t0;
      }
      Arrays.sort(ns);
      System.out.printf("  batch 1, %d runs: p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us,"
              + " max %.1f us%n", iterations, pct(ns, 50), pct(ns, 90), pct(ns, 99), pct(ns, 99.9),
          ns[ns.length - 1] / 1e3);
      for (int batch : new int[] {4, 8, 32}) {
        List<float[]> b = windows.subList(0, batch);
        int runs = Math.max(200, iterations / batch);
        for (int i = 0; i < runs / 5; i++) {
          c.classifyBatch(b);
        }
        long[] bt = new long[runs];
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          c.classifyBatch(b);
          bt[i] = System.nanoTime() - t0;
        }
        Arrays.sort(bt);
        System.out.printf("  batch %d, %d runs: p50 %.1f us per run = %.1f us per window,"
            + " p99 %.1f us per run%n", batch, runs, pct(bt, 50), pct(bt, 50) / batch, pct(bt, 99));
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e3;
  }
}
