package org.marsad.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.testing.TestPaths;

/** The lexicon engine against the project's hand-annotated gold sentences. */
class GoldEvaluationTest {
  @Test
  void countriesCapitalsAndLeadersReachTheGoal() throws Exception {
    File gold = new File(TestPaths.samples(), "gold/mentions-gold.jsonl");
    Catalog catalog = Catalog.load(MarsadConfig.load(null, List.of()));
    MentionEvaluation.Result r = MentionEvaluation.evaluateJsonl(gold.toPath(), catalog);
    var group = r.levels().get("mention").get("countries, capitals, leaders");
    assertThat(group.precision()).isGreaterThanOrEqualTo(0.95);
    assertThat(group.recall()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.levels().get("document").get("all").f1()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.notes().get("documents")).isGreaterThanOrEqualTo(150 + 16); // + the seed article
  }
}
