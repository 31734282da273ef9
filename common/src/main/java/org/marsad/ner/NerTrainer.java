package org.marsad.ner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.marsad.nlp.LexiconMatcher;

/**
 * Trains {@link NerModel} with the averaged structured perceptron (Collins 2002): for each training
 * sentence in a seeded random order, decode with the current weights and, where the best labels
 * differ from the gold ones, move the weights toward the gold features and away from the predicted
 * ones; the model is the average of the weights over every step, which generalises like a
 * regularised model. Deterministic for a given corpus, seed and number of epochs.
 */
public final class NerTrainer {
  private static final int L = NerModel.L;

  /** A training sentence: the model's view of it, its words' features and gold labels. */
  public static final class Example {
    public final ConllCorpus.Sentence source;
    public final NerSentence sentence;
    final int[] gold;
    int[][] features;

    Example(ConllCorpus.Sentence source, NerSentence sentence, int[] gold) {
      this.source = source;
      this.sentence = sentence;
      this.gold = gold;
    }
  }

  private final NerFeatures features;
  private final LexiconMatcher matcher;

  public NerTrainer(NerFeatures features, LexiconMatcher matcher) {
    this.features = features;
    this.matcher = matcher;
  }

  /** The model's view of a CoNLL sentence, with each word labelled from the token holding it. */
  public Example example(ConllCorpus.Sentence s) {
    String text = s.text();
    List<LexiconMatcher.Mention> found =
        matcher == null ? List.of() : matcher.find(text, 0, text.length(), null);
    NerSentence view = NerSentence.of(text, 0, text.length(), found);
    int[] starts = s.starts();
    int[] gold = new int[view.size()];
    int lastToken = -1;
    for (int i = 0; i < view.size(); i++) {
      int t = Arrays.binarySearch(starts, view.start(i));
      t = t >= 0 ? t : -t - 2;
      String tag = s.tags().get(t);
      if (tag.startsWith("B-") && t == lastToken) {
        tag = "I-" + tag.substring(2); // a second word inside one token ((د, أ))
      }
      gold[i] = NerModel.LABELS.indexOf(tag);
      lastToken = t;
    }
    return new Example(s, view, gold);
  }

  /** Feature rows of each word; new features get rows when {@code grow}, else are dropped. */
  private void index(Example e, Map<String, Integer> index, boolean grow) {
    int n = e.sentence.size();
    e.features = new int[n][];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.clear();
      features.features(e.sentence, i, names::add);
      int[] rows = new int[names.size()];
      int k = 0;
      for (String f : names) {
        Integer row = index.get(f);
        if (row == null && grow) {
          row = index.size();
          index.put(f, row);
        }
        if (row != null) {
          rows[k++] = row;
        }
      }
      e.features[i] = Arrays.copyOf(rows, k);
    }
  }

  /** Scores of one epoch on held-out sentences, when they were given. */
  public record Epoch(int epoch, double heldOutF1) {}

  /** A trained model and the held-out score after each epoch. */
  public record Trained(NerModel model, List<Epoch> epochs) {}

  public Trained train(List<ConllCorpus.Sentence> train, List<ConllCorpus.Sentence> heldOut,
      int epochs, long seed) {
    return trainExamples(
        train.stream().map(this::example).toList(),
        heldOut.stream().map(this::example).toList(),
        epochs,
        seed);
  }

  public Trained trainExamples(List<Example> examples, List<Example> dev, int epochs, long seed) {
    Map<String, Integer> index = new HashMap<>();
    for (Example e : examples) {
      index(e, index, true);
    }
    for (Example e : dev) {
      index(e, index, false);
    }
    int rows = index.size();
    float[] w = new float[rows * L];
    double[] u = new double[rows * L]; // step-weighted updates, for the average
    float[] t = new float[(L + 1) * L];
    double[] ut = new double[(L + 1) * L];
    long step = 1;
    Random random = new Random(seed);
    List<Example> order = new ArrayList<>(examples);
    List<Epoch> scores = new ArrayList<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      java.util.Collections.shuffle(order, random);
      for (Example e : order) {
        int n = e.sentence.size();
        if (n == 0) {
          continue;
        }
        float[] em = emissions(e, w);
        int[] pred = NerModel.viterbi(em, n, t);
        if (!Arrays.equals(pred, e.gold)) {
          for (int i = 0; i < n; i++) {
            int g = e.gold[i];
            int p = pred[i];
            if (g != p) {
              for (int f : e.features[i]) {
                w[f * L + g] += 1;
                u[f * L + g] += step;
                w[f * L + p] -= 1;
                u[f * L + p] -= step;
              }
            }
            int gPrev = i == 0 ? NerModel.START : e.gold[i - 1];
            int pPrev = i == 0 ? NerModel.START : pred[i - 1];
            if (gPrev != pPrev || g != p) {
              t[gPrev * L + g] += 1;
              ut[gPrev * L + g] += step;
              t[pPrev * L + p] -= 1;
              ut[pPrev * L + p] -= step;
            }
          }
        }
        step++;
      }
      if (!dev.isEmpty()) {
        float[][] avg = {average(w, u, step), average(t, ut, step)};
        scores.add(new Epoch(epoch, score(dev, avg[0], avg[1]).overallF1()));
      }
    }
    NerModel model = new NerModel(features, index, average(w, u, step), average(t, ut, step));
    return new Trained(model, scores);
  }

  private static float[] average(float[] w, double[] u, long step) {
    float[] a = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      a[i] = (float) (w[i] - u[i] / step);
    }
    return a;
  }

  private static float[] emissions(Example e, float[] w) {
    int n = e.sentence.size();
    float[] em = new float[n * L];
    for (int i = 0; i < n; i++) {
      int at = i * L;
      for (int f : e.features[i]) {
        int base = f * L;
        for (int y = 0; y < L; y++) {
          em[at + y] += w[base + y];
        }
      }
    }
    return em;
  }

  public static ConllScorer score(List<Example> dev, float[] w, float[] t) {
    ConllScorer scorer = new ConllScorer();
    for (Example e : dev) {
      int n = e.sentence.size();
      int[] pred = NerModel.viterbi(emissions(e, w), n, t);
      scorer.score(e.source, predicted(e.sentence, pred));
    }
    return scorer;
  }

  /** Character spans of the labels' spans. */
  static List<ConllScorer.Predicted> predicted(NerSentence s, int[] labels) {
    List<ConllScorer.Predicted> out = new ArrayList<>();
    for (NerModel.WordSpan span : NerModel.spans(labels)) {
      out.add(new ConllScorer.Predicted(s.start(span.first()), s.end(span.end() - 1), span.type()));
    }
    return out;
  }
}
