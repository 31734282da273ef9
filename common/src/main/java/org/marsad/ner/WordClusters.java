package org.marsad.ner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Word clusters learned from unlabelled news ({@code marsad train-clusters}): for each normalised
 * word seen often enough, its corpus count and its cluster at a few granularities (coarse to fine).
 * NER features use the clusters so that a name seen once in training generalises to the words used
 * like it; the counts decide how a word splits into proclitics and stem.
 */
public final class WordClusters implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Cluster ids by granularity, in the order of {@link #levels}; -1 where a word has none. */
  private final Map<String, int[]> clusters;

  private final Map<String, Long> counts;
  private final List<Integer> levels;

  public WordClusters(Map<String, int[]> clusters, Map<String, Long> counts, List<Integer> levels) {
    this.clusters = clusters;
    this.counts = counts;
    this.levels = List.copyOf(levels);
  }

  public static final WordClusters NONE = new WordClusters(Map.of(), Map.of(), List.of());

  /** The number of clusters at each level, coarse to fine. */
  public List<Integer> levels() {
    return levels;
  }

  public int size() {
    return clusters.size();
  }

  /** The word's clusters, coarse to fine, or null if the word was not clustered. */
  public int[] of(String word) {
    return clusters.get(word);
  }

  /** How often the word was seen in the unlabelled corpus (0 if not kept). */
  public long count(String word) {
    Long c = counts.get(word);
    return c == null ? 0 : c;
  }

  /**
   * Reads the TSV written by {@link #write}: a header {@code # levels 64 256 1024}, then {@code
   * word, count, cluster per level} per line.
   */
  public static WordClusters read(InputStream raw) throws IOException {
    InputStream in = raw;
    in = new java.io.BufferedInputStream(in);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    Map<String, int[]> clusters = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    List<Integer> levels = List.of();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("# levels")) {
          levels =
              java.util.Arrays.stream(line.substring(8).trim().split(" "))
                  .map(Integer::valueOf)
                  .toList();
          continue;
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        counts.put(f[0], Long.parseLong(f[1]));
        if (f.length > 2) {
          int[] ids = new int[f.length - 2];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = Integer.parseInt(f[i + 2]);
          }
          clusters.put(f[0], ids);
        }
      }
    }
    return new WordClusters(clusters, counts, levels);
  }

  /** Writes words in the given order (most frequent first, by convention). */
  public static void write(
      Writer out, List<String> words, Map<String, Long> counts, Map<String, int[]> clusters,
      List<Integer> levels)
      throws IOException {
    out.write("# levels");
    for (int k : levels) {
      out.write(" " + k);
    }
    out.write("\n");
    for (String w : words) {
      out.write(w);
      out.write('\t');
      out.write(Long.toString(counts.get(w)));
      int[] c = clusters.get(w);
      if (c != null) {
        for (int id : c) {
          out.write('\t');
          out.write(Integer.toString(id));
        }
      }
      out.write('\n');
    }
  }
}
