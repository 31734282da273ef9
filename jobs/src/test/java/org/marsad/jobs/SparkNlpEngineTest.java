package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.extract.SparkNlpEngine;
import org.marsad.testing.SparkTestSession;
import org.marsad.testing.TestPaths;

/** The Spark NLP engine over the ingested data-samples: same schema, offsets into stored text. */
class SparkNlpEngineTest {
  @TempDir Path tmp;

  @Test
  void findsMentionsWithOffsetsIntoTheStoredText() {
    String wh = tmp.resolve("wh").toString();
    IngestJobTest.articlesDir = new java.io.File(TestPaths.samples(), "articles");
    IngestJobTest.ingest(wh, null, null);
    Config config = MarsadConfig.load(null, List.of());
    ExtractJob.Result r =
        JobRunner.extract(SparkTestSession.get(), config, Catalog.load(config), wh, "sparknlp");
    assertThat(r.mentionsWritten()).isPositive();
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> m = spark.read().parquet(wh + "/mentions");
    Dataset<Row> a = spark.read().parquet(wh + "/articles");
    assertThat(m.filter(col("engine").notEqual("sparknlp")).count()).isZero();
    assertThat(ExtractJobTest.surfaceMismatches(m, a)).isEmpty();
    // Its report counts the articles by reading them back (the lexicon flags them on the way).
    assertThat(r.mentionsWritten()).isEqualTo(m.count());
    assertThat(r.articlesWithMentions()).isEqualTo(m.select("article_id").distinct().count());
    List<Row> seedTitle =
        m.join(
                a.filter(col("input_file").contains("seed-article")).select("article_id"),
                "article_id")
            .filter(col("field").equalTo("title"))
            .orderBy("start")
            .select("entity_id", "rollup_id")
            .collectAsList();
    assertThat(seedTitle)
        .extracting(Row::toString)
        .containsExactly("[Q3616,Q794]", "[Q649,Q159]", "[Q858,Q858]");
  }

  @Test
  void sanitizingKeepsEveryOffset() {
    String s = "a\uD83D\uDE00b\u200F\u00A0c";
    String clean = SparkNlpEngine.sanitize(s);
    assertThat(clean).hasSameSizeAs(s).isEqualTo("a  b  c");
  }
}
