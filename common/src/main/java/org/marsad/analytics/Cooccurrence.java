package org.marsad.analytics;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  /**
   * Units of every scope in every period: the denominators ({@code n_total}) from {@code
   * article_units}, with the period's articles and stories.
   */
  public static Dataset<Row> totals(Dataset<Row> units, AnalyticsSettings s) {
    Column[] scopes = new Column[s.scopes().size()];
    for (int i = 0; i < scopes.length; i++) {
      String scope = s.scopes().get(i);
      Column n =
          switch (scope) {
            case "sentence" -> col("sentences");
            case "paragraph" -> col("paragraphs");
            default -> col("articles");
          };
      scopes[i] = struct(lit(scope).as("scope"), n.cast("long").as("n"));
    }
    return units
        .select(
            col(Col.STORY_ID),
            col("sentences"),
            col("paragraphs"),
            explode(Periods.all(s.granularities(), col(Col.PUB_DATE))).as("p"))
        .groupBy(col("p.granularity").as("granularity"), col("p.period_start").as("period_start"))
        .agg(
            sum(col("sentences")).as("sentences"),
            sum(col("paragraphs")).as("paragraphs"),
            count(lit(1)).as("articles"),
            countDistinct(col(Col.STORY_ID)).as("total_stories"))
        .select(
            col("granularity"),
            col("period_start"),
            col("articles").as("total_articles"),
            col("total_stories"),
            explode(array(scopes)).as("sc"))
        .select(
            col("granularity"),
            col("period_start"),
            col("sc.scope").as("scope"),
            col("sc.n").as("n_total"),
            col("total_articles"),
            col("total_stories"));
  }

  /**
   * Distinct (scope, level, unit, entity), with the entity's first mention in the unit. A unit is
   * {@code (article_id, ufield, upara, usent)}, the parts a scope does not use set to "" or -1.
   */
  public static Dataset<Row> unitEntities(Dataset<Row> mentions, AnalyticsSettings s) {
    Column[] scopes = new Column[s.scopes().size()];
    for (int i = 0; i < scopes.length; i++) {
      String scope = s.scopes().get(i);
      boolean field = !scope.equals("article");
      boolean para = field;
      boolean sentence = scope.equals("sentence");
      scopes[i] =
          struct(
              lit(scope).as("scope"),
              (field ? col(Col.FIELD) : lit("")).as("ufield"),
              (para ? col(Col.PARAGRAPH_IDX) : lit(-1)).as("upara"),
              (sentence ? col(Col.SENTENCE_IDX) : lit(-1)).as("usent"));
    }
    Column levels =
        array(
            struct(lit("entity").as("level"), col(Col.ENTITY_ID).as("ent")),
            struct(lit("rollup").as("level"), col(Col.ROLLUP_ID).as("ent")));
    Column first =
        struct(
            col(Col.FIELD).as("field"),
            col(Col.PARAGRAPH_IDX).as("paragraph_idx"),
            col(Col.SENTENCE_IDX).as("sentence_idx"),
            col(Col.START).as("start"),
            col(Col.END).as("end"));
    return mentions
        .select(
            col(Col.ARTICLE_ID),
            col(Col.PUB_DATE),
            col(Col.STORY_ID),
            first.as("m"),
            explode(levels).as("l"),
            explode(array(scopes)).as("u"))
        .groupBy(
            col(Col.ARTICLE_ID),
            col("l.ent").as("ent"),
            col("u.ufield").as("ufield"),
            col("u.upara").as("upara"),
            col("u.usent").as("usent"),
            col("u.scope").as("scope"),
            col("l.level").as("level"),
            col(Col.PUB_DATE),
            col(Col.STORY_ID))
        .agg(min(col("m")).as("first"));
  }

  /** Per-entity unit counts, named for one side of a pair: entity_a, n_a, n_a_articles… */
  private static Dataset<Row> side(Dataset<Row> na, String side) {
    return na.select(
        col("granularity"),
        col("period_start"),
        col("scope"),
        col("level"),
        col("ent").as("entity_" + side),
        col("n").as("n_" + side),
        col("n_articles").as("n_" + side + "_articles"),
        col("n_stories").as("n_" + side + "_stories"));
  }

  static final List<String> UNIT =
      List.of("scope", "level", Col.ARTICLE_ID, "ufield", "upara", "usent");

  /**
   * @param ue {@link #unitEntities}
   * @param totals {@link #totals}
   */
  public static Dataset<Row> pairs(
      Dataset<Row> ue,
      Dataset<Row> totals,
      AnalyticsSettings s,
      LocalDate from,
      LocalDate to,
      String runId) {
    UserDefinedFunction pmi = StatUdfs.of("marsad_pmi", Stats::pmi);
    UserDefinedFunction npmi = StatUdfs.of("marsad_npmi", Stats::npmi);
    UserDefinedFunction llr = StatUdfs.of("marsad_llr", Stats::llr);
    UserDefinedFunction lift = StatUdfs.of("marsad_lift", Stats::lift);
    UserDefinedFunction jaccard =
        StatUdfs.of("marsad_jaccard", (ab, a, b, n) -> Stats.jaccard(ab, a, b));
    Dataset<Row> a = ue.alias("a");
    Dataset<Row> b = ue.alias("b");
    Column on = null;
    for (String k : UNIT) {
      Column eq = col("a." + k).equalTo(col("b." + k));
      on = on == null ? eq : on.and(eq);
    }
    on = on.and(col("a.ent").lt(col("b.ent")));
    // Pairs of entities in a unit, first gathered per day and story (an article belongs to one
    // day and one story, so units and articles add up over days and stories; stories are then
    // counted distinct per period), keeping each story's first unit as evidence.
    Dataset<Row> perStory =
        a.join(b, on)
            .groupBy(
                col("a." + Col.STORY_ID).as(Col.STORY_ID),
                col("a.ent").as("entity_a"),
                col("b.ent").as("entity_b"),
                col("a." + Col.PUB_DATE).as(Col.PUB_DATE),
                col("a.scope").as("scope"),
                col("a.level").as("level"))
            .agg(
                count(lit(1)).as("units"),
                countDistinct(col("a." + Col.ARTICLE_ID)).as("articles"),
                min(struct(
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
                        col("b.first.end").as("b_end")))
                    .as("evidence"));
    Dataset<Row> nab =
        perStory
            .select(
                col("scope"),
                col("level"),
                col("entity_a"),
                col("entity_b"),
                col(Col.STORY_ID),
                col("units"),
                col("articles"),
                col("evidence"),
                explode(Periods.all(s.granularities(), col(Col.PUB_DATE))).as("p"))
            .groupBy(
                col("entity_a"),
                col("entity_b"),
                col("p.period_start").as("period_start"),
                col("p.granularity").as("granularity"),
                col("scope"),
                col("level"))
            .agg(
                sum(col("units")).as("n_ab"),
                sum(col("articles")).as("n_ab_articles"),
                countDistinct(col(Col.STORY_ID)).as("n_ab_stories"),
                slice(array_sort(collect_list(col("evidence"))), 1, Math.max(1, s.evidence()))
                    .as("evidence"))
            .filter(col("n_ab").geq(s.minSupport()));
    Dataset<Row> na =
        ue.groupBy(col(Col.PUB_DATE), col("scope"), col("level"), col("ent"), col(Col.STORY_ID))
            .agg(count(lit(1)).as("units"), countDistinct(col(Col.ARTICLE_ID)).as("articles"))
            .select(
                col("scope"),
                col("level"),
                col("ent"),
                col(Col.STORY_ID),
                col("units"),
                col("articles"),
                explode(Periods.all(s.granularities(), col(Col.PUB_DATE))).as("p"))
            .groupBy(
                col("p.granularity").as("granularity"),
                col("p.period_start").as("period_start"),
                col("scope"),
                col("level"),
                col("ent"))
            .agg(
                sum(col("units")).as("n"),
                sum(col("articles")).as("n_articles"),
                countDistinct(col(Col.STORY_ID)).as("n_stories"));
    List<String> periodScopeLevel = List.of("granularity", "period_start", "scope", "level");
    Dataset<Row> nA = side(na, "a");
    Dataset<Row> nB = side(na, "b");
    List<String> withA = new ArrayList<>(periodScopeLevel);
    withA.add("entity_a");
    List<String> withB = new ArrayList<>(periodScopeLevel);
    withB.add("entity_b");
    Dataset<Row> rows =
        nab.join(nA, Trends.scala(withA))
            .join(nB, Trends.scala(withB))
            .join(totals, Trends.scala(List.of("granularity", "period_start", "scope")));
    Column[] args = {col("n_ab"), col("n_a"), col("n_b"), col("n_total")};
    return Trends.inRange(rows, from, to)
        .withColumn("pmi", pmi.apply(args))
        .withColumn("npmi", npmi.apply(args))
        .withColumn("llr", llr.apply(args))
        .withColumn("lift", lift.apply(args))
        .withColumn("jaccard", jaccard.apply(args))
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
      Dataset<Row> ue,
      Dataset<Row> totals,
      AnalyticsSettings s,
      LocalDate from,
      LocalDate to,
      String runId) {
    if (s.watchlists().isEmpty()) {
      return null;
    }
    List<Row> membership = new ArrayList<>();
    for (Map.Entry<String, List<String>> set : s.watchlists().entrySet()) {
      for (String member : set.getValue()) {
        membership.add(
            org.apache.spark.sql.RowFactory.create(
                set.getKey(), String.join("|", set.getValue()), set.getValue().size(), member));
      }
    }
    Dataset<Row> members =
        ue.sparkSession()
            .createDataFrame(
                membership,
                new org.apache.spark.sql.types.StructType()
                    .add("set_id", DataTypes.StringType)
                    .add("members", DataTypes.StringType)
                    .add("set_size", DataTypes.IntegerType)
                    .add("ent", DataTypes.StringType));
    List<String> unit = new ArrayList<>(UNIT);
    unit.addAll(List.of(Col.PUB_DATE, Col.STORY_ID, "set_id", "members", "set_size"));
    Dataset<Row> perUnit =
        ue.join(broadcast(members), "ent")
            .groupBy(unit.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
            .agg(countDistinct(col("ent")).as("k"));
    Column all = col("k").equalTo(col("set_size"));
    Dataset<Row> counts =
        perUnit
            .select(
                col("set_id"),
                col("scope"),
                col("level"),
                col(Col.ARTICLE_ID),
                col(Col.STORY_ID),
                all.as("all"),
                explode(Periods.all(s.granularities(), col(Col.PUB_DATE))).as("p"))
            .groupBy(
                col("set_id"),
                col("p.granularity").as("granularity"),
                col("p.period_start").as("period_start"),
                col("scope"),
                col("level"))
            .agg(
                sum(when(col("all"), 1L).otherwise(0L)).as("n_all"),
                count(lit(1)).as("n_any"),
                countDistinct(when(col("all"), col(Col.ARTICLE_ID))).as("n_all_articles"),
                countDistinct(col(Col.ARTICLE_ID)).as("n_any_articles"),
                countDistinct(when(col("all"), col(Col.STORY_ID))).as("n_all_stories"),
                countDistinct(col(Col.STORY_ID)).as("n_any_stories"));
    // Every period with articles, for every set, scope and level: zeros included.
    Dataset<Row> grid =
        totals
            .crossJoin(members.select("set_id", "members").distinct())
            .crossJoin(
                ue.sparkSession()
                    .createDataset(
                        List.of("entity", "rollup"), org.apache.spark.sql.Encoders.STRING())
                    .toDF("level"));
    Dataset<Row> rows =
        grid.join(
                counts,
                Trends.scala(List.of("set_id", "granularity", "period_start", "scope", "level")),
                "left")
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
                });
    return Trends.inRange(rows, from, to)
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
}
