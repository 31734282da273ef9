package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.ner.NameCandidates;
import org.marsad.testing.SparkTestSession;

/**
 * The combined engine over the ingested data-samples: the catalog's rows exactly as the lexicon
 * engine writes them, plus the NER model's names; then discover and the auto-lexicon.
 */
class CombinedExtractTest {
  @TempDir static Path tmp;
  static String combined;
  static String lexicon;
  // A low bar for promotion: the samples hold 16 articles.
  static final Config CONFIG =
      MarsadConfig.load(null, List.of("discover.promote.min_articles=2"));

  @BeforeAll
  static void extractBothWays() {
    combined = tmp.resolve("combined").toString();
    lexicon = tmp.resolve("lexicon").toString();
    IngestJobTest.articlesDir =
        new java.io.File(org.marsad.testing.TestPaths.samples(), "articles");
    SparkSession spark = SparkTestSession.get();
    Catalog catalog = Catalog.load(CONFIG);
    for (String wh : List.of(combined, lexicon)) {
      IngestJobTest.ingest(wh, null, null);
    }
    JobRunner.extract(spark, CONFIG, catalog, combined, "combined");
    JobRunner.extract(spark, CONFIG, catalog, lexicon, "lexicon");
  }

  static Dataset<Row> mentions(String wh) {
    return SparkTestSession.get().read().parquet(wh + "/mentions");
  }

  @Test
  void entitiesHoldEveryCatalogEntityAndEveryNameFoundWithLabels() {
    SparkSession spark = SparkTestSession.get();
    Catalog catalog = Catalog.load(CONFIG);
    for (String wh : List.of(combined, lexicon)) {
      Dataset<Row> entities = spark.read().parquet(wh + "/entities");
      assertThat(entities.filter(col("origin").notEqual("discovered")).count())
          .as("every catalog entity, mentioned or not")
          .isEqualTo(catalog.entities().size());
      assertThat(entities.select("entity_id").distinct().count()).isEqualTo(entities.count());
      Row iran = entities.filter(col("entity_id").equalTo("Q794")).first();
      assertThat(iran.<String>getAs("label_en")).isEqualTo("Iran");
      assertThat(iran.<String>getAs("label_ar")).isEqualTo("إيران");
      assertThat(iran.<String>getAs("wikidata_url"))
          .isEqualTo("https://www.wikidata.org/wiki/Q794");
      assertThat(iran.<String>getAs("origin")).isEqualTo("catalog");
      // A capital counts toward its country, and the row says so by name.
      Row damascus = entities.filter(col("entity_id").equalTo("Q3766")).first();
      assertThat(damascus.<String>getAs("rollup_id")).isEqualTo("Q858");
      assertThat(damascus.<String>getAs("rollup_label_en")).isEqualTo("Syria");
      assertThat(entities.filter(col("origin").equalTo("generated")).count()).isPositive();
      // Every id of mentions has its row.
      assertThat(
              mentions(wh)
                  .select("entity_id")
                  .distinct()
                  .join(
                      entities.select(col("entity_id").as("_e")),
                      col("entity_id").equalTo(col("_e")),
                      "left_anti")
                  .count())
          .isZero();
    }
    Dataset<Row> found =
        spark.read().parquet(combined + "/entities").filter(col("origin").equalTo("discovered"));
    assertThat(found.count()).isPositive();
    assertThat(found.filter(col("label_ar").isNull()).count()).isZero();
    Dataset<Row> lexiconEntities = spark.read().parquet(lexicon + "/entities");
    assertThat(lexiconEntities.filter(col("origin").equalTo("discovered")).count()).isZero();
  }

  @Test
  void catalogRowsAreTheLexiconEnginesAndTheNamesAreEntitiesOfTheirOwn() {
    Dataset<Row> all = mentions(combined);
    Dataset<Row> names = all.filter(col("form").equalTo("ner"));
    assertThat(names.count()).isPositive();
    assertThat(names.filter(col("entity_id").rlike("^ner:(PERS|ORG|LOC):[0-9a-f]{12}$")).count())
        .isEqualTo(names.count());
    assertThat(names.filter(col("rollup_id").notEqual(col("entity_id"))).count()).isZero();
    assertThat(
            names.select("entity_type").distinct().collectAsList().stream()
                .map(r -> r.getString(0)))
        .isSubsetOf("PERSON", "ORG", "LOCATION");
    assertThat(all.select("engine").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("combined");

    List<Row> catalogRows =
        all.filter(col("form").notEqual("ner"))
            .drop("engine", "extract_run_id")
            .collectAsList();
    List<Row> lexiconRows = mentions(lexicon).drop("engine", "extract_run_id").collectAsList();
    assertThat(catalogRows).containsExactlyInAnyOrderElementsOf(lexiconRows);

    Dataset<Row> articles = SparkTestSession.get().read().parquet(combined + "/articles");
    assertThat(ExtractJobTest.surfaceMismatches(all, articles)).isEmpty();
  }

  @Test
  void discoverCountsEachNameAndPromotesTheFrequentOnesIntoALexiconTheMatcherUses() {
    SparkSession spark = SparkTestSession.get();
    CommonOptions common = new CommonOptions();
    common.warehouse = combined;
    DiscoverCommand.Result r = DiscoverCommand.run(spark, CONFIG, common);
    Dataset<Row> names = mentions(combined).filter(col("form").equalTo("ner"));
    Dataset<Row> candidates = spark.read().parquet(combined + "/" + NameCandidates.TABLE);
    assertThat(candidates.count())
        .isEqualTo(r.candidates())
        .isEqualTo(names.select("entity_id").distinct().count());
    assertThat(candidates.agg(sum("mentions")).first().getLong(0)).isEqualTo(names.count());
    assertThat(candidates.filter(col("promoted")).count()).isEqualTo(r.promoted()).isPositive();

    // The auto-lexicon is catalog HOCON: with it, the matcher alone finds the promoted names.
    String hocon = new Warehouse(combined, new org.apache.hadoop.conf.Configuration())
        .readText(NameCandidates.AUTO_LEXICON);
    Catalog withFound =
        Catalog.load(CONFIG).with(ConfigFactory.parseString(hocon), NameCandidates.AUTO_LEXICON);
    JobRunner.extract(spark, CONFIG, withFound, lexicon, "lexicon");
    Dataset<Row> found =
        mentions(lexicon).filter(col("entity_id").startsWith("ner:")).select("entity_id");
    List<String> promoted =
        candidates.filter(col("promoted")).select("entity_id").collectAsList().stream()
            .map(x -> x.getString(0))
            .toList();
    assertThat(found.distinct().collectAsList())
        .extracting(x -> x.getString(0))
        .containsExactlyInAnyOrderElementsOf(promoted);
    assertThat(mentions(lexicon).filter(col("entity_id").startsWith("ner:")).select("form")
            .distinct().collectAsList())
        .extracting(x -> x.getString(0))
        .containsExactly("discovered");
  }
}
