package org.marsad.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureIndexTest {
  @Test
  void findsEveryNameFromAnyCharSequenceAndNothingElse() {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      names.put("mw" + Integer.toString(i, 7) + "سوريا", i);
    }
    FeatureIndex index = new FeatureIndex(names);
    for (Map.Entry<String, Integer> e : names.entrySet()) {
      assertThat(index.row(new StringBuilder(e.getKey()))).isEqualTo(e.getValue());
    }
    for (int i = 0; i < 50_000; i++) {
      assertThat(index.row("ms" + Integer.toString(i, 7) + "سوريا")).isEqualTo(-1);
    }
    assertThat(new FeatureIndex(Map.of()).row("x")).isEqualTo(-1);
  }
}
