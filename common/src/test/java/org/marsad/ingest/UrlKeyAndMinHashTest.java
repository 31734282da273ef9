package org.marsad.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UrlKeyAndMinHashTest {
  @Test
  void urlKeyIgnoresSchemeWwwFragmentSlashAndEscaping() {
    String a = UrlKey.of("https://www.Example.com/news/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/#top");
    String b = UrlKey.of("http://example.com/news/\u0633\u0648\u0631\u064A\u0627");
    assertThat(a).isEqualTo(b).isEqualTo("example.com/news/\u0633\u0648\u0631\u064A\u0627");
    assertThat(UrlKey.of("http://example.com/a?id=1"))
        .isNotEqualTo(UrlKey.of("http://example.com/a?id=2"));
    assertThat(UrlKey.of("  ")).isNull();
    assertThat(UrlKey.percentDecode("/a%ZZ%FF")).isEqualTo("/a%ZZ%FF");
  }

  private static List<String> words(Random r, int n) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add("w" + r.nextInt(5000));
    }
    return w;
  }

  @Test
  void similarityEstimatesJaccard() {
    MinHasher h = new MinHasher(100, 3, 8);
    Random r = new Random(7);
    List<String> a = words(r, 200);
    List<String> lightEdit = new ArrayList<>(a);
    lightEdit.set(50, "changed");
    lightEdit.set(150, "edited");
    List<String> other = words(r, 200);
    // Two substitutions change 6 of 198 shingles: true Jaccard 192/204 = 0.94.
    assertThat(MinHasher.similarity(h.signature(a), h.signature(lightEdit))).isBetween(0.85, 1.0);
    assertThat(MinHasher.similarity(h.signature(a), h.signature(other))).isLessThan(0.1);
    assertThat(h.signature(a)).isEqualTo(new MinHasher(100, 3, 8).signature(a));
    assertThat(h.signature(words(r, 9))).as("too few shingles").isNull();
  }

  @Test
  void bandKeysAgreeWhereBandsAgree() {
    int[] a = new int[20];
    int[] b = new int[20];
    for (int i = 0; i < 20; i++) {
      a[i] = i;
      b[i] = i < 5 ? i : -i;
    }
    long[] ka = MinHasher.bandKeys(a, 4, 5);
    long[] kb = MinHasher.bandKeys(b, 4, 5);
    assertThat(ka[0]).isEqualTo(kb[0]);
    assertThat(ka[1]).isNotEqualTo(kb[1]);
    assertThat(ka[0])
        .as("band number is part of the key")
        .isNotEqualTo(MinHasher.bandKeys(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, 2, 5)[1]);
  }
}
