package org.marsad.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Viterbi finds the best allowed label sequence, checked against every sequence of short ones. */
class ViterbiTest {
  static final int L = NerModel.L;

  static float score(int[] y, float[] e, float[] t) {
    float s = t[NerModel.START * L + y[0]] + e[y[0]];
    for (int i = 1; i < y.length; i++) {
      s += t[y[i - 1] * L + y[i]] + e[i * L + y[i]];
    }
    return s;
  }

  static boolean allowed(int[] y) {
    if (!NerModel.allowed(NerModel.START, y[0])) {
      return false;
    }
    for (int i = 1; i < y.length; i++) {
      if (!NerModel.allowed(y[i - 1], y[i])) {
        return false;
      }
    }
    return true;
  }

  @Test
  void bestOfAllAllowedSequences() {
    Random r = new Random(7);
    for (int round = 0; round < 300; round++) {
      int n = 1 + r.nextInt(4);
      float[] e = new float[n * L];
      float[] t = new float[(L + 1) * L];
      for (int k = 0; k < e.length; k++) {
        e[k] = (float) r.nextGaussian() * 3;
      }
      for (int k = 0; k < t.length; k++) {
        t[k] = (float) r.nextGaussian() * 3;
      }
      int[] got = NerModel.viterbi(e, n, t);
      assertThat(allowed(got)).isTrue();
      float best = Float.NEGATIVE_INFINITY;
      int[] y = new int[n];
      for (int code = 0; code < Math.pow(L, n); code++) {
        for (int i = 0, c = code; i < n; i++, c /= L) {
          y[i] = c % L;
        }
        if (allowed(y)) {
          best = Math.max(best, score(y, e, t));
        }
      }
      assertThat(score(got, e, t)).isCloseTo(best, org.assertj.core.api.Assertions.within(1e-4f));
    }
  }
}
