package org.marsad.ner;

import java.util.Map;

/**
 * A model's feature rows by a 64-bit hash of the feature's name, in primitive arrays: tagging looks
 * a name up from the buffer it was built in, with no string made, hashed again or compared. Two
 * names of one model with the same hash are refused when the index is built (at 60,000 features the
 * chance is about 1e-10); a name the model does not have matching one by chance is as likely.
 */
final class FeatureIndex {
  /** Key and row side by side ({@code [2 * slot]}, {@code [2 * slot + 1]}): one memory line a probe. */
  private final long[] slots;

  private final int mask;

  FeatureIndex(Map<String, Integer> index) {
    int capacity = Integer.highestOneBit(Math.max(4, index.size() * 2 - 1)) << 1;
    slots = new long[2 * capacity];
    for (int k = 1; k < slots.length; k += 2) {
      slots[k] = -1;
    }
    mask = capacity - 1;
    for (Map.Entry<String, Integer> e : index.entrySet()) {
      long h = hash(e.getKey());
      int at = slot(h);
      while (slots[2 * at + 1] >= 0) {
        if (slots[2 * at] == h) {
          throw new IllegalStateException("two features share a hash: " + e.getKey());
        }
        at = (at + 1) & mask;
      }
      slots[2 * at] = h;
      slots[2 * at + 1] = e.getValue();
    }
  }

  /** The row of the feature named {@code name}, or -1. */
  int row(CharSequence name) {
    return row(hash(name));
  }

  /** The row of the feature whose name hashes to {@code h}, or -1. */
  int row(long h) {
    for (int at = slot(h); ; at = (at + 1) & mask) {
      long r = slots[2 * at + 1];
      if (r < 0 || slots[2 * at] == h) {
        return (int) r;
      }
    }
  }

  private int slot(long h) {
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** FNV-1a over the UTF-16 units, then MurmurHash3's finaliser to spread the bits. */
  static long hash(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = s.length(); i < n; i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }
}
