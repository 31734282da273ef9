package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.marsad.tables.Tables.Col;

/**
 * {@code cooccurrence} and {@code entity_sets}. A unit is a sentence, a paragraph or an article
 * (field, paragraph and sentence indexes of {@code mentions}); a unit mentioning an entity three
 * times counts once. Per granularity, period, scope and level: for each pair a &lt; b with at least
 * {@code min_support} units together, {@code n_ab}, {@code n_a}, {@code n_b} and {@code n_total}
 * (all units in the period, mentioning anything or not: {@code article_units}), PMI, NPMI,
 * Dunning's G², lift and Jaccard, the same pair counted in distinct articles and stories, and
 * pointers to the first few units that name both. For each watch list: units naming every member,
 * any member, and the total.
 */
public final class Cooccurrence {
  private Cooccurrence() {}

  /** The columns that identify a unit of each scope. */
  static List<String> unitKeys(String scope) {
    return switch (scope) {
      case "sentence" -> List.of(Col.ARTICLE_ID, Col.FIELD, Col.PARAGRAPH_IDX, Col.SENTENCE_IDX);
      case "paragraph" -> List.of(Col.ARTICLE_ID, Col.FIELD, Col.PARAGRAPH_IDX);
      case "article" -> List.of(Col.ARTICLE_ID);
      default -> throw new IllegalArgumentException("unknown scope " + scope);
    };
  }

  private static UserDefinedFunction stat(UDF4<Long, Long, Long, Long, Double> f) {
    return udf(
            (UDF4<Long, Long, Long, Long, Double>)
                (a, b, c, d) -> {
                  double v = f.call(a, b, c, d);
                  return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
                },
            DataTypes.DoubleType)
        .withName("marsad_stat");
  }

  /** Units of each scope in each period: the denominators, from {@code article_units}. */
  static Dataset<Row> totals(Dataset<Row> units, String g, String scope) {
    Column n =
        switch (scope) {
          case "sentence" -> sum(col("sentences"));
          case "paragraph" -> sum(col("paragraphs"));
          default -> count(lit(1));
        };
    return units
        .withColumn("period_start", Periods.start(g, col(Col.PUB_DATE)))
        .groupBy("period_start")
        .agg(
            n.cast("long").as("n_total"),
            count(lit(1)).as("total_articles"),
            countDistinct(col(Col.STORY_ID)).as("total_stories"));
  }

  /** Distinct (unit, entity) pairs at a level, with the entity's first mention in the unit. */
  static Dataset<Row> unitEntities(Dataset<Row> mentions, String scope, String level) {
    List<Column> keys = new ArrayList<>();
    for (String k : unitKeys(scope)) {
      keys.add(col(k));
    }
    keys.add(col(Col.PUB_DATE));
    keys.add(col(Col.STORY_ID));
    keys.add(col(level.equals("entity") ? Col.ENTITY_ID : Col.ROLLUP_ID).as("ent"));
    return mentions
        .groupBy(keys.toArray(new Column[0]))
        .agg(
            min(struct(
                    col(Col.FIELD).as("field"),
                    col(Col.PARAGRAPH_IDX).as("paragraph_idx"),
                    col(Col.SENTENCE_IDX).as("sentence_idx"),
                    col(Col.START).as("start"),
                    col(Col.END).as("end")))
                .as("first"));
  }

  public static Dataset<Row> pairs(
      Dataset<Row> mentions,
      Dataset<Row> units,
      AnalyticsSettings s,
      LocalDate from,
      LocalDate to,
      String runId) {
    UserDefinedFunction pmi = stat(Stats::pmi);
    UserDefinedFunction npmi = stat(Stats::npmi);
    UserDefinedFunction llr = stat(Stats::llr);
    UserDefinedFunction lift = stat(Stats::lift);
    UserDefinedFunction jaccard = stat((ab, a, b, n) -> Stats.jaccard(ab, a, b));
    List<Dataset<Row>> parts = new ArrayList<>();
    for (String scope : s.scopes()) {
      List<String> keys = unitKeys(scope);
      for (String level : List.of("entity", "rollup")) {
        Dataset<Row> ue = unitEntities(mentions, scope, level);
        Dataset<Row> a = ue.alias("a");
        Dataset<Row> b = ue.alias("b");
        Column on = col("a.ent").lt(col("b.ent"));
        for (String k : keys) {
          on = on.and(col("a." + k).equalTo(col("b." + k)));
        }
        Dataset<Row> together =
            a.join(b, on)
                .select(
                    col("a." + Col.ARTICLE_ID).as(Col.ARTICLE_ID),
                    col("a." + Col.PUB_DATE).as(Col.PUB_DATE),
                    col("a." + Col.STORY_ID).as(Col.STORY_ID),
                    col("a.ent").as("entity_a"),
                    col("b.ent").as("entity_b"),
                    struct(
                            col("a." + Col.ARTICLE_ID).as(Col.ARTICLE_ID),
                            col("a." + Col.PUB_DATE).as(Col.PUB_DATE),
                            col("a.first.field").as("a_field"),
                            col("a.first.paragraph_idx").as("a_paragraph_idx"),
                            col("a.first.sentence_idx").as("a_sentence_idx"),
                            col("a.first.start").as("a_start"),
                            col("a.first.end").as("a_end"),
                            col("b.first.field").as("b_field"),
                            col("b.first.paragraph_idx").as("b_paragraph_idx"),
                            col("b.first.sentence_idx").as("b_sentence_idx"),
                            col("b.first.start").as("b_start"),
                            col("b.first.end").as("b_end"))
                        .as("evidence"));
        for (String g : s.granularities()) {
          Dataset<Row> nab =
              together
                  .withColumn("period_start", Periods.start(g, col(Col.PUB_DATE)))
                  .groupBy("period_start", "entity_a", "entity_b")
                  .agg(
                      count(lit(1)).as("n_ab"),
                      countDistinct(col(Col.ARTICLE_ID)).as("n_ab_articles"),
                      countDistinct(col(Col.STORY_ID)).as("n_ab_stories"),
                      slice(array_sort(collect_list(col("evidence"))), 1, Math.max(1, s.evidence()))
                          .as("evidence"))
                  .filter(col("n_ab").geq(s.minSupport()));
          Dataset<Row> na =
              ue.withColumn("period_start", Periods.start(g, col(Col.PUB_DATE)))
                  .groupBy("period_start", "ent")
                  .agg(
                      count(lit(1)).as("n"),
                      countDistinct(col(Col.ARTICLE_ID)).as("n_articles"),
                      countDistinct(col(Col.STORY_ID)).as("n_stories"));
          Dataset<Row> nA =
              na.select(
                  col("period_start"),
                  col("ent").as("entity_a"),
                  col("n").as("n_a"),
                  col("n_articles").as("n_a_articles"),
                  col("n_stories").as("n_a_stories"));
          Dataset<Row> nB =
              na.select(
                  col("period_start"),
                  col("ent").as("entity_b"),
                  col("n").as("n_b"),
                  col("n_articles").as("n_b_articles"),
                  col("n_stories").as("n_b_stories"));
          Dataset<Row> rows =
              nab.join(nA, Trends.scala(List.of("period_start", "entity_a")))
                  .join(nB, Trends.scala(List.of("period_start", "entity_b")))
                  .join(totals(units, g, scope), Trends.scala(List.of("period_start")))
                  .withColumn("granularity", lit(g))
                  .withColumn("scope", lit(scope))
                  .withColumn("level", lit(level));
          Column[] args = {col("n_ab"), col("n_a"), col("n_b"), col("n_total")};
          parts.add(
              rows.withColumn("pmi", pmi.apply(args))
                  .withColumn("npmi", npmi.apply(args))
                  .withColumn("llr", llr.apply(args))
                  .withColumn("lift", lift.apply(args))
                  .withColumn("jaccard", jaccard.apply(args)));
        }
      }
    }
    return Trends.inRange(union(parts), from, to)
        .withColumn("cooccur_run_id", lit(runId))
        .select(
            "granularity",
            "period_start",
            "scope",
            "level",
            "entity_a",
            "entity_b",
            "n_ab",
            "n_a",
            "n_b",
            "n_total",
            "pmi",
            "npmi",
            "llr",
            "lift",
            "jaccard",
            "n_ab_articles",
            "n_a_articles",
            "n_b_articles",
            "n_ab_stories",
            "n_a_stories",
            "n_b_stories",
            "total_articles",
            "total_stories",
            "evidence",
            "cooccur_run_id");
  }

  /**
   * {@code entity_sets}: for each watch list, scope, level and period with articles: units naming
   * every member ({@code n_all}), any member ({@code n_any}), all units ({@code total}), and the
   * same in distinct articles and stories.
   */
  public static Dataset<Row> sets(
      Dataset<Row> mentions,
      Dataset<Row> units,
      AnalyticsSettings s,
      LocalDate from,
      LocalDate to,
      String runId) {
    List<Dataset<Row>> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> set : s.watchlists().entrySet()) {
      int size = set.getValue().size();
      for (String scope : s.scopes()) {
        for (String level : List.of("entity", "rollup")) {
          List<Column> keys = new ArrayList<>();
          for (String k : unitKeys(scope)) {
            keys.add(col(k));
          }
          keys.add(col(Col.PUB_DATE));
          keys.add(col(Col.STORY_ID));
          Dataset<Row> perUnit =
              unitEntities(mentions, scope, level)
                  .filter(col("ent").isin(set.getValue().toArray()))
                  .groupBy(keys.toArray(new Column[0]))
                  .agg(countDistinct(col("ent")).as("k"));
          for (String g : s.granularities()) {
            Column all = col("k").equalTo(size);
            Dataset<Row> counts =
                perUnit
                    .withColumn("period_start", Periods.start(g, col(Col.PUB_DATE)))
                    .groupBy("period_start")
                    .agg(
                        sum(when(all, 1L).otherwise(0L)).as("n_all"),
                        count(lit(1)).as("n_any"),
                        countDistinct(when(all, col(Col.ARTICLE_ID))).as("n_all_articles"),
                        countDistinct(col(Col.ARTICLE_ID)).as("n_any_articles"),
                        countDistinct(when(all, col(Col.STORY_ID))).as("n_all_stories"),
                        countDistinct(col(Col.STORY_ID)).as("n_any_stories"));
            parts.add(
                totals(units, g, scope)
                    .join(counts, Trends.scala(List.of("period_start")), "left")
                    .na()
                    .fill(
                        0L,
                        new String[] {
                          "n_all",
                          "n_any",
                          "n_all_articles",
                          "n_any_articles",
                          "n_all_stories",
                          "n_any_stories"
                        })
                    .withColumn("set_id", lit(set.getKey()))
                    .withColumn("members", lit(String.join("|", set.getValue())))
                    .withColumn("granularity", lit(g))
                    .withColumn("scope", lit(scope))
                    .withColumn("level", lit(level)));
          }
        }
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    return Trends.inRange(union(parts), from, to)
        .withColumn("cooccur_run_id", lit(runId))
        .select(
            col("set_id"),
            col("members"),
            col("granularity"),
            col("period_start"),
            col("scope"),
            col("level"),
            col("n_all"),
            col("n_any"),
            col("n_total").as("total"),
            col("n_all_articles"),
            col("n_any_articles"),
            col("n_all_stories"),
            col("n_any_stories"),
            col("total_articles"),
            col("total_stories"),
            col("cooccur_run_id"));
  }

  static Dataset<Row> union(List<Dataset<Row>> parts) {
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all;
  }
}
