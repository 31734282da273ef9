package org.marsad.extract;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.marsad.catalog.Catalog;
import org.marsad.ner.NerTagger;
import org.marsad.nlp.LexiconMatcher;
import org.marsad.nlp.Segmenter;
import org.marsad.tables.Tables;

/**
 * The per-partition extraction step: for each article (title and body), sentences, then the lexicon
 * matcher over each, one pass over the text. Input rows: {@code article_id, pub_date, title, body,
 * story_id, source}; output rows of {@link #SCHEMA}.
 */
public final class MentionExtractor implements FlatMapFunction<Iterator<Row>, Row>, Serializable {
  private static final long serialVersionUID = 1L;
  public static final String ENGINE = "lexicon";

  /**
   * The extractor's rows: {@code Tables.MENTIONS_SCHEMA} and a last column, {@value
   * #FIRST_IN_ARTICLE}, true on each article's first mention, so the job counts the articles with
   * mentions as the rows stream to the writer, without a second read or a distinct count.
   */
  public static final String FIRST_IN_ARTICLE = "first_in_article";

  public static final StructType SCHEMA =
      Tables.MENTIONS_SCHEMA.add(FIRST_IN_ARTICLE, DataTypes.BooleanType, false);

  /** The engine that adds the NER model's names to the catalog's matches. */
  public static final String COMBINED = "combined";

  private final Catalog catalog;
  private final String runId;
  private final String nerModel;
  private transient LexiconMatcher matcher;
  private transient CombinedEngine combined;

  /** The lexicon engine: the catalog's matches only. */
  public MentionExtractor(Catalog catalog, String runId) {
    this(catalog, runId, null);
  }

  /**
   * The combined engine when {@code nerModel} (a model folder, see {@link NerTagger#load}) is
   * given, else the lexicon engine.
   */
  public MentionExtractor(Catalog catalog, String runId, String nerModel) {
    this.catalog = catalog;
    this.runId = runId;
    this.nerModel = nerModel;
  }


  /**
   * One row of {@code Tables.ARTICLE_UNITS_SCHEMA}: the article's paragraphs and sentences (title
   * and body), segmented exactly as {@link #call} segments them for the mentions' indexes.
   */
  public static Row units(Row article, String runId) {
    int[] counts = new int[2];
    for (int field = 2; field <= 3; field++) {
      String text = article.getString(field);
      if (text != null && !text.isEmpty()) {
        count(Segmenter.sentences(text), counts);
      }
    }
    return RowFactory.create(
        article.getString(0),
        article.getString(4),
        article.getString(5),
        counts[0],
        counts[1],
        runId,
        article.getDate(1));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> articles) {
    if (matcher == null) {
      matcher = LexiconMatcher.shared(catalog);
      combined =
          nerModel == null ? null : new CombinedEngine(matcher, NerTagger.shared(nerModel));
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
    if (combined != null) {
      return extractCombined(article);
    }
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
                date,
                out.isEmpty()));
      }
    }
  }

  /**
   * The combined engine: the catalog's matches in every sentence of the title and body, then the
   * NER model over the article as one document, its names linked to the catalog's matches or to
   * entities of their own ({@link NameLinker}).
   */
  private List<Row> extractCombined(Row article) {
    String id = article.getString(0);
    java.sql.Date date = article.getDate(1);
    List<String> fields = new ArrayList<>();
    List<Segmenter.Sentence> sentences = new ArrayList<>();
    List<CombinedEngine.Span> spans = new ArrayList<>();
    for (int field = 2; field <= 3; field++) {
      String text = article.getString(field);
      if (text == null || text.isEmpty()) {
        continue;
      }
      for (Segmenter.Sentence s : Segmenter.sentences(text)) {
        fields.add(field == 2 ? "title" : "body");
        sentences.add(s);
        spans.add(new CombinedEngine.Span(text, s.start(), s.end()));
      }
    }
    List<List<LexiconMatcher.Mention>> found =
        combined.find(spans, date.toLocalDate()).mentions();
    List<Row> out = new ArrayList<>();
    String story = article.getString(4);
    String source = article.getString(5);
    for (int k = 0; k < spans.size(); k++) {
      Segmenter.Sentence s = sentences.get(k);
      String text = spans.get(k).text();
      for (LexiconMatcher.Mention m : found.get(k)) {
        out.add(
            RowFactory.create(
                id,
                fields.get(k),
                s.paragraph(),
                s.index(),
                m.start(),
                m.end(),
                text.substring(m.start(), m.end()),
                m.entityId(),
                m.entityType(),
                m.form(),
                m.rollupId(),
                COMBINED,
                story,
                source,
                runId,
                date,
                out.isEmpty()));
      }
    }
    return out;
  }

  /** Adds a field's paragraphs and sentences to {@code counts}. */
  private static void count(List<Segmenter.Sentence> sentences, int[] counts) {
    if (!sentences.isEmpty()) {
      counts[0] += sentences.get(sentences.size() - 1).paragraph() + 1;
      counts[1] += sentences.size();
    }
  }
}
