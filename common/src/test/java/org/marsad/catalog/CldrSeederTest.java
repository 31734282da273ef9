package org.marsad.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marsad.config.MarsadConfig;

class CldrSeederTest {
  @Test
  void theCommittedGeneratedCatalogIsWhatTheSeederWrites() throws Exception {
    var config = MarsadConfig.load(null, List.of());
    for (var seeded : CldrSeeder.seedAll(CldrSeeder.curated(config)).entrySet()) {
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream(CldrSeeder.resource(seeded.getKey()))) {
        String committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(committed)
            .as("conf/%s is stale: run scripts/marsad catalog --seed-cldr", seeded.getKey())
            .isEqualTo(seeded.getValue());
      }
    }
  }

  @Test
  void generatedCountriesLoadWithTheirRulesAndSkipTheCurated() {
    Catalog c = Catalog.load(MarsadConfig.load(null, List.of()));
    assertThat(c.entities().size()).isGreaterThan(200);
    assertThat(c.get("Q142").type()).isEqualTo("COUNTRY"); // France, from CLDR
    assertThat(c.get("Q912").aliases()).anyMatch(Entity.Alias::constrained); // Mali has a rule
    assertThat(c.get("Q794").aliases()).isNotEmpty(); // Iran stays the curated entry
    assertThat(c.check()).noneMatch(p -> p.startsWith("error"));
    assertThat(c.get("Q90").capitalOf()).isEqualTo("Q142"); // Paris, from capitals.tsv
    assertThat(c.get("Q35493").partOf()).isEqualTo("Q232"); // Almaty, a CLDR exemplar city
    assertThat(c.get("Q142").demonyms()).extracting(Entity.Alias::name).contains("فرنسي");
    assertThat(c.get("Q3794")).isNull(); // Kuwait City: its Arabic name is the country's
  }
}
