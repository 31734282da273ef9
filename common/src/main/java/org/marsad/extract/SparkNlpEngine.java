package org.marsad.extract;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.annotators.Tokenizer;
import com.johnsnowlabs.nlp.annotators.er.EntityRulerApproach;
import com.johnsnowlabs.nlp.annotators.sbd.pragmatic.SentenceDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.marsad.catalog.Catalog;
import org.marsad.catalog.Entity;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Segmenter;
import org.marsad.tables.Tables;

/**
 * The Spark NLP peer of the lexicon engine, built from the same catalog: DocumentAssembler,
 * SentenceDetector (with Arabic bounds), Tokenizer (Arabic punctuation split off) and an
 * EntityRuler whose patterns are per-token regexes that allow proclitics, alef/ta marbuta/ya
 * variants, diacritics and tatweel, plus keyword patterns for multi-word names. Names the catalog
 * resolves only by a rule (context, neighbours, dates) are left out: the ruler cannot express them.
 * EntityRuler throws on any character outside its alphabet, so the text is first mapped, one UTF-16
 * unit for one, onto the generated alphabet: offsets stay those of the stored text.
 */
public final class SparkNlpEngine {
  private SparkNlpEngine() {}

  public static final String ENGINE = "sparknlp";
  private static final String DIACRITICS = "[\\u064B-\\u0652\\u0670\\u0640]*";

  /** Characters the ruler accepts: Arabic, Latin, digits, common punctuation, spaces. */
  static boolean inAlphabet(char c) {
    return (c >= 0x0600 && c <= 0x06FF)
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ".,;:!?()[]{}\"'-_/%&*+=<>@#$«»".indexOf(c) >= 0
        || c == ' '
        || c == '\n';
  }

  /** The text with every character outside the alphabet replaced by a space, length kept. */
  public static String sanitize(String s) {
    if (s == null) {
      return null;
    }
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (!inAlphabet(c[i])) {
        c[i] = ' ';
      }
    }
    return new String(c);
  }

  /**
   * Fits the pipeline on an empty frame, writing patterns and alphabet to a temporary folder that
   * is deleted once fitted (the fitted ruler holds both).
   */
  public static PipelineModel build(SparkSession spark, Catalog catalog) {
    Path work;
    try {
      work = Files.createTempDirectory("marsad-sparknlp-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return build(spark, catalog, work);
    } finally {
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Only a temporary folder left behind.
      }
    }
  }

  /** Fits the pipeline on an empty frame; patterns and alphabet are written to {@code workDir}. */
  public static PipelineModel build(SparkSession spark, Catalog catalog, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path alphabet = workDir.resolve("alphabet.txt");
      StringBuilder a = new StringBuilder();
      for (char c = 0; c < 0xFFFF; c++) {
        if (inAlphabet(c) && c != '\n') {
          a.append(c);
        }
      }
      Files.writeString(alphabet, a.toString(), StandardCharsets.UTF_8);
      Path patterns = workDir.resolve("patterns.jsonl");
      Files.writeString(patterns, patterns(catalog), StandardCharsets.UTF_8);
      DocumentAssembler document = new DocumentAssembler();
      document.setInputCol("text");
      document.setOutputCol("document");
      SentenceDetector sentences = new SentenceDetector();
      sentences.setInputCols(new String[] {"document"});
      sentences.setOutputCol("sentence");
      sentences.setCustomBounds(new String[] {"\\.", "!", "\\?", "؟", "؛", "\n"});
      Tokenizer tokens = new Tokenizer();
      tokens.setInputCols(new String[] {"sentence"});
      tokens.setOutputCol("token");
      tokens.setContextChars(
          new String[] {
            ".", ",", ";", ":", "!", "?", "*", "-", "(", ")", "\"", "'", "،", "؟", "؛", "«", "»"
          });
      EntityRulerApproach ruler = new EntityRulerApproach();
      ruler.setInputCols(new String[] {"sentence", "token"});
      ruler.setOutputCol("entities");
      ruler.setUseStorage(false);
      ruler.setAlphabetResource(alphabet.toAbsolutePath().toString());
      ruler.setPatternsResource(
          patterns.toAbsolutePath().toString(),
          com.johnsnowlabs.nlp.util.io.ReadAs.TEXT(),
          scala.collection.immutable.Map$.MODULE$
              .<String, String>empty()
              .$plus(new scala.Tuple2<>("format", "JSONL")));
      Pipeline p =
          new Pipeline().setStages(new PipelineStage[] {document, sentences, tokens, ruler});
      Dataset<Row> empty =
          spark.createDataFrame(
              List.of(RowFactory.create("")),
              new org.apache.spark.sql.types.StructType().add("text", DataTypes.StringType));
      return p.fit(empty);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** EntityRuler patterns: one label per entity and form, {@code QID:form}. */
  static String patterns(Catalog catalog) {
    ObjectMapper json = new ObjectMapper();
    StringBuilder out = new StringBuilder();
    String clitics =
        "(?:" + String.join("|", new TreeSet<>(LexiconMatcher.procliticsForPatterns())) + ")?";
    for (Entity e : catalog.entities().values()) {
      Map<String, Set<String>> regexByForm = new HashMap<>();
      Map<String, Set<String>> keywordsByForm = new HashMap<>();
      List<String[]> names = new ArrayList<>();
      names.add(new String[] {"name", e.ar()});
      e.aliases().stream()
          .filter(x -> !x.constrained())
          .forEach(x -> names.add(new String[] {"alias", x.name()}));
      for (Entity.Alias d : e.demonyms()) {
        if (d.constrained()) {
          continue;
        }
        String n = org.marsad.nlp.Tokenizer.normalize(d.name());
        boolean nisba = n.endsWith("ي") && !n.contains(" ");
        for (String suffix : nisba ? LexiconMatcher.DEMONYM_SUFFIXES : List.of("")) {
          names.add(new String[] {"demonym", n + suffix});
        }
      }
      for (String[] n : names) {
        String norm = org.marsad.nlp.Tokenizer.normalize(n[1]);
        if (norm.isEmpty()) {
          continue;
        }
        if (norm.contains(" ")) {
          keywordsByForm.computeIfAbsent(n[0], k -> new LinkedHashSet<>()).add(n[1].strip());
        } else {
          regexByForm
              .computeIfAbsent(n[0], k -> new LinkedHashSet<>())
              .add("^" + clitics + variants(norm) + "$");
        }
      }
      for (var r : regexByForm.entrySet()) {
        ObjectNode o = json.createObjectNode();
        o.put("label", e.id() + ":" + r.getKey());
        o.put("regex", true);
        r.getValue().forEach(o.putArray("patterns")::add);
        out.append(o).append('\n');
      }
      for (var k : keywordsByForm.entrySet()) {
        ObjectNode o = json.createObjectNode();
        o.put("label", e.id() + ":" + k.getKey());
        k.getValue().forEach(o.putArray("patterns")::add);
        out.append(o).append('\n');
      }
    }
    return out.toString();
  }

  /** A regex for a normalised word that also accepts its orthographic variants as written. */
  static String variants(String norm) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < norm.length(); i++) {
      char c = norm.charAt(i);
      String cls =
          switch (c) {
            case 'ا' -> "[اأإآ]";
            case 'ه' -> "[هة]";
            case 'ي' -> "[يى]";
            default -> Pattern.quote(String.valueOf(c));
          };
      b.append(cls).append(DIACRITICS);
    }
    return b.toString();
  }

  /**
   * Mentions of {@code articles} ({@code article_id, pub_date, title, body, story_id, source}) in
   * the schema of {@code Tables.MENTIONS_SCHEMA}.
   */
  public static Dataset<Row> extract(
      SparkSession spark,
      Dataset<Row> articles,
      PipelineModel model,
      Catalog catalog,
      String runId) {
    spark
        .udf()
        .register(
            "marsad_sanitize",
            (UDF1<String, String>) SparkNlpEngine::sanitize,
            DataTypes.StringType);
    Dataset<Row> fields =
        articles
            .select(
                col("article_id"),
                col("pub_date"),
                lit("title").as("field"),
                col("title").as("stored"),
                col("story_id"),
                col("source"))
            .union(
                articles.select(
                    col("article_id"),
                    col("pub_date"),
                    lit("body").as("field"),
                    col("body").as("stored"),
                    col("story_id"),
                    col("source")))
            .filter(col("stored").isNotNull().and(length(col("stored")).gt(0)))
            .withColumn("text", callUDF("marsad_sanitize", col("stored")));
    // explode_outer + IS NOT NULL: a plain explode lets the optimiser copy the annotator chain
    // into a filter and run it two or three times per row (BUILD-NOTES).
    String[] carried = {"article_id", "pub_date", "field", "stored", "story_id", "source"};
    Dataset<Row> found =
        model
            .transform(fields)
            .select(
                Stream.concat(
                        Stream.of(carried).map(org.apache.spark.sql.functions::col),
                        Stream.of(explode_outer(col("entities")).as("e")))
                    .toArray(Column[]::new))
            .filter(col("e").isNotNull())
            .select(
                Stream.concat(
                        Stream.of(carried).map(org.apache.spark.sql.functions::col),
                        Stream.of(
                            col("e.begin").as("b"),
                            col("e.end").as("en"),
                            col("e.metadata").getItem("entity").as("label")))
                    .toArray(Column[]::new));
    var rows =
        found
            .javaRDD()
            .mapPartitions(
                it -> {
                  // The mentions of one field arrive together (explode keeps them in order):
                  // segment each stored text once, not once per mention.
                  return new java.util.Iterator<Row>() {
                    private String lastText;
                    private List<Segmenter.Sentence> lastSentences = List.of();

                    @Override
                    public boolean hasNext() {
                      return it.hasNext();
                    }

                    @Override
                    public Row next() {
                      Row r = it.next();
                      String text = r.getString(3);
                      if (!text.equals(lastText)) {
                        lastText = text;
                        lastSentences = Segmenter.sentences(text);
                      }
                      return toMention(r, text, lastSentences, catalog, runId);
                    }
                  };
                });
    return spark.createDataFrame(rows, Tables.MENTIONS_SCHEMA);
  }

  /** One exploded annotation row as a row of {@code Tables.MENTIONS_SCHEMA}. */
  private static Row toMention(
      Row r, String text, List<Segmenter.Sentence> sentences, Catalog catalog, String runId) {
    int start = r.getInt(6);
    int end = r.getInt(7) + 1;
    String label = r.getString(8); // id:form; a marsad: id has a colon of its own
    int colon = label.lastIndexOf(':');
    Entity e = catalog.get(label.substring(0, colon));
    java.sql.Date date = r.getDate(1);
    String[] formAndRollup =
        catalog.formAndRollup(e.id(), label.substring(colon + 1), date.toLocalDate());
    int paragraph = 0;
    int sentence = 0;
    for (Segmenter.Sentence s : sentences) {
      if (s.start() <= start) {
        paragraph = s.paragraph();
        sentence = s.index();
      }
    }
    return RowFactory.create(
        r.getString(0),
        r.getString(2),
        paragraph,
        sentence,
        start,
        end,
        text.substring(start, end),
        e.id(),
        e.type(),
        formAndRollup[0],
        formAndRollup[1],
        ENGINE,
        r.getString(4),
        r.getString(5),
        runId,
        date);
  }
}
