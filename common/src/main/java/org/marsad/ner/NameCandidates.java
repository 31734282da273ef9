package org.marsad.ner;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.tables.Tables.Col;

/**
 * {@code name_candidates}: the entities the NER model found beyond the catalog, over the whole
 * warehouse, one row each: the normalised name, the surface forms with their counts, mentions,
 * articles, stories and sources, first and last day, the first evidence pointers, and whether the
 * name is frequent and consistent enough to be promoted into the auto-lexicon.
 */
public final class NameCandidates {
  private NameCandidates() {}

  public static final String TABLE = "name_candidates";

  /** Thresholds of promotion into the auto-lexicon. */
  public record Settings(int evidence, long minArticles, double minTypeShare) {}

  private static final StructType KEYED =
      new StructType()
          .add(Col.ENTITY_ID, DataTypes.StringType, false)
          .add(Col.ENTITY_TYPE, DataTypes.StringType, false)
          .add(Col.SURFACE, DataTypes.StringType, false)
          .add("name", DataTypes.StringType, false)
          .add("full", DataTypes.BooleanType, false)
          .add(Col.ARTICLE_ID, DataTypes.StringType, false)
          .add(Col.STORY_ID, DataTypes.StringType, false)
          .add(Col.SOURCE, DataTypes.StringType, false)
          .add(Col.PUB_DATE, DataTypes.DateType, false)
          .add(Col.FIELD, DataTypes.StringType, false)
          .add(Col.START, DataTypes.IntegerType, false)
          .add(Col.END, DataTypes.IntegerType, false);

  /**
   * The candidates of the {@code ner} mentions among {@code mentions}; {@code nerModel} gives the
   * normalisation of names (its clusters' counts split proclitics).
   */
  public static Dataset<Row> build(Dataset<Row> mentions, String nerModel, Settings settings) {
    Dataset<Row> ner =
        mentions
            .filter(col(Col.FORM).equalTo(NameLinker.FORM))
            .select(
                Col.ENTITY_ID,
                Col.ENTITY_TYPE,
                Col.SURFACE,
                Col.ARTICLE_ID,
                Col.STORY_ID,
                Col.SOURCE,
                Col.PUB_DATE,
                Col.FIELD,
                Col.START,
                Col.END);
    Dataset<Row> keyed =
        mentions
            .sparkSession()
            .createDataFrame(
                ner.javaRDD()
                    .mapPartitions(
                        rows -> {
                          NerFeatures features = NerTagger.shared(nerModel).features();
                          List<Row> out = new ArrayList<>();
                          while (rows.hasNext()) {
                            Row r = rows.next();
                            String id = r.getString(0);
                            String type = id.split(":")[1];
                            String[] norms =
                                org.marsad.nlp.Tokenizer.tokenize(r.getString(2)).stream()
                                    .map(org.marsad.nlp.Token::norm)
                                    .toArray(String[]::new);
                            String key = NameLinker.key(features, norms);
                            out.add(
                                RowFactory.create(
                                    id,
                                    r.getString(1),
                                    r.getString(2),
                                    key,
                                    NameLinker.id(type, key).equals(id),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getString(5),
                                    r.getDate(6),
                                    r.getString(7),
                                    r.getInt(8),
                                    r.getInt(9)));
                          }
                          return out.iterator();
                        }),
                KEYED)
            .cache();
    Column id = col(Col.ENTITY_ID);
    Dataset<Row> counts =
        keyed
            .groupBy(id, col(Col.ENTITY_TYPE))
            .agg(
                count(lit(1)).as("mentions"),
                countDistinct(col(Col.ARTICLE_ID)).as("articles"),
                countDistinct(col(Col.STORY_ID)).as("stories"),
                countDistinct(col(Col.SOURCE)).as("sources"),
                min(col(Col.PUB_DATE)).as("first_day"),
                max(col(Col.PUB_DATE)).as("last_day"));
    // Surface forms, most frequent first (ties by text), at most ten.
    Dataset<Row> surfaces =
        keyed
            .groupBy(id, col(Col.SURFACE))
            .agg(count(lit(1)).as("n"))
            .groupBy(id)
            .agg(
                slice(sort_array(collect_list(struct(negate(col("n")).as("k"), col(Col.SURFACE)))), 1, 10)
                    .as("s"))
            .select(
                id,
                transform(
                        col("s"),
                        x -> struct(x.getField(Col.SURFACE).as("surface"), negate(x.getField("k")).as("n")))
                    .as("surfaces"));
    // The name: the commonest full form (its own id), else the commonest form.
    WindowSpec byName =
        Window.partitionBy(id).orderBy(col("full").desc(), col("n").desc(), col("name"));
    Dataset<Row> names =
        keyed
            .groupBy(id, col("name"), col("full"))
            .agg(count(lit(1)).as("n"))
            .withColumn("rank", row_number().over(byName))
            .filter(col("rank").equalTo(1))
            .select(id, col("name"));
    // How consistently the name is typed: its mentions of this type among all of that name.
    Dataset<Row> typeShare =
        keyed
            .groupBy(col("name"), col(Col.ENTITY_TYPE))
            .agg(count(lit(1)).as("typed"))
            .withColumn("all_types", sum(col("typed")).over(Window.partitionBy(col("name"))))
            .select(
                col("name"),
                col(Col.ENTITY_TYPE),
                col("typed").divide(col("all_types")).as("type_share"));
    WindowSpec first =
        Window.partitionBy(id)
            .orderBy(col(Col.PUB_DATE), col(Col.ARTICLE_ID), col(Col.FIELD), col(Col.START));
    Dataset<Row> evidence =
        keyed
            .withColumn("rank", row_number().over(first))
            .filter(col("rank").leq(settings.evidence()))
            .groupBy(id)
            .agg(
                sort_array(
                        collect_list(
                            struct(
                                col("rank"),
                                col(Col.ARTICLE_ID),
                                col(Col.PUB_DATE),
                                col(Col.FIELD),
                                col(Col.START),
                                col(Col.END))))
                    .as("e"))
            .select(
                id,
                transform(
                        col("e"),
                        x ->
                            struct(
                                x.getField(Col.ARTICLE_ID).as(Col.ARTICLE_ID),
                                x.getField(Col.PUB_DATE).as(Col.PUB_DATE),
                                x.getField(Col.FIELD).as(Col.FIELD),
                                x.getField(Col.START).as(Col.START),
                                x.getField(Col.END).as(Col.END)))
                    .as("evidence"));
    return counts
        .join(names, Col.ENTITY_ID)
        .join(surfaces, Col.ENTITY_ID)
        .join(evidence, Col.ENTITY_ID)
        .join(
            typeShare,
            scala.collection.JavaConverters.asScalaBuffer(List.of("name", Col.ENTITY_TYPE))
                .toSeq())
        .withColumn(
            "promoted",
            col("articles")
                .geq(settings.minArticles())
                .and(col("type_share").geq(settings.minTypeShare())))
        .select(
            col(Col.ENTITY_ID),
            col(Col.ENTITY_TYPE),
            col("name"),
            col("surfaces"),
            col("mentions"),
            col("articles"),
            col("stories"),
            col("sources"),
            col("first_day"),
            col("last_day"),
            col("type_share"),
            col("promoted"),
            col("evidence"));
  }

  /** Where {@code discover} writes the auto-lexicon, relative to the warehouse root. */
  public static final String AUTO_LEXICON = "_catalog/discovered.conf";

  /**
   * Candidates in the catalog's own HOCON: one entity per row of {@code name_candidates} (columns
   * entity_id, entity_type, name, surfaces, articles, first_day, last_day), a comment with its
   * evidence, ready to be reviewed, given a QID and moved into {@code conf/entities}.
   */
  public static String hocon(List<Row> candidates, String header) {
    StringBuilder b = new StringBuilder();
    for (String line : header.split("\n")) {
      b.append("# ").append(line).append('\n');
    }
    b.append("entities = [\n");
    for (Row r : candidates) {
      List<Row> surfaces = r.getList(r.fieldIndex("surfaces"));
      StringBuilder forms = new StringBuilder();
      for (Row s : surfaces) {
        if (forms.length() > 0) {
          forms.append(", ");
        }
        forms.append(s.getString(0)).append(" (").append(s.getLong(1)).append(')');
      }
      b.append("  # ")
          .append(r.getLong(r.fieldIndex("articles")))
          .append(" articles, ")
          .append(r.getDate(r.fieldIndex("first_day")))
          .append("..")
          .append(r.getDate(r.fieldIndex("last_day")))
          .append(": ")
          .append(forms.toString().replace('\n', ' '))
          .append('\n');
      b.append("  { id = ")
          .append(quote(r.getString(r.fieldIndex(Col.ENTITY_ID))))
          .append(", type = ")
          .append(r.getString(r.fieldIndex(Col.ENTITY_TYPE)))
          .append(", en = \"\", ar = ")
          .append(quote(r.getString(r.fieldIndex("name"))))
          .append(" }\n");
    }
    b.append("]\n");
    return b.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
