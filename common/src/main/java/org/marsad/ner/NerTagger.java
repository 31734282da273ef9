package org.marsad.ner;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.marsad.config.MarsadConfig;

/**
 * Marsad's Arabic NER: two linear-chain models over BIO labels. The first labels each sentence from
 * its own words; the second also reads what the first said of the same stems elsewhere in the
 * document ({@link DocumentFeatures}) and across a large unlabelled corpus ({@link
 * CorpusLexicon}). A model is a folder: {@code clusters.tsv.gz}, {@code triggers.tsv}, {@code
 * lexicon.tsv.gz}, {@code stage1.bin.gz}, {@code stage2.bin.gz} and {@code model.json} (how it was
 * trained, and its scores).
 */
public final class NerTagger {
  /** Sentences either side whose first-stage labels a word's document features read. */
  public static final int WINDOW = 10;

  public static final String CLUSTERS = "clusters.tsv.gz";
  public static final String TRIGGERS = "triggers.tsv";
  public static final String LEXICON = "lexicon.tsv.gz";
  public static final String STAGE1 = "stage1.bin.gz";
  public static final String STAGE2 = "stage2.bin.gz";
  public static final String CARD = "model.json";

  private final NerModel first;
  private final NerModel second;
  private final CorpusLexicon lexicon;

  public NerTagger(NerModel first, NerModel second, CorpusLexicon lexicon) {
    this.first = first;
    this.second = second;
    this.lexicon = lexicon;
  }

  public NerModel first() {
    return first;
  }

  public NerModel second() {
    return second;
  }

  public CorpusLexicon lexicon() {
    return lexicon;
  }

  public NerFeatures features() {
    return first.features();
  }

  /** What the tagger keeps of a word type: its stem and both stages' word tables. */
  private record Word(String stem, float[] first, float[] second) {}

  /**
   * Word types seen lately, in two generations: a word found in the older one moves to the newer,
   * and when the newer is full it becomes the older and the older is dropped. Frequent words stay;
   * rare ones leave. Simulated over SaudiNewsNet (9.1 M words, 374,252 types), generations of
   * 100,000 compute 572 K tables; emptying one map of 150,000 when full, 821 K. At most 200,000
   * words of about 560 bytes each: 110 MB per executor.
   */
  private static final int GENERATION = 100_000;

  private volatile Map<String, Word> recent = new ConcurrentHashMap<>(GENERATION * 4 / 3 + 1);
  private volatile Map<String, Word> older = Map.of();

  private Word word(String w) {
    Map<String, Word> now = recent;
    Word x = now.get(w);
    if (x == null) {
      x = older.get(w);
      if (x == null) {
        NerFeatures.Analysis a = second.features().analyse(w);
        float[][] tables = second.wordTables(a, first);
        x = new Word(a.stem(), tables[0], tables[1]);
      }
      now.put(w, x);
      if (now.size() >= GENERATION) {
        synchronized (this) {
          if (recent == now) {
            older = now;
            recent = new ConcurrentHashMap<>(GENERATION * 4 / 3 + 1);
          }
        }
      }
    }
    return x;
  }

  /** The labels of every word of a document's sentences, in order. */
  public List<int[]> tag(List<NerSentence> doc) {
    List<int[]> labels = new ArrayList<>(doc.size());
    List<String[]> stems = new ArrayList<>(doc.size());
    List<Word[]> all = new ArrayList<>(doc.size());
    for (NerSentence s : doc) {
      Word[] ws = new Word[s.size()];
      String[] st = new String[ws.length];
      float[][] tables = new float[ws.length][];
      for (int i = 0; i < ws.length; i++) {
        ws[i] = word(s.norm(i));
        st[i] = ws[i].stem();
        tables[i] = ws[i].first();
      }
      all.add(ws);
      stems.add(st);
      labels.add(first.tag(s, tables));
    }
    DocumentFeatures.add(doc, stems, labels, WINDOW);
    List<int[]> out = new ArrayList<>(doc.size());
    for (int k = 0; k < doc.size(); k++) {
      Word[] ws = all.get(k);
      float[][] tables = new float[ws.length][];
      for (int i = 0; i < ws.length; i++) {
        tables[i] = ws[i].second();
      }
      out.add(second.tag(doc.get(k), tables));
    }
    return out;
  }

  /** Both stages' tables of word type {@code w}, as tagging uses them. */
  float[][] tables(String w) {
    Word x = word(w);
    return new float[][] {x.first(), x.second()};
  }

  /** The stem of each word, as the features split it. */
  public String[] stems(NerSentence s) {
    String[] out = new String[s.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = word(s.norm(i)).stem();
    }
    return out;
  }

  /** Writes the model's files (not the card) into {@code dir}. */
  public void write(File dir) throws IOException {
    if (!dir.isDirectory() && !dir.mkdirs()) {
      throw new IOException("cannot create " + dir);
    }
    try (OutputStream out = new FileOutputStream(new File(dir, LEXICON))) {
      lexicon.write(out);
    }
    try (OutputStream out = new FileOutputStream(new File(dir, STAGE1))) {
      first.write(out);
    }
    try (OutputStream out = new FileOutputStream(new File(dir, STAGE2))) {
      second.write(out);
    }
  }

  /** Opens one file of a model. */
  @FunctionalInterface
  public interface Files {
    InputStream open(String name) throws IOException;
  }

  public static NerTagger read(Files files) throws IOException {
    WordClusters clusters;
    try (InputStream in = files.open(CLUSTERS)) {
      clusters = WordClusters.read(in);
    }
    Map<String, String> triggers;
    try (InputStream in = files.open(TRIGGERS)) {
      triggers = NerFeatures.readTriggers(in);
    }
    CorpusLexicon lexicon;
    try (InputStream in = files.open(LEXICON)) {
      lexicon = CorpusLexicon.read(in);
    }
    NerFeatures base = new NerFeatures(clusters, triggers, null);
    NerModel first;
    try (InputStream in = files.open(STAGE1)) {
      first = NerModel.read(in, base);
    }
    NerModel second;
    try (InputStream in = files.open(STAGE2)) {
      second = NerModel.read(in, base.withLexicon(lexicon));
    }
    return new NerTagger(first, second, lexicon);
  }

  /**
   * A model folder: an absolute path, or a path relative to {@code conf/} (read from the jar, so
   * spark-submit needs no files beside it).
   */
  public static NerTagger load(String location) {
    File dir = new File(location);
    try {
      if (dir.isAbsolute()) {
        if (!new File(dir, STAGE2).isFile()) {
          throw new MarsadConfig.InvalidConfigException("no NER model in " + dir);
        }
        return read(name -> new FileInputStream(new File(dir, name)));
      }
      String base = MarsadConfig.DEFAULTS_RESOURCE.replace("marsad.conf", location) + "/";
      ClassLoader loader = NerTagger.class.getClassLoader();
      if (loader.getResource(base + STAGE2) == null) {
        throw new MarsadConfig.InvalidConfigException("no NER model at conf/" + location);
      }
      return read(
          name -> {
            InputStream in = loader.getResourceAsStream(base + name);
            if (in == null) {
              throw new IOException("NER model file missing: conf/" + location + "/" + name);
            }
            return in;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the NER model " + location, e);
    }
  }

  private static String sharedLocation;
  private static NerTagger shared;

  /** One tagger per JVM for the location asked for last (tasks only read it). */
  public static synchronized NerTagger shared(String location) {
    if (shared == null || !location.equals(sharedLocation)) {
      shared = load(location);
      sharedLocation = location;
    }
    return shared;
  }
}
