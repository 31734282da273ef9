package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.testing.SparkTestSession;

/**
 * {@code marsad generate} through the whole pipeline: every generated record becomes an article
 * (four formats), and the {@code mentions} table holds exactly the planted mentions (span, field
 * and entity), read back through {@code articles.source_id}.
 */
class GeneratedCorpusTest {
  @TempDir Path tmp;

  @Test
  void thePipelineFindsExactlyThePlantedMentions() {
    Path gen = tmp.resolve("gen");
    assertThat(
            Marsad.execute("generate", "--size", "600KB", "--out", gen.toString(), "--seed", "7"))
        .isZero();
    String wh = tmp.resolve("wh").toString();
    PipelineCommand.Result r = Pipelines.run(gen.resolve("articles").toString(), wh);
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> truth =
        spark
            .read()
            .json(gen.resolve("truth.jsonl").toString())
            .select(
                split(col("id"), ":").getItem(0).as("gid"),
                split(col("id"), ":").getItem(1).as("field"),
                explode(col("mentions")).as("m"))
            .select(
                col("gid"),
                col("field"),
                col("m.start").cast("int").as("start"),
                col("m.end").cast("int").as("end"),
                col("m.entity_id").as("entity_id"));
    long planted = truth.count();
    long records = spark.read().json(gen.resolve("truth.jsonl").toString()).count() / 2;
    assertThat(r.ingest().recordsRead()).isEqualTo(records);
    assertThat(r.ingest().articlesWritten()).isEqualTo(records);
    assertThat(r.ingest().rejectsWritten()).isZero();
    Dataset<Row> found =
        spark
            .read()
            .parquet(wh + "/mentions")
            .join(spark.read().parquet(wh + "/articles"), "article_id")
            .select(
                col("source_id").as("gid"),
                col("field"),
                col("start"),
                col("end"),
                col("entity_id"));
    assertThat(planted).isGreaterThan(3_000);
    assertThat(found.count()).isEqualTo(planted);
    assertThat(found.exceptAll(truth).count()).as("found but not planted").isZero();
    assertThat(truth.exceptAll(found).count()).as("planted but not found").isZero();
  }
}
