package org.marsad.ner;

import java.util.ArrayList;
import java.util.List;
import org.marsad.nlp.LexiconMatcher;

/**
 * The whole training of a {@link NerTagger} on the training part of a CoNLL corpus, deterministic
 * for a seed. Model selection never sees the test part: the numbers of epochs of both stages are
 * chosen on the last {@code holdOut} of the training sentences (trained on the rest), then both
 * stages are retrained on all training sentences. The second stage learns from first-stage labels
 * of its training sentences made by jackknifing (each fold labelled by a first stage trained
 * without it), so that its document features are as noisy in training as when tagging new text.
 */
public final class NerTraining {
  /** How to train. */
  public record Settings(long seed, int maxEpochs, double holdOut, int folds) {
    public static final Settings DEFAULT = new Settings(42, 20, 0.1, 5);
  }

  /** Labels an unlabelled corpus with a first stage and counts the labels of each stem. */
  @FunctionalInterface
  public interface Corpus {
    CorpusLexicon lexicon(NerModel first);
  }

  /** The tagger, the epochs chosen and the held-out scores behind the choice. */
  public record Result(
      NerTagger tagger,
      int epochs1,
      int epochs2,
      List<NerTrainer.Epoch> curve1,
      List<NerTrainer.Epoch> curve2) {}

  private final NerFeatures base;
  private final LexiconMatcher matcher;
  private final Settings settings;
  private final Corpus corpus;

  public NerTraining(NerFeatures base, LexiconMatcher matcher, Settings settings, Corpus corpus) {
    this.base = base;
    this.matcher = matcher;
    this.settings = settings;
    this.corpus = corpus;
  }

  public Result train(List<ConllCorpus.Sentence> train) {
    int cut = (int) Math.round(train.size() * (1 - settings.holdOut()));
    List<ConllCorpus.Sentence> fit = train.subList(0, cut);
    List<ConllCorpus.Sentence> held = train.subList(cut, train.size());
    NerTrainer first = new NerTrainer(base, matcher);
    List<NerTrainer.Epoch> curve1 =
        first.train(fit, held, settings.maxEpochs(), settings.seed()).epochs();
    int epochs1 = best(curve1);
    Stage2 selection = stage2(fit, epochs1);
    List<NerTrainer.Example> heldOut = examples(held);
    label(selection.first, heldOut);
    List<NerTrainer.Epoch> curve2 =
        selection
            .trainer
            .trainExamples(selection.examples, heldOut, settings.maxEpochs(), settings.seed())
            .epochs();
    int epochs2 = best(curve2);
    Stage2 all = stage2(train, epochs1);
    NerModel second =
        all.trainer.trainExamples(all.examples, List.of(), epochs2, settings.seed()).model();
    return new Result(
        new NerTagger(all.first, second, all.lexicon), epochs1, epochs2, curve1, curve2);
  }

  /** What the second stage trains on: examples with document features, and its features. */
  private record Stage2(
      NerModel first, CorpusLexicon lexicon, NerTrainer trainer, List<NerTrainer.Example> examples) {}

  private Stage2 stage2(List<ConllCorpus.Sentence> sentences, int epochs1) {
    NerTrainer first = new NerTrainer(base, matcher);
    List<NerTrainer.Example> examples = examples(sentences);
    NerModel model = first.trainExamples(examples, List.of(), epochs1, settings.seed()).model();
    CorpusLexicon lexicon = corpus.lexicon(model);
    // Jackknife: each fold's first-stage labels come from a model that never saw it.
    List<int[]> labels = new ArrayList<>();
    int n = examples.size();
    int folds = settings.folds();
    for (int k = 0; k < folds; k++) {
      int lo = n * k / folds;
      int hi = n * (k + 1) / folds;
      List<NerTrainer.Example> rest = new ArrayList<>(examples.subList(0, lo));
      rest.addAll(examples.subList(hi, n));
      NerModel m = first.trainExamples(rest, List.of(), epochs1, settings.seed()).model();
      for (int i = lo; i < hi; i++) {
        labels.add(m.tag(examples.get(i).sentence));
      }
    }
    setDocumentFeatures(model, examples, labels);
    NerTrainer second = new NerTrainer(base.withLexicon(lexicon), matcher);
    return new Stage2(model, lexicon, second, examples);
  }

  private List<NerTrainer.Example> examples(List<ConllCorpus.Sentence> sentences) {
    NerTrainer t = new NerTrainer(base, matcher);
    return sentences.stream().map(t::example).toList();
  }

  /** Document features of held-out sentences, from a first stage that did not see them. */
  private void label(NerModel first, List<NerTrainer.Example> examples) {
    List<int[]> labels = new ArrayList<>();
    for (NerTrainer.Example e : examples) {
      labels.add(first.tag(e.sentence));
    }
    setDocumentFeatures(first, examples, labels);
  }

  /** Document features from first-stage labels, document by document of the corpus. */
  private static void setDocumentFeatures(
      NerModel first, List<NerTrainer.Example> examples, List<int[]> labels) {
    int from = 0;
    while (from < examples.size()) {
      int document = examples.get(from).source.document();
      int to = from;
      List<NerSentence> doc = new ArrayList<>();
      List<String[]> stems = new ArrayList<>();
      while (to < examples.size() && examples.get(to).source.document() == document) {
        NerSentence s = examples.get(to).sentence;
        doc.add(s);
        String[] st = new String[s.size()];
        for (int i = 0; i < st.length; i++) {
          st[i] = first.features().split(s.norm(i))[1];
        }
        stems.add(st);
        to++;
      }
      DocumentFeatures.add(doc, stems, labels.subList(from, to), NerTagger.WINDOW);
      from = to;
    }
  }

  /**
   * The epoch with the best held-out score averaged with its neighbours' (the earliest of equals):
   * a few hundred held-out names make single epochs noisy.
   */
  static int best(List<NerTrainer.Epoch> curve) {
    int best = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < curve.size(); i++) {
      double sum = 0;
      int n = 0;
      for (int j = Math.max(0, i - 1); j <= Math.min(curve.size() - 1, i + 1); j++) {
        sum += curve.get(j).heldOutF1();
        n++;
      }
      if (sum / n > top) {
        top = sum / n;
        best = i;
      }
    }
    return curve.get(best).epoch();
  }
}
