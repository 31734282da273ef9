package org.marsad.extract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.marsad.ner.NameLinker;
import org.marsad.ner.NerSentence;
import org.marsad.ner.NerTagger;
import org.marsad.nlp.LexiconMatcher;

/**
 * The combined engine over one document: the catalog's matches in each sentence, the NER model's
 * names over the whole document, and the names linked to the matches or to entities of their own
 * ({@link NameLinker}). Shared by {@code extract} and {@code eval-mentions}, so that what is scored
 * is what is written.
 */
public final class CombinedEngine {
  private final LexiconMatcher matcher;
  private final NerTagger tagger;

  public CombinedEngine(LexiconMatcher matcher, NerTagger tagger) {
    this.matcher = matcher;
    this.tagger = tagger;
  }

  /** A sentence: characters {@code [start, end)} of {@code text}. */
  public record Span(String text, int start, int end) {}

  /**
   * Per sentence: its mentions in text order (catalog matches, then linked names), and the MISC
   * names that overlap no catalog match (found, scored, but not written).
   */
  public record Found(
      List<List<LexiconMatcher.Mention>> mentions, List<List<NameLinker.Name>> misc) {}

  public Found find(List<Span> sentences, LocalDate day) {
    List<List<LexiconMatcher.Mention>> catalog = new ArrayList<>(sentences.size());
    List<NerSentence> doc = new ArrayList<>(sentences.size());
    for (Span s : sentences) {
      List<LexiconMatcher.Mention> m = matcher.find(s.text(), s.start(), s.end(), day);
      catalog.add(m);
      doc.add(NerSentence.of(s.text(), s.start(), s.end(), m));
    }
    List<int[]> labels = tagger.tag(doc);
    List<List<NameLinker.Name>> names = new ArrayList<>(doc.size());
    List<List<NameLinker.Name>> misc = new ArrayList<>(doc.size());
    for (int k = 0; k < doc.size(); k++) {
      List<NameLinker.Name> n = NameLinker.names(doc.get(k), labels.get(k));
      names.add(n);
      List<NameLinker.Name> other = new ArrayList<>();
      for (NameLinker.Name x : n) {
        if (x.type().equals("MISC") && !NameLinker.overlaps(x, catalog.get(k))) {
          other.add(x);
        }
      }
      misc.add(other);
    }
    List<List<LexiconMatcher.Mention>> linked = NameLinker.link(tagger.features(), catalog, names);
    List<List<LexiconMatcher.Mention>> out = new ArrayList<>(doc.size());
    for (int k = 0; k < doc.size(); k++) {
      List<LexiconMatcher.Mention> all = new ArrayList<>(catalog.get(k));
      all.addAll(linked.get(k));
      all.sort(Comparator.comparingInt(LexiconMatcher.Mention::start));
      out.add(all);
    }
    return new Found(out, misc);
  }
}
