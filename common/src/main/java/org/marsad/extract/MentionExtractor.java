package org.marsad.extract;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.marsad.catalog.Catalog;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Segmenter;

/**
 * The per-partition extraction step: for each article (title and body), sentences, then the lexicon
 * matcher over each, one pass over the text. Input rows: {@code article_id, pub_date, title, body,
 * story_id, source}; output rows of {@code Tables.MENTIONS_SCHEMA}.
 */
public final class MentionExtractor implements FlatMapFunction<Iterator<Row>, Row>, Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENGINE = "lexicon";

  /**
   * The {@code field} of the one extra row per article that {@link #withUnits()} adds: its {@code
   * paragraph_idx} and {@code sentence_idx} hold the article's paragraph and sentence counts (title
   * and body), the denominators of co-occurrence, counted in the same pass.
   */
  public static final String UNITS_FIELD = "#units";

  private final Catalog catalog;
  private final String runId;
  private final boolean units;
  private transient LexiconMatcher matcher;

  public MentionExtractor(Catalog catalog, String runId) {
    this(catalog, runId, false);
  }

  private MentionExtractor(Catalog catalog, String runId, boolean units) {
    this.catalog = catalog;
    this.runId = runId;
    this.units = units;
  }

  /** The units row alone (for engines that segment elsewhere). */
  public static Row unitsOnly(Row article, String runId) {
    int[] counts = new int[2];
    for (int field = 2; field <= 3; field++) {
      String text = article.getString(field);
      if (text != null && !text.isEmpty()) {
        count(Segmenter.sentences(text), counts);
      }
    }
    return unitsRow(
        article.getString(0),
        counts,
        "units",
        article.getString(4),
        article.getString(5),
        runId,
        article.getDate(1));
  }

  /** The same extractor, also emitting one {@link #UNITS_FIELD} row per article. */
  public MentionExtractor withUnits() {
    return new MentionExtractor(catalog, runId, true);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> articles) {
    if (matcher == null) {
      matcher = LexiconMatcher.shared(catalog);
    }
    return new Iterator<>() {
      private Iterator<Row> current = List.<Row>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && articles.hasNext()) {
          current = extract(articles.next()).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  List<Row> extract(Row article) {
    String id = article.getString(0);
    java.sql.Date date = article.getDate(1);
    LocalDate day = date.toLocalDate();
    List<Row> out = new ArrayList<>();
    int[] counts = new int[2]; // paragraphs, sentences
    addField(
        out,
        id,
        date,
        day,
        "title",
        article.getString(2),
        article.getString(4),
        article.getString(5),
        counts);
    addField(
        out,
        id,
        date,
        day,
        "body",
        article.getString(3),
        article.getString(4),
        article.getString(5),
        counts);
    if (units) {
      out.add(
          unitsRow(id, counts, ENGINE, article.getString(4), article.getString(5), runId, date));
    }
    return out;
  }

  private void addField(
      List<Row> out,
      String id,
      java.sql.Date date,
      LocalDate day,
      String field,
      String text,
      String story,
      String source,
      int[] counts) {
    if (text == null || text.isEmpty()) {
      return;
    }
    List<Segmenter.Sentence> sentences = Segmenter.sentences(text);
    count(sentences, counts);
    for (Segmenter.Sentence s : sentences) {
      for (LexiconMatcher.Mention m : matcher.find(text, s.start(), s.end(), day)) {
        out.add(
            RowFactory.create(
                id,
                field,
                s.paragraph(),
                s.index(),
                m.start(),
                m.end(),
                text.substring(m.start(), m.end()),
                m.entityId(),
                m.entityType(),
                m.form(),
                m.rollupId(),
                ENGINE,
                story,
                source,
                runId,
                date));
      }
    }
  }

  /** Adds a field's paragraphs and sentences to {@code counts}. */
  private static void count(List<Segmenter.Sentence> sentences, int[] counts) {
    if (!sentences.isEmpty()) {
      counts[0] += sentences.get(sentences.size() - 1).paragraph() + 1;
      counts[1] += sentences.size();
    }
  }

  /**
   * The {@link #UNITS_FIELD} row: {@code Tables.MENTIONS_SCHEMA}'s shape, the counts in its index
   * columns, its mention columns empty.
   */
  private static Row unitsRow(
      String id,
      int[] counts,
      String engine,
      String story,
      String source,
      String runId,
      java.sql.Date date) {
    return RowFactory.create(
        id,
        UNITS_FIELD,
        counts[0],
        counts[1],
        0,
        0,
        "",
        "",
        "",
        "",
        "",
        engine,
        story,
        source,
        runId,
        date);
  }
}
