package org.imucompanion.models.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows and the probabilities PyTorch computed for them, written by the training recipe next to
 * a shipped model ({@code in <floats>} / {@code out <floats>} lines), so a test can check that ONNX
 * Runtime in Java gives the same answers for the same network.
 */
final class PyTorchReference {
  private final List<float[]> in = new ArrayList<>();
  private final List<float[]> out = new ArrayList<>();

  private PyTorchReference() {}

  /**
   * Reads a reference file from the test resources.
   *
   * @param name the resource's name, next to this class
   * @return the windows and PyTorch's probabilities
   * @throws Exception if the resource is missing or unreadable
   */
  static PyTorchReference read(String name) throws Exception {
    PyTorchReference ref = new PyTorchReference();
    for (String line : Files.readAllLines(path(name))) {
      if (line.startsWith("in ") || line.startsWith("out ")) {
        String[] parts = line.substring(line.indexOf(' ') + 1).trim().split(" ");
        float[] f = new float[parts.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = Float.parseFloat(parts[i]);
        }
        (line.startsWith("in ") ? ref.in : ref.out).add(f);
      }
    }
    assertThat(ref.in).as(name).isNotEmpty().hasSameSizeAs(ref.out);
    return ref;
  }

  private static Path path(String name) throws URISyntaxException {
    return Path.of(PyTorchReference.class.getResource(name).toURI());
  }

  /**
   * How many windows the file holds.
   *
   * @return the count
   */
  int windows() {
    return in.size();
  }

  /**
   * Checks that the classifier gives PyTorch's probabilities to 1e-5, one window at a time and
   * in one batch.
   *
   * @param classifier the Java session of the same network
   * @param classes how many classes the network has
   */
  void assertMatches(OnnxClassifier classifier, int classes) {
    float[][] batch = classifier.classifyBatch(in);
    for (int i = 0; i < in.size(); i++) {
      float[] single = classifier.classify(in.get(i));
      assertThat(single).hasSize(classes);
      for (int k = 0; k < single.length; k++) {
        assertThat((double) single[k]).isCloseTo(out.get(i)[k], within(1e-5));
        assertThat((double) batch[i][k]).isCloseTo(out.get(i)[k], within(1e-5));
      }
    }
  }
}
