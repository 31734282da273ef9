package org.marsad.ner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.catalog.Catalog;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Segmenter;
import org.marsad.nlp.Words;
import scala.Tuple2;

/**
 * Unlabelled news for the NER model's training: the sentences of a warehouse's articles (title and
 * body, exact duplicates left out), as normalised words for the word clusters, and as text for the
 * first stage to label ({@link CorpusLexicon}). Input rows: {@code title, body}.
 */
public final class UnlabelledNews {
  private UnlabelledNews() {}

  /** Sentences of {@link #sentences}: a key that orders them, and their normalised words. */
  public static final StructType SENTENCES =
      new StructType()
          .add("key", DataTypes.StringType, false)
          .add("words", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /**
   * Sentences of two words or more, as normalised words, keyed by article id, field and position
   * so that a sort gives the same order on any cluster. Input rows: {@code article_id, title,
   * body}.
   */
  public static Dataset<Row> sentences(Dataset<Row> articles) {
    JavaRDD<Row> rows =
        articles
            .javaRDD()
            .flatMap(
                r -> {
                  List<Row> out = new ArrayList<>();
                  Words words = new Words();
                  for (int f = 1; f <= 2; f++) {
                    String text = r.getString(f);
                    if (text == null) {
                      continue;
                    }
                    int k = 0;
                    for (Segmenter.Sentence s : Segmenter.sentences(text)) {
                      org.marsad.nlp.Tokenizer.scan(text, s.start(), s.end(), words);
                      if (words.size() > 1) {
                        String[] w = new String[words.size()];
                        for (int i = 0; i < w.length; i++) {
                          w[i] = words.norm(i);
                        }
                        String key = String.format("%s/%d/%06d", r.getString(0), f, k++);
                        out.add(RowFactory.create(key, w));
                      }
                    }
                  }
                  return out.iterator();
                });
    return articles.sparkSession().createDataFrame(rows, SENTENCES);
  }

  /** How often each normalised word occurs, for words seen at least {@code min} times. */
  public static JavaPairRDD<String, Long> wordCounts(Dataset<Row> sentences, long min) {
    return sentences
        .javaRDD()
        .flatMapToPair(
            r -> {
              List<String> s = r.getList(1);
              List<Tuple2<String, Long>> out = new ArrayList<>(s.size());
              for (String w : s) {
                out.add(new Tuple2<>(w, 1L));
              }
              return out.iterator();
            })
        .reduceByKey(Long::sum)
        .filter(t -> t._2() >= min);
  }

  /**
   * The first stage's labels of every sentence, counted per stem: each task labels its articles
   * sentence by sentence and adds up its own counts before the one shuffle.
   */
  public static Map<String, int[]> lexiconCounts(
      Dataset<Row> articles, Broadcast<NerModel> first, Catalog catalog) {
    JavaPairRDD<String, int[]> counts =
        articles
            .javaRDD()
            .mapPartitionsToPair(
                rows -> {
                  NerModel model = first.value();
                  LexiconMatcher matcher = LexiconMatcher.shared(catalog);
                  Map<String, int[]> local = new HashMap<>();
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    for (int f = 1; f <= 2; f++) {
                      String text = r.getString(f);
                      if (text == null) {
                        continue;
                      }
                      for (Segmenter.Sentence s : Segmenter.sentences(text)) {
                        NerSentence sentence =
                            NerSentence.of(
                                text, s.start(), s.end(), matcher.find(text, s.start(), s.end(), null));
                        int[] labels = model.tag(sentence);
                        String[] stems = new String[labels.length];
                        for (int i = 0; i < stems.length; i++) {
                          stems[i] = model.features().split(sentence.norm(i))[1];
                        }
                        CorpusLexicon.count(stems, labels, local);
                      }
                    }
                  }
                  Iterator<Map.Entry<String, int[]>> it = local.entrySet().iterator();
                  return new Iterator<Tuple2<String, int[]>>() {
                    @Override
                    public boolean hasNext() {
                      return it.hasNext();
                    }

                    @Override
                    public Tuple2<String, int[]> next() {
                      Map.Entry<String, int[]> e = it.next();
                      return new Tuple2<>(e.getKey(), e.getValue());
                    }
                  };
                })
            .reduceByKey(
                (a, b) -> {
                  int[] c = a.clone();
                  for (int i = 0; i < c.length; i++) {
                    c[i] += b[i];
                  }
                  return c;
                });
    Map<String, int[]> out = new HashMap<>();
    // The lexicon is the model's (about a hundred thousand stems), read once by the driver.
    counts
        .filter(t -> total(t._2()) >= CorpusLexicon.MIN_COUNT)
        .toLocalIterator()
        .forEachRemaining(t -> out.put(t._1(), t._2()));
    return out;
  }

  private static long total(int[] c) {
    long t = 0;
    for (int n : c) {
      t += n;
    }
    return t;
  }
}
