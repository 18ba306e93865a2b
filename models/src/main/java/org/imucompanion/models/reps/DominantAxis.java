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
  private int dimension;
  private boolean known;
  private double eigenvalue;

  DominantAxis(int maxDimension) {
    axis = new double[maxDimension];
    next = new double[maxDimension];
  }

  /** Forgets the axis; the next {@link #update} starts from scratch. */
  void reset(int dimension) {
    this.dimension = dimension;
    known = false;
    eigenvalue = 0;
  }

  /**
   * Updates the axis from a covariance matrix.
   *
   * @param cov row-major {@code dimension x dimension} symmetric matrix
   * @return false if the matrix is (numerically) zero and the axis stays as it was
   */
  boolean update(double[] cov) {
    int d = dimension;
    if (!known) {
      // Start off every axis so no eigenvector is orthogonal to the start, leaning to the
      // channel with most variance.
      int widest = 0;
      for (int i = 1; i < d; i++) {
        if (cov[i * d + i] > cov[widest * d + widest]) {
          widest = i;
        }
      }
      for (int i = 0; i < d; i++) {
        axis[i] = i == widest ? 1.0 : 0.3;
      }
      normalize(axis, d);
    }
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double norm = 0;
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += cov[i * d + j] * axis[j];
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
        change += (next[i] - axis[i]) * (next[i] - axis[i]);
        axis[i] = next[i];
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    double rayleigh = 0;
    for (int i = 0; i < d; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += cov[i * d + j] * axis[j];
      }
      rayleigh += axis[i] * s;
    }
    eigenvalue = rayleigh;
    known = true;
    return true;
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
