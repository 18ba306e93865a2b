package org.imucompanion.models.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Per-step classification figures from a confusion matrix: per-class precision, recall and F1,
 * macro-F1 and accuracy. Macro-F1 averages over the classes that occur in the truth, so a class
 * the data never contains neither helps nor hurts.
 */
public final class ClassificationReport {
  private final List<String> classes;
  private final long[][] confusion;

  /**
   * A report over a confusion matrix.
   *
   * @param classes class names, the matrix's row and column order
   * @param confusion {@code confusion[true][predicted]} counts (copied)
   * @throws IllegalArgumentException if the matrix is not square over the classes
   */
  public ClassificationReport(List<String> classes, long[][] confusion) {
    this.classes = List.copyOf(classes);
    this.confusion = new long[this.classes.size()][];
    if (confusion.length != this.classes.size()) {
      throw new IllegalArgumentException("matrix has " + confusion.length + " rows for "
          + this.classes.size() + " classes");
    }
    for (int i = 0; i < confusion.length; i++) {
      if (confusion[i].length != this.classes.size()) {
        throw new IllegalArgumentException("row " + i + " has " + confusion[i].length
            + " columns for " + this.classes.size() + " classes");
      }
      this.confusion[i] = confusion[i].clone();
    }
  }

  /**
   * An empty report, to be filled with {@link #add}.
   *
   * @param classes class names
   * @return the report with a zero matrix
   */
  public static ClassificationReport empty(List<String> classes) {
    return new ClassificationReport(classes, new long[classes.size()][classes.size()]);
  }

  /**
   * Counts one step.
   *
   * @param truth true class index
   * @param predicted predicted class index
   */
  public void add(int truth, int predicted) {
    confusion[truth][predicted]++;
  }

  /**
   * Adds another report's counts to this one (pooling subjects).
   *
   * @param other a report over the same classes
   * @throws IllegalArgumentException if the classes differ
   */
  public void addAll(ClassificationReport other) {
    if (!other.classes.equals(classes)) {
      throw new IllegalArgumentException("classes differ: " + classes + " vs " + other.classes);
    }
    for (int t = 0; t < classes.size(); t++) {
      for (int p = 0; p < classes.size(); p++) {
        confusion[t][p] += other.confusion[t][p];
      }
    }
  }

  /**
   * The class names.
   *
   * @return the classes in matrix order
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * A copy of the matrix.
   *
   * @return {@code [true][predicted]} counts
   */
  public long[][] confusion() {
    long[][] c = new long[confusion.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = confusion[i].clone();
    }
    return c;
  }

  /**
   * Number of steps counted.
   *
   * @return the total
   */
  public long total() {
    long n = 0;
    for (long[] row : confusion) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }

  /**
   * Steps of a true class.
   *
   * @param c class index
   * @return the row sum
   */
  public long support(int c) {
    long n = 0;
    for (long v : confusion[c]) {
      n += v;
    }
    return n;
  }

  private long predictedAs(int c) {
    long n = 0;
    for (long[] row : confusion) {
      n += row[c];
    }
    return n;
  }

  /**
   * Precision of a class: of the steps predicted as it, the share that were it.
   *
   * @param c class index
   * @return precision, 0 when the class was never predicted
   */
  public double precision(int c) {
    long p = predictedAs(c);
    return p == 0 ? 0 : (double) confusion[c][c] / p;
  }

  /**
   * Recall of a class: of its steps, the share predicted as it.
   *
   * @param c class index
   * @return recall, NaN when the class never occurs
   */
  public double recall(int c) {
    long s = support(c);
    return s == 0 ? Double.NaN : (double) confusion[c][c] / s;
  }

  /**
   * F1 of a class.
   *
   * @param c class index
   * @return harmonic mean of precision and recall, NaN when the class never occurs
   */
  public double f1(int c) {
    double r = recall(c);
    if (Double.isNaN(r)) {
      return Double.NaN;
    }
    double p = precision(c);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * Mean F1 over the classes that occur in the truth.
   *
   * @return macro-F1, NaN without any step
   */
  public double macroF1() {
    double sum = 0;
    int n = 0;
    for (int c = 0; c < classes.size(); c++) {
      double f = f1(c);
      if (!Double.isNaN(f)) {
        sum += f;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * Share of steps predicted correctly.
   *
   * @return accuracy, NaN without any step
   */
  public double accuracy() {
    long correct = 0;
    for (int c = 0; c < classes.size(); c++) {
      correct += confusion[c][c];
    }
    long n = total();
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  /**
   * Per-class table, summary line and confusion matrix as fixed-width text.
   *
   * @param title first line
   * @return the text
   */
  public String table(String title) {
    Objects.requireNonNull(title, "title");
    StringBuilder b = new StringBuilder(title).append('\n');
    // Columns as wide as the longest class name, so names like Pushup_Incorrect stay aligned.
    int w = Math.max(10, classes.stream().mapToInt(String::length).max().orElse(0));
    String name = "%-" + w + "s";
    String cell = " %" + w + "s";
    b.append(String.format(Locale.ROOT, name + " %9s %9s %9s %9s%n", "class", "precision",
        "recall", "F1", "support"));
    for (int c = 0; c < classes.size(); c++) {
      b.append(String.format(Locale.ROOT, name + " %9.3f %9.3f %9.3f %9d%n", classes.get(c),
          precision(c), recall(c), f1(c), support(c)));
    }
    b.append(String.format(Locale.ROOT, "macro-F1 %.3f  accuracy %.3f  (%d steps)%n", macroF1(),
        accuracy(), total()));
    b.append("confusion matrix (rows: true, columns: predicted):\n");
    b.append(String.format(Locale.ROOT, name, ""));
    classes.forEach(c -> b.append(String.format(Locale.ROOT, cell, c)));
    b.append('\n');
    for (int t = 0; t < classes.size(); t++) {
      b.append(String.format(Locale.ROOT, name, classes.get(t)));
      for (int p = 0; p < classes.size(); p++) {
        b.append(String.format(Locale.ROOT, " %" + w + "d", confusion[t][p]));
      }
      b.append('\n');
    }
    return b.toString();
  }
}
