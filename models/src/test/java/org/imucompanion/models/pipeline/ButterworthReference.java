package org.imucompanion.models.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The scipy reference cases written by gen_butter_reference.py (same package in resources). */
record ButterworthReference(
    String name, String type, int order, double f1, double f2, double fs,
    double[] b, double[] a, double[] x, double[] y, double[] yzi) {

  SecondOrderSections design() {
    return switch (type) {
      case "lowpass" -> ButterworthDesign.lowPass(order, f1, fs);
      case "highpass" -> ButterworthDesign.highPass(order, f1, fs);
      case "bandpass" -> ButterworthDesign.bandPass(order, f1, f2, fs);
      default -> throw new IllegalStateException(type);
    };
  }

  @Override
  public String toString() {
    return name;
  }

  static List<ButterworthReference> load() throws IOException {
    List<ButterworthReference> cases = new ArrayList<>();
    try (InputStream in = ButterworthReference.class.getResourceAsStream("butter_reference.txt")) {
      if (in == null) {
        throw new IOException("butter_reference.txt missing; run gen_butter_reference.py");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.startsWith("case ")) {
          continue;
        }
        String[] h = line.split(" ");
        double[][] arrays = new double[5][];
        for (int i = 0; i < 5; i++) {
          String[] parts = r.readLine().split(" ");
          arrays[i] = Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble)
              .toArray();
        }
        cases.add(new ButterworthReference(h[1], h[2], Integer.parseInt(h[3]),
            Double.parseDouble(h[4]), h[5].equals("-") ? Double.NaN : Double.parseDouble(h[5]),
            Double.parseDouble(h[6]), arrays[0], arrays[1], arrays[2], arrays[3], arrays[4]));
      }
    }
    return cases;
  }
}
