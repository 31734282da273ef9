package org.marsad.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import org.marsad.config.MarsadConfig;
import org.marsad.eval.MentionEvaluation;
import org.marsad.nlp.Tokenizer;
import org.marsad.testing.TestPaths;

/** The extractor on real third-party data; skipped when ../shared/data is absent. */
@Tag("realdata")
class RealDataExtractionTest {
  @Test
  void anercorpLocationF1IsAtLeast075() throws Exception {
    File gold = TestPaths.sharedData("anercorp/ANERCorp.txt");
    Catalog catalog = Catalog.load(MarsadConfig.load(null, List.of()));
    MentionEvaluation.Result r = MentionEvaluation.evaluateConll(gold.toPath(), catalog);
    var loc = r.levels().get("conll").get("LOC");
    assertThat(loc.f1()).isGreaterThanOrEqualTo(0.75);
    assertThat(loc.precision()).isGreaterThanOrEqualTo(0.9);
    assertThat(r.notes().get("tokens")).isGreaterThan(150_000);
    assertThat(r.notes().get("extra_columns")).isEqualTo(2); // ANERcorp's two run-together lines
  }

  @Test
  void catalogCoversTheCldrCountryNamesOfThePublicGazetteer() throws Exception {
    File tsv = TestPaths.sharedData("gazetteers/countries_ar.tsv");
    Catalog catalog = Catalog.load(MarsadConfig.load(null, List.of()));
    Set<String> names = new HashSet<>();
    for (Entity e : catalog.entities().values()) {
      names.add(Tokenizer.normalize(e.ar()));
      e.aliases().forEach(a -> names.add(Tokenizer.normalize(a.name())));
    }
    List<String> lines = Files.readAllLines(tsv.toPath(), StandardCharsets.UTF_8);
    int cldrColumn = List.of(lines.get(0).split("\t")).indexOf("ar_cldr48");
    int total = 0;
    int found = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      if (f.length > cldrColumn && !f[cldrColumn].isBlank()) {
        total++;
        found += names.contains(Tokenizer.normalize(f[cldrColumn])) ? 1 : 0;
      }
    }
    // The gazetteer lists 250 codes; the catalog leaves out uninhabited dependencies.
    assertThat((double) found / total).isGreaterThanOrEqualTo(0.75);
  }
}
