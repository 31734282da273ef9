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
  private final Catalog catalog;
  private final String runId;
  private transient LexiconMatcher matcher;

  public MentionExtractor(Catalog catalog, String runId) {
    this.catalog = catalog;
    this.runId = runId;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> articles) {
    if (matcher == null) {
      matcher = new LexiconMatcher(catalog);
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
    addField(
        out,
        id,
        date,
        day,
        "title",
        article.getString(2),
        article.getString(4),
        article.getString(5));
    addField(
        out,
        id,
        date,
        day,
        "body",
        article.getString(3),
        article.getString(4),
        article.getString(5));
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
      String source) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (Segmenter.Sentence s : Segmenter.sentences(text)) {
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
}
