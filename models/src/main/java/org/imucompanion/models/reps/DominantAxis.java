package org.imucompanion.models.reps;

/**
 * The principal axis of a small, symmetric covariance matrix by power iteration, warm-started
 * from the previous axis.
 *
 * <p>Why not commons-math's {@code EigenDecomposition}: it allocates several matrices per call,
 * and the rep counter needs an axis per sample without allocating. For the 3 x 3 matrices it
 * sees, a warm-started power iteration converges in a few steps, and starting from the last axis
 * keeps the axis's sign continuous from sample to sample, which a fresh decomposition does not.
 * {@code DominantAxisTest} checks it against {@code EigenDecomposition}.
 */
final class DominantAxis {
  private static final int MAX_ITERATIONS = 60;
  private static final double TOLERANCE = 1e-10;

  private final double[] axis;
  private final double[] next;
  private final double[] lean;
  private final double[] best;
  private final double[] side;
  private boolean sided;
  private int dimension;
  private boolean known;
  private double eigenvalue;

  DominantAxis(int maxDimension) {
    axis = new double[maxDimension];
    next = new double[maxDimension];
    lean = new double[maxDimension];
    best = new double[maxDimension];
    side = new double[maxDimension];
  }

  /** Forgets the axis; the next {@link #update} starts from scratch. */
  void reset(int dimension) {
    this.dimension = dimension;
    known = false;
    sided = false;
    eigenvalue = 0;
  }

  /**
   * Remembers which way the axis points now; later updates point the same way. A warm start
   * keeps the sign only while the matrix changes little: an update from a window of noise can
   * turn the axis anywhere, and the next movement then pulls it onto the line pointing the other
   * way, which swaps home and away for the rep counter.
   */
  void holdSide() {
    System.arraycopy(axis, 0, side, 0, dimension);
    sided = true;
  }

  /**
   * Updates the axis from a covariance matrix.
   *
   * @param cov row-major {@code dimension x dimension} symmetric matrix
   * @return false if the matrix is (numerically) zero and the axis stays as it was
   */
  boolean update(double[] cov) {
    int d = dimension;
    if (known) {
      if (!iterate(cov, axis)) {
        return false;
      }
      eigenvalue = rayleigh(cov, axis);
      keepSide();
      return true;
    }
    // Cold start. The first start leans to the channel with most variance. Any one start can be
    // orthogonal to the top eigenvector, and then the iteration settles on a lesser one: a
    // covariance with two mirror channels has (1, -1, 0) on top, orthogonal to (0.3, 0.3, 1).
    // So the basis vectors are tried too: the top eigenvector has a component of at least
    // 1 / sqrt(d) on one of them. The start whose axis has the largest variance wins.
    int widest = 0;
    for (int i = 1; i < d; i++) {
      if (cov[i * d + i] > cov[widest * d + widest]) {
        widest = i;
      }
    }
    for (int i = 0; i < d; i++) {
      lean[i] = i == widest ? 1.0 : 0.3;
    }
    normalize(lean, d);
    boolean found = false;
    double bestValue = 0;
    for (int start = -1; start < d; start++) {
      for (int i = 0; i < d; i++) {
        axis[i] = start < 0 ? lean[i] : i == start ? 1.0 : 0.0;
      }
      if (!iterate(cov, axis)) {
        continue;
      }
      double value = rayleigh(cov, axis);
      // Another start only wins by more than rounding, so a well-posed matrix keeps the
      // leaning start's axis to the last digit.
      if (!found || value > bestValue + 1e-9 * Math.abs(bestValue)) {
        found = true;
        bestValue = value;
        System.arraycopy(axis, 0, best, 0, d);
      }
    }
    if (!found) {
      return false;
    }
    // Point the axis the way the leaning start does, as a single start from it would.
    double alongLean = 0;
    for (int i = 0; i < d; i++) {
      alongLean += best[i] * lean[i];
    }
    double sign = alongLean < 0 ? -1 : 1;
    for (int i = 0; i < d; i++) {
      axis[i] = sign * best[i];
    }
    eigenvalue = bestValue;
    known = true;
    keepSide();
    return true;
  }

  private void keepSide() {
    if (!sided) {
      return;
    }
    double dot = 0;
    for (int i = 0; i < dimension; i++) {
      dot += axis[i] * side[i];
    }
    if (dot < 0) {
      for (int i = 0; i < dimension; i++) {
        axis[i] = -axis[i];
      }
    }
  }

  /** Power iteration from {@code v}, in place; false if the matrix sends {@code v} to zero. */
  private boolean iterate(double[] cov, double[] v) {
    int d = dimension;
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double norm = 0;
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += cov[i * d + j] * v[j];
        }
        next[i] = s;
        norm += s * s;
      }
      norm = Math.sqrt(norm);
      if (!(norm > 1e-15)) {
        return false;
      }
      double change = 0;
      for (int i = 0; i < d; i++) {
        next[i] /= norm;
        change += (next[i] - v[i]) * (next[i] - v[i]);
        v[i] = next[i];
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    return true;
  }

  /** The variance along the unit vector {@code v}. */
  private double rayleigh(double[] cov, double[] v) {
    int d = dimension;
    double r = 0;
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += cov[i * d + j] * v[j];
      }
      r += v[i] * s;
    }
    return r;
  }

  /** Whether an axis has been found since the last reset. */
  boolean known() {
    return known;
  }

  /** Component {@code i} of the unit axis. */
  double component(int i) {
    return axis[i];
  }

  /** Variance along the axis (the largest eigenvalue). */
  double eigenvalue() {
    return eigenvalue;
  }

  private static void normalize(double[] v, int d) {
    double n = 0;
    for (int i = 0; i < d; i++) {
      n += v[i] * v[i];
    }
    n = Math.sqrt(n);
    for (int i = 0; i < d; i++) {
      v[i] /= n;
    }
  }
}
