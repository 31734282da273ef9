package org.marsad.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Statistics against values worked out by hand for small tables. */
class StatsTest {
  private static final double EPS = 1e-9;

  @Test
  void pmiNpmiLiftJaccardOnAHandTable() {
    // 100 sentences: a in 20, b in 10, both in 8.
    // P(ab) = .08, P(a)P(b) = .02 -> lift 4, PMI log2 4 = 2, NPMI 2 / -log2 .08 = 2 / 3.643856.
    assertThat(Stats.lift(8, 20, 10, 100)).isCloseTo(4.0, within(EPS));
    assertThat(Stats.pmi(8, 20, 10, 100)).isCloseTo(2.0, within(EPS));
    assertThat(Stats.npmi(8, 20, 10, 100)).isCloseTo(2.0 / 3.6438561897747, within(1e-9));
    assertThat(Stats.jaccard(8, 20, 10)).isCloseTo(8.0 / 22, within(EPS));
  }

  @Test
  void llrOnAHandTable() {
    // Cells 8, 12, 2, 78; expected 2, 18, 8, 72.
    double g =
        2
            * (8 * Math.log(8 / 2.0)
                + 12 * Math.log(12 / 18.0)
                + 2 * Math.log(2 / 8.0)
                + 78 * Math.log(78 / 72.0));
    assertThat(Stats.llr(8, 20, 10, 100)).isCloseTo(g, within(1e-9));
    assertThat(g).isCloseTo(19.391, within(1e-3)); // 2 x (11.090 - 4.866 - 2.773 + 6.243)
  }

  @Test
  void zeroCellsAndDegenerateTables() {
    // Never together: PMI undefined, NPMI -1, lift 0, Jaccard 0, G² from the other cells.
    assertThat(Stats.pmi(0, 5, 5, 100)).isNaN();
    assertThat(Stats.npmi(0, 5, 5, 100)).isEqualTo(-1.0);
    assertThat(Stats.lift(0, 5, 5, 100)).isEqualTo(0.0);
    assertThat(Stats.jaccard(0, 5, 5)).isEqualTo(0.0);
    // cells 0, 5, 5, 90; expected .25, 4.75, 4.75, 90.25
    double g = 2 * (5 * Math.log(5 / 4.75) * 2 + 90 * Math.log(90 / 90.25));
    assertThat(Stats.llr(0, 5, 5, 100)).isCloseTo(g, within(1e-9));
    // Every unit mentions both: NPMI 1, PMI 0, G² 0 (one cell, as expected).
    assertThat(Stats.npmi(7, 7, 7, 7)).isEqualTo(1.0);
    assertThat(Stats.pmi(7, 7, 7, 7)).isCloseTo(0.0, within(EPS));
    assertThat(Stats.llr(7, 7, 7, 7)).isCloseTo(0.0, within(EPS));
    // Always together but not everywhere: NPMI 1.
    assertThat(Stats.npmi(4, 4, 4, 10)).isCloseTo(1.0, within(EPS));
    // Nothing at all.
    assertThat(Stats.npmi(0, 0, 0, 10)).isNaN();
    assertThat(Stats.llr(0, 0, 0, 0)).isNaN();
    assertThat(Stats.jaccard(0, 0, 0)).isNaN();
  }

  @Test
  void npmiStaysInItsBoundsOnRandomTables() {
    Random r = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      long n = 1 + r.nextInt(1000);
      long nA = r.nextInt((int) n + 1);
      long nB = r.nextInt((int) n + 1);
      long lo = Math.max(0, nA + nB - n);
      long hi = Math.min(nA, nB);
      long nAb = lo + (hi > lo ? r.nextInt((int) (hi - lo + 1)) : 0);
      double v = Stats.npmi(nAb, nA, nB, n);
      if (!Double.isNaN(v)) {
        assertThat(v).isBetween(-1.0, 1.0);
      }
      assertThat(Stats.llr(nAb, nA, nB, n)).isGreaterThanOrEqualTo(0.0);
    }
  }

  @Test
  void rateIncreaseTest() {
    // Equal rates: 10 of 1000 in the window, 20 of 2000 in the baseline. X ~ Bin(30, 1/3):
    // P(X >= 10) = 1 - P(X <= 9).
    double p = Stats.rateIncreasePValue(10, 1000, 20, 2000);
    assertThat(p).isBetween(0.4, 0.7);
    // A strong rise: 30 of 1000 against 10 of 2000.
    assertThat(Stats.rateIncreasePValue(30, 1000, 10, 2000)).isLessThan(1e-6);
    // By hand: 2 hits in the window, none in an equal-sized baseline: X ~ Bin(2, 1/2), P(X>=2)=1/4.
    assertThat(Stats.rateIncreasePValue(2, 50, 0, 50)).isCloseTo(0.25, within(1e-12));
    assertThat(Stats.rateIncreasePValue(0, 50, 3, 50)).isEqualTo(1.0);
    assertThat(Stats.rateIncreasePValue(3, 50, 3, 0)).isNaN();
  }

  @Test
  void benjaminiHochbergMatchesRsPAdjust() {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    double[] q = Stats.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005, Double.NaN, 0.5});
    assertThat(q[0]).isCloseTo(0.025, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(q[1]).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(q[2]).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(q[3]).isCloseTo(0.025, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(q[4]).isNaN();
    assertThat(q[5]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(Stats.benjaminiHochberg(new double[0])).isEmpty();
  }
}
