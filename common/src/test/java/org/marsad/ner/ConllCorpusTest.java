package org.marsad.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading CoNLL corpora in the common tag spellings, the standard split, documents. */
class ConllCorpusTest {
  static Path mini() throws Exception {
    return Path.of(ConllCorpusTest.class.getResource("mini.conll").toURI());
  }

  @Test
  void readsTheCommonTagSpellingsAsBioOverFourTypes() throws Exception {
    ConllCorpus c = ConllCorpus.read(mini());
    List<ConllCorpus.Sentence> s = c.sentences();
    assertThat(s).hasSize(4);
    // ORGANIZATION is ORG, GPE is LOC; a sentence ends at "." and at a blank line.
    assertThat(s.get(0).tags()).containsExactly("O", "B-ORG", "I-ORG", "I-ORG", "O", "B-LOC", "O", "O");
    // IOB1: an I- that continues nothing opens a span; PER is PERS; S- is B-.
    assertThat(s.get(1).tags()).containsExactly("O", "B-PERS", "I-PERS", "O", "B-LOC", "O", "O");
    // Adjacent one-word names stay apart; E- continues its span.
    assertThat(s.get(2).tags())
        .containsExactly("O", "B-PERS", "B-LOC", "O", "B-PERS", "O", "B-PERS", "O", "B-MISC", "I-MISC", "O");
    assertThat(ConllCorpus.spans(s.get(2).tags()))
        .extracting(ConllCorpus.Span::type)
        .containsExactly("PERS", "LOC", "PERS", "PERS", "MISC");
    // A tag with no token, a lone token and an unknown tag are skipped and counted.
    assertThat(s.get(3).tokens()).hasSize(1);
    assertThat(c.notes()).containsEntry("empty_token_lines", 2L).containsEntry("malformed_lines", 1L);
  }

  @Test
  void documentsStartAtDocstartLines() throws Exception {
    ConllCorpus c = ConllCorpus.read(mini());
    assertThat(c.sentences()).extracting(ConllCorpus.Sentence::document).containsExactly(0, 0, 1, 1);
    assertThat(ConllCorpus.documents(c.sentences())).extracting(List::size).containsExactly(2, 2);
  }

  @Test
  void theStandardSplitTrainsOnTheSentencesHoldingTheFirstFiveSixthsOfTheWords() throws Exception {
    ConllCorpus c = ConllCorpus.read(mini());
    assertThat(c.tokens()).isEqualTo(27);
    ConllCorpus[] split = c.standardSplit();
    // 27 * 5 / 6 = 22 words: the third sentence holds word 22, so it trains.
    assertThat(split[0].sentences()).hasSize(3);
    assertThat(split[1].sentences()).hasSize(1);
    assertThat(split[0].tokens() + split[1].tokens()).isEqualTo(27);
  }

  @Test
  void scoresExactTokenSpansPerTypeAndOverall() throws Exception {
    ConllCorpus.Sentence s = ConllCorpus.read(mini()).sentences().get(2);
    int[] at = s.starts();
    ConllScorer scorer = new ConllScorer();
    // بوش right; العراق typed wrong; بلير و شيراك as one span: wrong, and both misses;
    // حرب الخليج right.
    scorer.score(
        s,
        List.of(
            new ConllScorer.Predicted(at[1], at[1] + s.tokens().get(1).length(), "PERS"),
            new ConllScorer.Predicted(at[2], at[2] + 2, "ORG"),
            new ConllScorer.Predicted(at[4], at[6] + s.tokens().get(6).length(), "PERS"),
            new ConllScorer.Predicted(at[8], at[9] + s.tokens().get(9).length(), "MISC")));
    ConllScorer.Counts pers = scorer.counts().get("PERS");
    assertThat(new long[] {pers.tp, pers.fp, pers.fn}).containsExactly(1, 1, 2);
    ConllScorer.Counts all = scorer.counts().get(ConllScorer.OVERALL);
    assertThat(new long[] {all.tp, all.fp, all.fn}).containsExactly(1, 2, 3);
    assertThat(scorer.counts().get("MISC").f1()).isEqualTo(1.0);
    assertThat(scorer.errors()).containsKey("fn LOC " + s.tokens().get(2));
  }
}
