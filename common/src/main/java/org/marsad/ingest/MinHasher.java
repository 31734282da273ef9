package org.marsad.ingest;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * MinHash signatures over word shingles, and the banding that turns them into LSH bucket keys. Hash
 * functions are SplitMix64 with per-function seeds fixed by the signature length, so signatures are
 * identical across runs, executors and JVMs.
 */
public final class MinHasher implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int numHashes;
  private final int shingleWords;
  private final int minShingles;
  private final long[] seeds;

  public MinHasher(int numHashes, int shingleWords, int minShingles) {
    this.numHashes = numHashes;
    this.shingleWords = shingleWords;
    this.minShingles = minShingles;
    this.seeds = new long[numHashes];
    long s = 0x9E3779B97F4A7C15L;
    for (int i = 0; i < numHashes; i++) {
      s = mix(s + i);
      seeds[i] = s;
    }
  }

  /** The signature of the shingles of {@code tokens}, or null when there are too few. */
  public int[] signature(List<String> tokens) {
    int shingles = tokens.size() - shingleWords + 1;
    if (shingles < minShingles) {
      return null;
    }
    long[] tokenHashes = new long[tokens.size()];
    for (int i = 0; i < tokenHashes.length; i++) {
      tokenHashes[i] = mix(tokens.get(i).hashCode() * 0xC2B2AE3D27D4EB4FL + tokens.get(i).length());
    }
    long[] min = new long[numHashes];
    Arrays.fill(min, Long.MAX_VALUE);
    for (int i = 0; i < shingles; i++) {
      long h = 0;
      for (int k = 0; k < shingleWords; k++) {
        h = mix(h * 31 + tokenHashes[i + k]);
      }
      for (int j = 0; j < numHashes; j++) {
        long v = mix(h ^ seeds[j]) >>> 1; // non-negative, so signed compare is order-preserving
        if (v < min[j]) {
          min[j] = v;
        }
      }
    }
    int[] sig = new int[numHashes];
    for (int j = 0; j < numHashes; j++) {
      sig[j] = (int) (min[j] >>> 31);
    }
    return sig;
  }

  /** Estimated Jaccard similarity: the share of equal signature positions. */
  public static double similarity(int[] a, int[] b) {
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return (double) same / a.length;
  }

  /** One 64-bit key per band of {@code rows} positions; the band number is mixed in. */
  public static long[] bandKeys(int[] sig, int bands, int rows) {
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = mix(b + 1L);
      for (int r = 0; r < rows; r++) {
        h = mix(h ^ (sig[b * rows + r] & 0xFFFFFFFFL));
      }
      keys[b] = h;
    }
    return keys;
  }

  /** SplitMix64's finaliser: a fast, well-mixed 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
