package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.eval.MentionEvaluation;
import org.marsad.extract.CombinedEngine;
import org.marsad.ner.ConllCorpus;
import org.marsad.ner.CorpusLexicon;
import org.marsad.ner.NerFeatures;
import org.marsad.ner.NerModel;
import org.marsad.ner.NerTagger;
import org.marsad.ner.NerTrainer;
import org.marsad.ner.NerTraining;
import org.marsad.ner.UnlabelledNews;
import org.marsad.ner.WordClusters;
import org.marsad.ner.WordClustering;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.tables.Tables;
import org.marsad.tables.Tables.Col;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code marsad train-clusters} and {@code marsad train-ner}: the NER model, trained offline. */
public final class NerCommands {
  private NerCommands() {}

  /** The canonical articles (no exact duplicates) of some warehouses: article_id, title, body. */
  static Dataset<Row> unlabelled(SparkSession spark, List<String> warehouses) {
    Dataset<Row> all = null;
    for (String w : warehouses) {
      Warehouse warehouse = new Warehouse(w, spark.sparkContext().hadoopConfiguration());
      Dataset<Row> a;
      try {
        a = spark.read().parquet(warehouse.table(Tables.ARTICLES));
      } catch (RuntimeException e) {
        throw new UsageException("no articles table in " + w + " (run ingest first)");
      }
      a = a.filter(col(Col.DUP_OF).isNull()).select(Col.ARTICLE_ID, Col.TITLE, Col.BODY);
      all = all == null ? a : all.union(a);
    }
    return all;
  }

  @Command(
      name = "train-clusters",
      mixinStandardHelpOptions = true,
      description =
          "Learn word clusters for the NER model from unlabelled news: Word2Vec vectors of the"
              + " normalised words of the warehouses' articles, then k-means at each granularity.")
  public static final class TrainClusters implements Callable<Integer> {
    @Option(
        names = "--warehouse",
        paramLabel = "DIR",
        required = true,
        description = "A warehouse whose articles are the unlabelled news (repeatable).")
    List<String> warehouses;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        required = true,
        description = "The clusters file to write (TSV, gzipped).")
    File out;

    @Option(
        names = "--window",
        paramLabel = "N",
        description = "Words either side that Word2Vec learns from (default: 1).")
    int window = WordClustering.Settings.DEFAULT.window();

    @Option(
        names = "--levels",
        paramLabel = "K,K,...",
        split = ",",
        description = "Numbers of clusters, coarse to fine (default: 128,512,2048).")
    List<Integer> levels = WordClustering.Settings.DEFAULT.levels();

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: 42).")
    long seed = WordClustering.Settings.DEFAULT.seed();

    @Option(
        names = "--master",
        paramLabel = "URL",
        description = "Spark master when not launched by spark-submit.")
    String master;

    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() throws IOException {
      Config config = configOptions.load();
      WordClustering.Settings d = WordClustering.Settings.DEFAULT;
      WordClustering.Settings settings =
          new WordClustering.Settings(
              d.vectorSize(), window, d.minCount(), d.partitions(), levels, d.kmeansIterations(),
              seed);
      SparkSession spark = Sessions.create("marsad train-clusters", master, config);
      long started = System.nanoTime();
      Dataset<Row> sentences = UnlabelledNews.sentences(unlabelled(spark, warehouses)).cache();
      Map<String, Long> counts = new HashMap<>();
      UnlabelledNews.wordCounts(sentences, 3)
          .toLocalIterator()
          .forEachRemaining(t -> counts.put(t._1(), t._2()));
      Map<String, int[]> clusters = WordClustering.clusters(sentences, settings);
      long n = sentences.count();
      sentences.unpersist();
      List<String> words = new ArrayList<>(counts.keySet());
      words.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(w -> w));
      File parent = out.getAbsoluteFile().getParentFile();
      if (!parent.isDirectory() && !parent.mkdirs()) {
        throw new UsageException("cannot create " + parent);
      }
      try (Writer w =
          new OutputStreamWriter(
              new GZIPOutputStream(new FileOutputStream(out)), StandardCharsets.UTF_8)) {
        w.write(
            String.format(
                Locale.ROOT,
                "# marsad train-clusters: %d sentences of %s; word2vec skip-gram, %d dimensions,"
                    + " window %d, min count %d, %d partition(s); k-means %d iterations; seed %d%n",
                n,
                warehouses,
                settings.vectorSize(),
                settings.window(),
                settings.minCount(),
                settings.partitions(),
                settings.kmeansIterations(),
                settings.seed()));
        WordClusters.write(w, words, counts, clusters, levels);
      }
      System.out.printf(
          Locale.ROOT,
          "train-clusters: %d sentences, %d words counted, %d clustered at %s, in %.0f s -> %s%n",
          n,
          words.size(),
          clusters.size(),
          levels,
          (System.nanoTime() - started) / 1e9,
          out);
      return 0;
    }
  }

  @Command(
      name = "train-ner",
      mixinStandardHelpOptions = true,
      description =
          "Train the NER model of the combined engine on the train part of a CoNLL corpus's"
              + " standard split (ANERcorp), with word clusters and unlabelled news; score it on the"
              + " test part; write the model folder.")
  public static final class TrainNer implements Callable<Integer> {
    @Option(
        names = "--gold",
        paramLabel = "FILE",
        required = true,
        description = "The CoNLL corpus (token TAG lines), e.g. ANERcorp.")
    File gold;

    @Option(
        names = "--unlabelled",
        paramLabel = "DIR",
        required = true,
        description = "A warehouse whose articles are the unlabelled news (repeatable).")
    List<String> warehouses;

    @Option(
        names = "--clusters",
        paramLabel = "FILE",
        required = true,
        description = "Word clusters (marsad train-clusters).")
    File clusters;

    @Option(
        names = "--triggers",
        paramLabel = "FILE",
        description = "Trigger words (default: conf/ner/triggers.tsv).")
    File triggers;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "The model folder to write (e.g. conf/ner/anercorp).")
    File out;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: 42).")
    long seed = NerTraining.Settings.DEFAULT.seed();

    @Option(
        names = "--max-epochs",
        paramLabel = "N",
        description = "Most epochs tried per stage on the held-out sentences (default: 20).")
    int maxEpochs = NerTraining.Settings.DEFAULT.maxEpochs();

    @Option(
        names = "--master",
        paramLabel = "URL",
        description = "Spark master when not launched by spark-submit.")
    String master;

    @Mixin ConfigOptions configOptions = new ConfigOptions();

    @Override
    public Integer call() throws IOException {
      if (!gold.isFile()) {
        throw new UsageException("gold file not found: " + gold);
      }
      if (!clusters.isFile()) {
        throw new UsageException("clusters file not found: " + clusters);
      }
      if (triggers != null && !triggers.isFile()) {
        throw new UsageException("triggers file not found: " + triggers);
      }
      Config config = configOptions.load();
      Catalog catalog = Catalog.load(config);
      long started = System.nanoTime();
      ConllCorpus corpus = ConllCorpus.read(gold.toPath());
      ConllCorpus[] split = corpus.standardSplit();
      WordClusters wordClusters;
      try (InputStream in = new FileInputStream(clusters)) {
        wordClusters = WordClusters.read(in);
      }
      Map<String, String> triggerWords;
      try (InputStream in = openTriggers()) {
        triggerWords = NerFeatures.readTriggers(in);
      }
      NerFeatures base = new NerFeatures(wordClusters, triggerWords, null);
      SparkSession spark = Sessions.create("marsad train-ner", master, config);
      Dataset<Row> articles = unlabelled(spark, warehouses).cache();
      long articleCount = articles.count();
      NerTraining.Corpus news =
          first -> {
            Broadcast<NerModel> model =
                spark.sparkContext().broadcast(first, scala.reflect.ClassTag$.MODULE$.apply(NerModel.class));
            try {
              return CorpusLexicon.of(UnlabelledNews.lexiconCounts(articles, model, catalog));
            } finally {
              model.destroy();
            }
          };
      NerTraining.Settings settings =
          new NerTraining.Settings(
              seed,
              maxEpochs,
              NerTraining.Settings.DEFAULT.holdOut(),
              NerTraining.Settings.DEFAULT.folds());
      NerTraining.Result r =
          new NerTraining(base, new LexiconMatcher(catalog), settings, news)
              .train(split[0].sentences());
      articles.unpersist();
      double trainSeconds = (System.nanoTime() - started) / 1e9;
      r.tagger().write(out);
      File clustersCopy = new File(out, NerTagger.CLUSTERS);
      if (!clustersCopy.getCanonicalFile().equals(clusters.getCanonicalFile())) {
        Files.copy(clusters.toPath(), clustersCopy.toPath(), StandardCopyOption.REPLACE_EXISTING);
      }
      try (InputStream in = openTriggers()) {
        Files.copy(in, new File(out, NerTagger.TRIGGERS).toPath(), StandardCopyOption.REPLACE_EXISTING);
      }
      // Scored from the files just written, as extract will read them.
      NerTagger written = NerTagger.load(out.getAbsolutePath());
      LexiconMatcher matcher = new LexiconMatcher(catalog);
      MentionEvaluation.Result combined =
          MentionEvaluation.evaluateConll(
              gold.toPath(), "test", MentionEvaluation.combined(new CombinedEngine(matcher, written)));
      MentionEvaluation.Result nerOnly =
          MentionEvaluation.evaluateConll(gold.toPath(), "test", MentionEvaluation.ner(matcher, written));
      ObjectNode card = RunReport.JSON.createObjectNode();
      card.put("trained_by", "marsad train-ner");
      card.put("gold", gold.getName());
      ObjectNode sp = card.putObject("split");
      sp.put("rule", "standard: sequentially, the sentences holding the first 5/6 of the words train, the rest test");
      sp.put("train_sentences", split[0].sentences().size());
      sp.put("train_tokens", split[0].tokens());
      sp.put("test_sentences", split[1].sentences().size());
      sp.put("test_tokens", split[1].tokens());
      sp.put("held_out_for_selection", "the last " + settings.holdOut() + " of the train sentences");
      ObjectNode un = card.putObject("unlabelled");
      un.put("warehouses", String.join(", ", warehouses.stream().map(w -> new File(w).getName()).toList()));
      un.put("articles", articleCount);
      un.put("lexicon_stems", r.tagger().lexicon().size());
      ObjectNode cl = card.putObject("clusters");
      cl.put("words", wordClusters.size());
      cl.put("levels", wordClusters.levels().toString());
      ObjectNode st = card.putObject("settings");
      st.put("seed", seed);
      st.put("max_epochs", maxEpochs);
      st.put("jackknife_folds", settings.folds());
      st.put("document_window_sentences", NerTagger.WINDOW);
      st.put("epochs_stage1", r.epochs1());
      st.put("epochs_stage2", r.epochs2());
      st.put("features_stage1", written.first().featureCount());
      st.put("features_stage2", written.second().featureCount());
      ArrayNode c1 = card.putArray("held_out_f1_stage1");
      r.curve1().forEach(e -> c1.add(round(e.heldOutF1())));
      ArrayNode c2 = card.putArray("held_out_f1_stage2");
      r.curve2().forEach(e -> c2.add(round(e.heldOutF1())));
      ObjectNode scores = card.putObject("test_scores");
      scores.set("combined", scoreNode(combined));
      scores.set("ner_only", scoreNode(nerOnly));
      card.put("train_seconds", Math.round(trainSeconds));
      Files.writeString(
          new File(out, NerTagger.CARD).toPath(), RunReport.JSON.writeValueAsString(card) + "\n");
      System.out.printf(
          Locale.ROOT,
          "train-ner: epochs %d + %d, %.0f s; test (%d tokens):%n",
          r.epochs1(),
          r.epochs2(),
          trainSeconds,
          split[1].tokens());
      print("combined", combined);
      print("ner only", nerOnly);
      System.out.println("model: " + out);
      return 0;
    }

    private InputStream openTriggers() throws IOException {
      if (triggers != null) {
        return new FileInputStream(triggers);
      }
      InputStream in =
          NerCommands.class
              .getClassLoader()
              .getResourceAsStream(MarsadConfig.DEFAULTS_RESOURCE.replace("marsad.conf", "ner/triggers.tsv"));
      if (in == null) {
        throw new IOException("conf/ner/triggers.tsv is missing from the jar");
      }
      return in;
    }
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  private static ObjectNode scoreNode(MentionEvaluation.Result r) {
    ObjectNode n = RunReport.JSON.createObjectNode();
    r.levels()
        .get("conll")
        .forEach(
            (group, c) -> {
              ObjectNode g = n.putObject(group);
              g.put("precision", round(c.precision()));
              g.put("recall", round(c.recall()));
              g.put("f1", round(c.f1()));
              g.put("tp", c.tp);
              g.put("fp", c.fp);
              g.put("fn", c.fn);
            });
    return n;
  }

  private static void print(String engine, MentionEvaluation.Result r) {
    r.levels()
        .get("conll")
        .forEach(
            (group, c) ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-9s %-22s P %.3f R %.3f F1 %.3f%n",
                    engine,
                    group,
                    c.precision(),
                    c.recall(),
                    c.f1()));
  }
}
