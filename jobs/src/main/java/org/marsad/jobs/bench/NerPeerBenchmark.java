package org.marsad.jobs.bench;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.johnsnowlabs.nlp.DocumentAssembler;
import com.johnsnowlabs.nlp.annotators.Tokenizer;
import com.johnsnowlabs.nlp.annotators.ner.crf.NerCrfApproach;
import com.johnsnowlabs.nlp.annotators.ner.crf.NerCrfModel;
import com.johnsnowlabs.nlp.annotators.sbd.pragmatic.SentenceDetector;
import com.johnsnowlabs.nlp.embeddings.WordEmbeddings;
import com.johnsnowlabs.nlp.embeddings.WordEmbeddingsModel;
import com.johnsnowlabs.nlp.training.CoNLL;
import com.typesafe.config.Config;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.Word2Vec;
import org.apache.spark.ml.feature.Word2VecModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.storage.StorageLevel;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.eval.MentionEvaluation;
import org.marsad.extract.CombinedEngine;
import org.marsad.extract.MentionExtractor;
import org.marsad.ingest.IngestSettings;
import org.marsad.jobs.InputLister;
import org.marsad.jobs.JobRunner;
import org.marsad.jobs.Sessions;
import org.marsad.ner.ConllCorpus;
import org.marsad.ner.ConllScorer;
import org.marsad.ner.NerTagger;
import org.marsad.nlp.LexiconMatcher;

/**
 * Issue 17's peer for the NER model: Spark NLP's {@code NerCrfApproach}, trained offline on the
 * same ANERcorp training part, scored on the same test part, and timed against the combined engine
 * on the same news articles in one run.
 *
 * <p>{@code NerCrfApproach} requires POS tags and word embeddings. No Arabic POS model installs
 * offline, so every token gets the POS tag {@code X} (a constant: a per-label bias, no
 * information); the embeddings are Spark ML {@code Word2Vec} vectors (50 dimensions) trained on the
 * training part's sentences. Its training stops at {@code maxEpochs} (5 by default, {@code
 * -Dmarsad.bench.crfEpochs}): Spark NLP 5.5's loss test never stops it earlier.
 *
 * <p>Usage: {@code NerPeerBenchmark OUT.json WORKDIR ANERCORP ARTICLES SOURCE INPUT...}: the
 * first ARTICLES articles (by id) of the ingested dump are tagged by both.
 */
public final class NerPeerBenchmark {
  private NerPeerBenchmark() {}

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]);
    Path work = Path.of(args[1]);
    Path anercorp = Path.of(args[2]);
    int sample = Integer.parseInt(args[3]);
    String source = args[4];
    List<String> inputs = List.of(args).subList(5, args.length);
    int epochs = Integer.getInteger("marsad.bench.crfEpochs", 5);
    Config config = MarsadConfig.load(null, List.of());
    SparkSession spark = Sessions.create("marsad bench-ner", null, config);
    int cores = spark.sparkContext().defaultParallelism();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();

    // The same split as train-ner, written as CoNLL files Spark NLP reads.
    ConllCorpus[] split = ConllCorpus.read(anercorp).standardSplit();
    Path trainFile = work.resolve("train.conll");
    Path testFile = work.resolve("test.conll");
    writeConll(split[0], trainFile);
    writeConll(split[1], testFile);
    CoNLL conll =
        new CoNLL(
            "document", "sentence", "token", "pos", 1, 0, "doc_id", "text", "label", true, " ",
            false);
    Dataset<Row> train =
        constantPos(
            conll
                .readDataset(spark, trainFile.toString(), "TEXT", 4, StorageLevel.MEMORY_ONLY())
                .toDF());
    Dataset<Row> test =
        constantPos(
            conll
                .readDataset(spark, testFile.toString(), "TEXT", 4, StorageLevel.MEMORY_ONLY())
                .toDF());

    long t0 = System.nanoTime();
    Path vectors = work.resolve("vectors.txt");
    writeVectors(spark, train, vectors);
    WordEmbeddings we = new WordEmbeddings();
    we.setStoragePath(vectors.toString(), "TEXT");
    we.setDimension(DIMENSION);
    we.setStorageRef("anercorp_train_w2v");
    we.setInputCols(new String[] {"sentence", "token"});
    we.setOutputCol("embeddings");
    WordEmbeddingsModel embeddings = we.fit(train);
    NerCrfApproach crf = new NerCrfApproach();
    crf.setInputCols(new String[] {"sentence", "token", "pos", "embeddings"});
    crf.setOutputCol("ner");
    crf.setLabelColumn("label");
    crf.setMinEpochs(1);
    crf.setMaxEpochs(epochs);
    crf.setRandomSeed(42);
    NerCrfModel model = crf.fit(embeddings.transform(train));
    double trainSeconds = (System.nanoTime() - t0) / 1e9;

    // Test scores: the CRF's tags against the gold tags of the same rows, exact spans.
    ConllScorer crfScores = new ConllScorer();
    for (Row r :
        model
            .transform(embeddings.transform(test))
            .select(
                col("token.result").as("tokens"),
                col("label.result").as("gold"),
                col("ner.result").as("tags"))
            .collectAsList()) {
      List<String> tokens = r.getList(0);
      List<String> gold = r.getList(1);
      List<String> tags = r.getList(2);
      ConllCorpus.Sentence s = new ConllCorpus.Sentence(tokens, gold, 0);
      crfScores.score(s, predicted(s, tags));
    }
    Catalog catalog = Catalog.load(config);
    String nerModel = config.getString("extract.ner.model");
    NerTagger tagger = NerTagger.shared(nerModel);
    MentionEvaluation.Result ours =
        MentionEvaluation.evaluateConll(
            anercorp,
            "test",
            MentionEvaluation.combined(new CombinedEngine(new LexiconMatcher(catalog), tagger)));

    // Speed: the same articles through both, from one cached frame, each counting what it finds.
    String wh = work.resolve("wh").toString();
    var files = InputLister.list(inputs, new Configuration());
    var settings = IngestSettings.from(config, null, null, source, IngestSettings.todayUtc());
    JobRunner.ingest(spark, config, settings, files, wh, null, null);
    Dataset<Row> articles =
        spark
            .read()
            .parquet(wh + "/articles")
            .select("article_id", "pub_date", "title", "body", "story_id", "source")
            .orderBy("article_id")
            .limit(sample)
            .repartition(cores)
            .cache();
    long n = articles.count();
    long chars = articles.selectExpr("sum(length(title) + length(body))").first().getLong(0);

    double combined = Double.MAX_VALUE;
    long combinedMentions = 0;
    for (int round = 0; round < 2; round++) {
      long t = System.nanoTime();
      combinedMentions =
          articles.javaRDD().mapPartitions(new MentionExtractor(catalog, "bench", nerModel)).count();
      combined = Math.min(combined, (System.nanoTime() - t) / 1e9);
    }

    PipelineModel pre = textPipeline(spark);
    Dataset<Row> text =
        articles.select(concat_ws("\n", coalesce(col("title"), lit("")), col("body")).as("text"));
    long t = System.nanoTime();
    Row tagged =
        model
            .transform(embeddings.transform(constantPos(pre.transform(text))))
            .agg(
                sum(size(col("token"))),
                sum(
                    size(
                        filter(
                            col("ner"), a -> not(a.getField("result").equalTo(lit("O")))))))
            .first();
    double crfSeconds = (System.nanoTime() - t) / 1e9;

    report.put("anercorp", anercorp.toString());
    report.put("crf_epochs", epochs);
    report.put("crf_train_seconds", round2(trainSeconds));
    report.set("crf_test_scores", scores(json, crfScores.counts()));
    ObjectNode oursNode = report.putObject("combined_test_scores");
    ours.levels()
        .get("conll")
        .forEach(
            (group, c) -> {
              ObjectNode g = oursNode.putObject(group);
              g.put("precision", round4(c.precision()));
              g.put("recall", round4(c.recall()));
              g.put("f1", round4(c.f1()));
            });
    report.put("articles", n);
    report.put("text_chars", chars);
    report.put("cores", cores);
    report.put("combined_seconds", round2(combined));
    report.put("combined_mentions", combinedMentions);
    report.put("crf_seconds", round2(crfSeconds));
    report.put("crf_tokens", tagged.getLong(0));
    report.put("crf_entity_tokens", tagged.getLong(1));
    report.put("combined_kchars_per_core_s", round2(chars / combined / cores / 1e3));
    report.put("crf_kchars_per_core_s", round2(chars / crfSeconds / cores / 1e3));
    report.put("combined_speedup_over_crf", round2(crfSeconds / combined));
    Files.writeString(out.toPath(), json.writeValueAsString(report));

    System.out.printf(
        Locale.ROOT,
        "%nANERcorp test split (exact spans, overall = LOC+PERS+ORG):%n"
            + "  Spark NLP NerCrfApproach (%d epochs, %.0f s to train): %s%n"
            + "  Marsad combined engine (shipped model):               %s%n",
        epochs,
        trainSeconds,
        line(crfScores.counts().get(ConllScorer.OVERALL), crfScores.counts()),
        line(ours.levels().get("conll").get(ConllScorer.OVERALL), ours.levels().get("conll")));
    System.out.printf(
        Locale.ROOT,
        "Tagging %d articles (%.1f M characters) on %d cores:%n"
            + "  combined engine %.2f s (%.0f K chars/s per core), NerCrf pipeline %.1f s"
            + " (%.1f K chars/s per core): combined is %.0fx faster%n",
        n,
        chars / 1e6,
        cores,
        combined,
        chars / combined / cores / 1e3,
        crfSeconds,
        chars / crfSeconds / cores / 1e3,
        crfSeconds / combined);
    System.out.println("JSON: " + out);
    spark.stop();
  }

  private static final int DIMENSION = 50;

  private static void writeConll(ConllCorpus part, Path file) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (ConllCorpus.Sentence s : part.sentences()) {
      for (int i = 0; i < s.size(); i++) {
        b.append(s.tokens().get(i)).append(' ').append(s.tags().get(i)).append('\n');
      }
      b.append('\n');
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  /** Word2Vec over the training sentences, written as Spark NLP's text format. */
  private static void writeVectors(SparkSession spark, Dataset<Row> train, Path file)
      throws java.io.IOException {
    Dataset<Row> sentences = train.select(col("token.result").as("words"));
    Word2VecModel w2v =
        new Word2Vec()
            .setInputCol("words")
            .setVectorSize(DIMENSION)
            .setMinCount(1)
            .setWindowSize(2)
            .setNumPartitions(1)
            .setSeed(42)
            .fit(sentences);
    StringBuilder b = new StringBuilder();
    for (Row r : w2v.getVectors().collectAsList()) {
      String word = r.getString(0);
      if (word.isBlank() || word.contains(" ")) {
        continue;
      }
      b.append(word);
      for (double v : ((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray()) {
        b.append(' ').append((float) v);
      }
      b.append('\n');
    }
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
  }

  /** A POS column of the constant tag X, one annotation per token, as annotators expect it. */
  static Dataset<Row> constantPos(Dataset<Row> df) {
    Metadata md = new MetadataBuilder().putString("annotatorType", "pos").build();
    Column pos =
        expr(
            "transform(token, t -> named_struct('annotatorType', 'pos', 'begin', t.begin,"
                + " 'end', t.end, 'result', 'X', 'metadata', t.metadata,"
                + " 'embeddings', t.embeddings))");
    return df.withColumn("pos", pos.as("pos", md));
  }

  /** Assembler, sentence detector (Arabic bounds) and tokenizer, as the Spark NLP engine's. */
  private static PipelineModel textPipeline(SparkSession spark) {
    DocumentAssembler document = new DocumentAssembler();
    document.setInputCol("text");
    document.setOutputCol("document");
    SentenceDetector sentences = new SentenceDetector();
    sentences.setInputCols(new String[] {"document"});
    sentences.setOutputCol("sentence");
    sentences.setCustomBounds(new String[] {"؟", "\n"});
    Tokenizer tokens = new Tokenizer();
    tokens.setInputCols(new String[] {"sentence"});
    tokens.setOutputCol("token");
    tokens.setContextChars(
        new String[] {".", ",", ";", ":", "!", "?", "*", "-", "(", ")", "\"", "'", "،", "؟", "؛", "«", "»"});
    Dataset<Row> empty =
        spark.createDataFrame(
            List.of(RowFactory.create("")),
            DataTypes.createStructType(
                List.of(DataTypes.createStructField("text", DataTypes.StringType, true))));
    return new Pipeline()
        .setStages(new PipelineStage[] {document, sentences, tokens})
        .fit(empty);
  }

  /** Token BIO tags as character spans of the sentence text. */
  private static List<ConllScorer.Predicted> predicted(ConllCorpus.Sentence s, List<String> tags) {
    int[] starts = s.starts();
    List<ConllScorer.Predicted> out = new ArrayList<>();
    for (ConllCorpus.Span sp : ConllCorpus.spans(tags)) {
      int last = sp.end() - 1;
      out.add(
          new ConllScorer.Predicted(
              starts[sp.start()], starts[last] + s.tokens().get(last).length(), sp.type()));
    }
    return out;
  }

  private static ObjectNode scores(ObjectMapper json, Map<String, ConllScorer.Counts> counts) {
    ObjectNode n = json.createObjectNode();
    counts.forEach(
        (group, c) -> {
          ObjectNode g = n.putObject(group);
          g.put("precision", round4(c.precision()));
          g.put("recall", round4(c.recall()));
          g.put("f1", round4(c.f1()));
        });
    return n;
  }

  private static String line(Object overall, Map<String, ?> byType) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "overall %.3f", f1(overall)));
    for (String t : List.of("LOC", "PERS", "ORG", "MISC")) {
      if (byType.containsKey(t)) {
        b.append(String.format(Locale.ROOT, ", %s %.3f", t, f1(byType.get(t))));
      }
    }
    return b.toString();
  }

  private static double f1(Object c) {
    if (c instanceof ConllScorer.Counts x) {
      return x.f1();
    }
    if (c instanceof MentionEvaluation.Counts x) {
      return x.f1();
    }
    return Double.NaN;
  }

  private static double round2(double x) {
    return Math.round(x * 100) / 100.0;
  }

  private static double round4(double x) {
    return Math.round(x * 10000) / 10000.0;
  }
}
