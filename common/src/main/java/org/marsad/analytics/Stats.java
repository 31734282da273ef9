package org.marsad.analytics;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Association statistics for a 2x2 contingency table of units (sentences, paragraphs or articles):
 * {@code nAb} units mention both a and b, {@code nA} mention a, {@code nB} mention b, out of {@code
 * n} units. Zero cells are handled explicitly: a statistic that is undefined is {@code NaN}
 * (written as null), never an exception or an infinity.
 */
public final class Stats {
  private Stats() {}

  /** Pointwise mutual information, log2(P(ab) / (P(a) P(b))); NaN when nAb is 0. */
  public static double pmi(long nAb, long nA, long nB, long n) {
    if (nAb <= 0 || nA <= 0 || nB <= 0 || n <= 0) {
      return Double.NaN;
    }
    return log2((double) nAb * n / ((double) nA * nB));
  }

  /**
   * Normalised PMI (Bouma 2009): pmi / -log2 P(ab), in [-1, 1]; 1 when a and b only ever occur
   * together, -1 in the limit of never together (returned when nAb is 0 and both occur).
   */
  public static double npmi(long nAb, long nA, long nB, long n) {
    if (nA <= 0 || nB <= 0 || n <= 0) {
      return Double.NaN;
    }
    if (nAb <= 0) {
      return -1.0;
    }
    double pAb = (double) nAb / n;
    if (pAb >= 1.0) {
      return 1.0; // every unit mentions both: perfectly associated, and -log2(1) = 0
    }
    double v = pmi(nAb, nA, nB, n) / -log2(pAb);
    return Math.max(-1.0, Math.min(1.0, v));
  }

  /** Lift: P(ab) / (P(a) P(b)), the ratio behind PMI. */
  public static double lift(long nAb, long nA, long nB, long n) {
    if (nA <= 0 || nB <= 0 || n <= 0) {
      return Double.NaN;
    }
    return (double) nAb * n / ((double) nA * nB);
  }

  /** Jaccard: units with both over units with either. */
  public static double jaccard(long nAb, long nA, long nB) {
    long union = nA + nB - nAb;
    return union <= 0 ? Double.NaN : (double) nAb / union;
  }

  /**
   * Dunning's log-likelihood ratio G² = 2 Σ O ln(O / E) over the four cells of the table (cells
   * with O = 0 contribute 0). Large values: the pair's co-occurrence is unlikely under
   * independence; G² is about χ² with one degree of freedom.
   */
  public static double llr(long nAb, long nA, long nB, long n) {
    if (n <= 0) {
      return Double.NaN;
    }
    long k11 = nAb;
    long k12 = nA - nAb;
    long k21 = nB - nAb;
    long k22 = n - nA - nB + nAb;
    if (k12 < 0 || k21 < 0 || k22 < 0) {
      return Double.NaN; // inconsistent counts
    }
    double g =
        cell(k11, (double) nA * nB / n)
            + cell(k12, (double) nA * (n - nB) / n)
            + cell(k21, (double) (n - nA) * nB / n)
            + cell(k22, (double) (n - nA) * (n - nB) / n);
    return Math.max(0.0, 2 * g);
  }

  private static double cell(long observed, double expected) {
    return observed == 0 ? 0.0 : observed * Math.log(observed / expected);
  }

  /**
   * One-sided p-value that a window's rate exceeds its baseline's: with {@code n} hits in {@code
   * total} units in the window and {@code nBase} hits in {@code totalBase} baseline units, under
   * equal rates the window's share of all hits is Binomial(n + nBase, total / (total + totalBase))
   * (the conditional test for two Poisson rates, Przyborowski and Wilenski 1940). Returns P(X ≥ n);
   * NaN when there is no baseline or no unit.
   */
  public static double rateIncreasePValue(long n, long total, long nBase, long totalBase) {
    if (total <= 0 || totalBase <= 0) {
      return Double.NaN;
    }
    long k = n + nBase;
    if (k == 0) {
      return 1.0;
    }
    double p = (double) total / (total + totalBase);
    if (n <= 0) {
      return 1.0;
    }
    BinomialDistribution b =
        new BinomialDistribution(null, (int) Math.min(k, Integer.MAX_VALUE), p);
    return Math.min(1.0, Math.max(0.0, 1.0 - b.cumulativeProbability((int) n - 1)));
  }

  /**
   * Benjamini–Hochberg adjusted p-values (q-values) of one family of tests, in the input's order:
   * q(i) = min over j with rank(j) ≥ rank(i) of p(j)·m/rank(j), capped at 1. NaN p-values are not
   * tests: they stay NaN and do not count in m.
   */
  public static double[] benjaminiHochberg(double[] p) {
    Integer[] order =
        java.util.stream.IntStream.range(0, p.length)
            .filter(i -> !Double.isNaN(p[i]))
            .boxed()
            .sorted((a, b) -> Double.compare(p[a], p[b]))
            .toArray(Integer[]::new);
    double[] q = new double[p.length];
    java.util.Arrays.fill(q, Double.NaN);
    int m = order.length;
    double running = 1.0;
    for (int r = m; r >= 1; r--) {
      int i = order[r - 1];
      running = Math.min(running, p[i] * m / r);
      q[i] = Math.min(1.0, running);
    }
    return q;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
