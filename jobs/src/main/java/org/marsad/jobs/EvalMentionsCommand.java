package org.marsad.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.marsad.catalog.Catalog;
import org.marsad.eval.MentionEvaluation;
import org.marsad.extract.CombinedEngine;
import org.marsad.ner.NerTagger;
import org.marsad.nlp.LexiconMatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marsad eval-mentions}: precision, recall and F1 of the extractor against gold. */
@Command(
    name = "eval-mentions",
    mixinStandardHelpOptions = true,
    description =
        "Score an extraction engine against a gold file (JSON Lines, or CoNLL like ANERcorp).")
public final class EvalMentionsCommand implements Callable<Integer> {
  /** Gold formats. */
  public enum Format {
    auto,
    jsonl,
    conll
  }

  @Option(
      names = "--gold",
      paramLabel = "FILE",
      required = true,
      description =
          "Gold file: JSON Lines ({id, text, date?, mentions|entities}) or token-TAG lines.")
  File gold;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "auto (default: .jsonl/.json is JSON Lines, anything else CoNLL), jsonl, conll.")
  Format format = Format.auto;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "lexicon (default, as extract), combined, or sparknlp (JSON Lines gold only; starts a"
              + " local Spark).")
  ExtractCommand.Engine engine = ExtractCommand.Engine.lexicon;

  /** Parts of a CoNLL corpus. */
  public enum Split {
    all,
    train,
    test
  }

  @Option(
      names = "--split",
      paramLabel = "PART",
      description =
          "CoNLL gold: all (default), or the train or test part of ANERcorp's standard split (the"
              + " sentences holding the first 5/6 of the words train, the rest test).")
  Split split = Split.all;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the scores as JSON here.")
  File out;

  @Option(
      names = "--errors",
      paramLabel = "N",
      description = "Also print the N most frequent missed (fn) and spurious (fp) spans.")
  int errors;

  @picocli.CommandLine.Mixin ConfigOptions configOptions = new ConfigOptions();

  @Override
  public Integer call() throws Exception {
    if (!gold.isFile()) {
      throw new UsageException("gold file not found: " + gold);
    }
    Config config = configOptions.load();
    Catalog catalog = Catalog.load(config);
    boolean jsonl =
        format == Format.jsonl
            || (format == Format.auto && gold.getName().matches("(?i).*\\.jsonl?$"));
    if (engine == ExtractCommand.Engine.sparknlp && !jsonl) {
      throw new UsageException("--engine sparknlp is scored on JSON Lines gold only");
    }
    LexiconMatcher matcher = new LexiconMatcher(catalog);
    CombinedEngine combined =
        engine == ExtractCommand.Engine.combined
            ? new CombinedEngine(matcher, NerTagger.load(config.getString("extract.ner.model")))
            : null;
    MentionEvaluation.Result r;
    if (jsonl) {
      r =
          MentionEvaluation.evaluateJsonl(
              gold.toPath(),
              catalog,
              switch (engine) {
                case sparknlp -> sparkNlpPredictions(config, catalog);
                case combined -> MentionEvaluation.combinedJsonl(combined);
                case lexicon -> MentionEvaluation.lexiconJsonl(matcher);
              });
    } else {
      r =
          MentionEvaluation.evaluateConll(
              gold.toPath(),
              split.name(),
              combined != null
                  ? MentionEvaluation.combined(combined)
                  : MentionEvaluation.lexicon(matcher));
    }
    ObjectNode json = RunReport.JSON.createObjectNode();
    json.put("gold", gold.getPath());
    json.put("engine", engine.name());
    if (!jsonl) {
      json.put("split", split.name());
    }
    if (combined != null) {
      json.put("ner_model", config.getString("extract.ner.model"));
    }
    json.put("catalog_entities", catalog.entities().size());
    ObjectNode notes = json.putObject("notes");
    r.notes().forEach(notes::put);
    System.out.printf(
        Locale.ROOT,
        "%-10s %-30s %6s %6s %6s %9s %7s %7s%n",
        "level",
        "group",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1");
    ObjectNode levels = json.putObject("scores");
    r.levels()
        .forEach(
            (level, groups) -> {
              ObjectNode l = levels.putObject(level);
              groups.forEach(
                  (group, c) -> {
                    System.out.printf(
                        Locale.ROOT,
                        "%-10s %-30s %6d %6d %6d %9.3f %7.3f %7.3f%n",
                        level,
                        group,
                        c.tp,
                        c.fp,
                        c.fn,
                        c.precision(),
                        c.recall(),
                        c.f1());
                    ObjectNode g = l.putObject(group);
                    g.put("tp", c.tp);
                    g.put("fp", c.fp);
                    g.put("fn", c.fn);
                    g.put("precision", c.precision());
                    g.put("recall", c.recall());
                    g.put("f1", c.f1());
                  });
            });
    System.out.println("notes: " + r.notes());
    if (errors > 0) {
      r.topErrors(errors).forEach(e -> System.out.println("  " + e.getValue() + "\t" + e.getKey()));
    }
    if (out != null) {
      Files.writeString(out.toPath(), RunReport.JSON.writeValueAsString(json));
      System.out.println("scores: " + out);
    }
    return 0;
  }

  /** Runs the Spark NLP engine over the gold texts once; the gold is small, so it is collected. */
  private MentionEvaluation.Predictor sparkNlpPredictions(Config config, Catalog catalog)
      throws java.io.IOException {
    var spark = Sessions.create("marsad eval-mentions", null, config);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<org.apache.spark.sql.Row> docs = new ArrayList<>();
    for (String line : Files.readAllLines(gold.toPath())) {
      if (!line.isBlank()) {
        var d = json.readTree(line);
        String day = d.hasNonNull("date") ? d.get("date").asText() : "2000-01-01";
        docs.add(
            org.apache.spark.sql.RowFactory.create(
                d.get("id").asText(),
                java.sql.Date.valueOf(day),
                null,
                d.get("text").asText(),
                d.get("id").asText(),
                "gold"));
      }
    }
    var schema =
        new org.apache.spark.sql.types.StructType()
            .add("article_id", "string")
            .add("pub_date", "date")
            .add("title", "string")
            .add("body", "string")
            .add("story_id", "string")
            .add("source", "string");
    var articles = spark.createDataFrame(docs, schema);
    var model = org.marsad.extract.SparkNlpEngine.build(spark, catalog);
    java.util.Map<String, List<org.marsad.nlp.LexiconMatcher.Mention>> byDoc =
        new java.util.HashMap<>();
    for (var m :
        org.marsad.extract.SparkNlpEngine.extract(spark, articles, model, catalog, "eval")
            .collectAsList()) {
      byDoc
          .computeIfAbsent(m.getString(0), k -> new ArrayList<>())
          .add(
              new org.marsad.nlp.LexiconMatcher.Mention(
                  m.getInt(4),
                  m.getInt(5),
                  m.getString(7),
                  m.getString(8),
                  m.getString(9),
                  m.getString(10)));
    }
    return (id, text, day) -> byDoc.getOrDefault(id, List.of());
  }
}
