package org.marsad.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.marsad.config.MarsadConfig;

/** Where each entity of the shipped catalog comes from, and what it counts toward any day. */
class CatalogOriginTest {
  @Test
  void curatedGeneratedAndDiscoveredEntitiesAreTold() {
    Catalog catalog = Catalog.load(MarsadConfig.load(null, List.of()));
    assertThat(catalog.origin("Q794")).isEqualTo("catalog");
    long generated =
        catalog.entities().keySet().stream()
            .filter(id -> catalog.origin(id).equals("generated"))
            .count();
    assertThat(generated).isPositive().isLessThan(catalog.entities().size());
    assertThat(catalog.origin("ner:PERS:0123456789ab")).isEqualTo("discovered");
    // A capital counts toward its country; a leader only during his term, so not statically.
    assertThat(catalog.staticRollup("Q3766")).isEqualTo("Q858");
    assertThat(catalog.staticRollup("Q7747")).isEqualTo("Q7747");
    assertThat(catalog.staticRollup("Q794")).isEqualTo("Q794");
  }
}
