package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.testing.SparkTestSession;

/**
 * The analytics jobs over the ingested and extracted data-samples: one run over everything equals
 * day-by-day runs, and counts equal a direct recount from {@code mentions}.
 */
class AnalyticsJobTest {
  @TempDir static Path tmp;
  static String whole;
  static String daily;
  static Config config = MarsadConfig.load(null, List.of("cooccur.min_support=1"));

  static void analytics(String warehouse, LocalDate from, LocalDate to, String... jobs) {
    CommonOptions common = new CommonOptions();
    common.warehouse = warehouse;
    common.from = from;
    common.to = to;
    for (String job : jobs) {
      AnalyticsCommands.run(
          SparkTestSession.get(), config, common, job, AnalyticsCommands.job(job));
    }
  }

  @BeforeAll
  static void pipeline() throws Exception {
    whole = tmp.resolve("whole").toString();
    IngestJobTest.articlesDir = new File(org.marsad.testing.TestPaths.samples(), "articles");
    IngestJobTest.ingest(whole, null, null);
    CommonOptions common = new CommonOptions();
    common.warehouse = whole;
    ExtractCommand.run(SparkTestSession.get(), config, Catalog.load(config), common);
    // The same inputs in a second warehouse, for the day-by-day runs.
    daily = tmp.resolve("daily").toString();
    for (String table : List.of("articles", "mentions", "article_units")) {
      copy(Path.of(whole, table), Path.of(daily, table));
    }
    analytics(whole, null, null, "trends", "cooccur", "events");
  }

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  static List<String> rows(String warehouse, String table, String runColumn) {
    Dataset<Row> d = SparkTestSession.get().read().parquet(warehouse + "/" + table).drop(runColumn);
    List<String> out = new ArrayList<>();
    for (Row r : d.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  @Test
  void dayByDayRunsGiveTheSameTablesAsOneRun() {
    SparkSession spark = SparkTestSession.get();
    List<LocalDate> days = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .parquet(daily + "/articles")
            .select("pub_date")
            .distinct()
            .orderBy("pub_date")
            .collectAsList()) {
      days.add(r.getDate(0).toLocalDate());
    }
    assertThat(days).hasSizeGreaterThan(5);
    for (LocalDate day : days) {
      analytics(daily, day, day, "trends", "cooccur");
    }
    assertThat(rows(daily, "entity_trends", "trends_run_id"))
        .isNotEmpty()
        .isEqualTo(rows(whole, "entity_trends", "trends_run_id"));
    assertThat(rows(daily, "cooccurrence", "cooccur_run_id"))
        .isNotEmpty()
        .isEqualTo(rows(whole, "cooccurrence", "cooccur_run_id"));
    assertThat(rows(daily, "entity_sets", "cooccur_run_id"))
        .isEqualTo(rows(whole, "entity_sets", "cooccur_run_id"));
  }

  @Test
  void trendAndPairCountsEqualARecountFromMentions() {
    SparkSession spark = SparkTestSession.get();
    new Warehouse(whole, spark.sparkContext().hadoopConfiguration()).registerViews(spark);
    // Rolled-up articles per day, recounted.
    List<Row> diff =
        spark
            .sql(
                "SELECT t.period_start, t.entity_id, t.articles, r.n FROM entity_trends t LEFT JOIN"
                    + " (SELECT pub_date, rollup_id, count(DISTINCT article_id) n FROM mentions"
                    + " GROUP BY 1, 2) r ON r.pub_date = t.period_start AND r.rollup_id ="
                    + " t.entity_id WHERE t.granularity = 'day' AND t.level = 'rollup'"
                    + " AND t.articles <> coalesce(r.n, 0)")
            .collectAsList();
    assertThat(diff).isEmpty();
    // Sentence pairs per month, recounted with a self-join.
    List<Row> pairs =
        spark
            .sql(
                "SELECT c.entity_a, c.entity_b, c.n_ab, r.n FROM cooccurrence c JOIN (SELECT"
                    + " trunc(a.pub_date, 'month') m, a.rollup_id x, b.rollup_id y,"
                    + " count(DISTINCT a.article_id, a.field, a.paragraph_idx, a.sentence_idx) n"
                    + " FROM mentions a JOIN mentions b ON a.article_id = b.article_id AND"
                    + " a.field = b.field AND a.paragraph_idx = b.paragraph_idx AND"
                    + " a.sentence_idx = b.sentence_idx AND a.rollup_id < b.rollup_id"
                    + " GROUP BY 1, 2, 3) r ON r.m = c.period_start AND r.x = c.entity_a AND"
                    + " r.y = c.entity_b WHERE c.granularity = 'month' AND c.scope = 'sentence'"
                    + " AND c.level = 'rollup'")
            .collectAsList();
    assertThat(pairs)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getLong(2)).isEqualTo(r.getLong(3)));
    // Sentences in the period: the sum of article_units, and more than the sentences with pairs.
    Row total =
        spark
            .sql(
                "SELECT max(n_total), (SELECT sum(sentences) FROM article_units) FROM"
                    + " cooccurrence WHERE granularity = 'month' AND scope = 'sentence'"
                    + " AND period_start = DATE'2020-04-01'")
            .first();
    assertThat(total.getLong(0))
        .isEqualTo(
            spark
                .sql("SELECT sum(sentences) FROM article_units WHERE pub_date < DATE'2020-05-01'")
                .first()
                .getLong(0));
  }

  @Test
  void eventWindowsCoverEveryEventWindowAndSubject() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> w = spark.read().parquet(whole + "/event_windows");
    assertThat(w.select("event_id").distinct().count()).isEqualTo(31); // conf/events/astana.tsv
    // Subjects of the shipped watch lists: 5 entities, 10 pairs (syria_actors' pairs include
    // astana_guarantors'), 2 sets. 4 windows of 31 events, whatever the articles.
    assertThat(w.select("subject_kind", "subject").distinct().count()).isEqualTo(5 + 10 + 2);
    assertThat(w.count()).isEqualTo(31L * 4 * 17);
    assertThat(w.filter(col("p_value").lt(0).or(col("p_value").gt(1))).count()).isZero();
  }

  @Test
  void graphExportsTheTopPairsWithNamesAsGexfGraphmlAndGephiCsv() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Row busiest =
        new Warehouse(whole, spark.sparkContext().hadoopConfiguration())
            .read(spark, "cooccurrence")
            .where("granularity = 'month' AND scope = 'sentence' AND level = 'rollup'")
            .groupBy("period_start")
            .count()
            .orderBy(col("count").desc(), col("period_start"))
            .first();
    String month = busiest.getDate(0).toString().substring(0, 7);
    long pairs = busiest.getLong(1);
    Path gexf = tmp.resolve("net.gexf");
    String[] common = {
      "graph", "--warehouse", whole, "--period", month, "--min-support", "1", "--top", "5",
      "--watchlist", "astana_guarantors"
    };
    assertThat(Marsad.execute(concat(common, "--out", gexf.toString()))).isZero();
    org.w3c.dom.Document doc = xml(gexf);
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://gexf.net/1.3");
    assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("1.3");
    var edges = doc.getElementsByTagNameNS("http://gexf.net/1.3", "edge");
    assertThat(edges.getLength()).isEqualTo((int) Math.min(5, pairs));
    java.util.Map<String, String> labels = new java.util.HashMap<>();
    var nodes = doc.getElementsByTagNameNS("http://gexf.net/1.3", "node");
    for (int i = 0; i < nodes.getLength(); i++) {
      var n = (org.w3c.dom.Element) nodes.item(i);
      labels.put(n.getAttribute("id"), n.getAttribute("label"));
    }
    // Every edge's ends are nodes; the watch list's members are nodes even without an edge.
    for (int i = 0; i < edges.getLength(); i++) {
      var e = (org.w3c.dom.Element) edges.item(i);
      assertThat(labels).containsKeys(e.getAttribute("source"), e.getAttribute("target"));
    }
    assertThat(labels).containsEntry("Q794", "Iran").containsKeys("Q159", "Q43");

    // GraphML: the same nodes and edges.
    Path graphml = tmp.resolve("net.graphml");
    assertThat(
            Marsad.execute(concat(common, "--format", "graphml", "--out", graphml.toString())))
        .isZero();
    org.w3c.dom.Document g = xml(graphml);
    String ns = "http://graphml.graphdrawing.org/xmlns";
    assertThat(g.getElementsByTagNameNS(ns, "node").getLength()).isEqualTo(labels.size());
    assertThat(g.getElementsByTagNameNS(ns, "edge").getLength()).isEqualTo(edges.getLength());

    // Gephi's CSV: an edge list and a node list beside it.
    Path csv = tmp.resolve("net.csv");
    assertThat(Marsad.execute(concat(common, "--format", "csv", "--out", csv.toString())))
        .isZero();
    List<String> edgeLines = Files.readAllLines(csv);
    assertThat(edgeLines.get(0)).startsWith("Source,Target,Type,Weight,n_ab,npmi,g2,lift");
    assertThat(edgeLines).hasSize(edges.getLength() + 1);
    List<String> nodeLines = Files.readAllLines(tmp.resolve("net.nodes.csv"));
    assertThat(nodeLines.get(0)).startsWith("Id,Label");
    assertThat(nodeLines).hasSize(labels.size() + 1).anyMatch(l -> l.startsWith("Q794,Iran,"));

    // Bad input: one line, exit 2.
    assertThat(
            Marsad.execute(
                "graph", "--warehouse", whole, "--watchlist", "nope", "--out", gexf.toString()))
        .isEqualTo(2);
    assertThat(
            Marsad.execute(
                "graph", "--warehouse", whole, "--period", "1999-01", "--out", gexf.toString()))
        .isEqualTo(2);
    assertThat(
            Marsad.execute(
                "graph",
                "--warehouse",
                tmp.resolve("empty").toString(),
                "--out",
                gexf.toString()))
        .isEqualTo(2);
  }

  @Test
  void reportIsOneSelfContainedPageWithNamesChartsAndTables() throws Exception {
    Path out = tmp.resolve("report");
    assertThat(
            Marsad.execute(
                "report",
                "--warehouse",
                whole,
                "--out",
                out.toString(),
                "--min-day-articles",
                "1",
                "--min-support",
                "1"))
        .isZero();
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("id=\"coverage-chart\"", "id=\"share-day\"", "id=\"share-week\"")
        .contains("Iran", "Russia", "Turkey")
        .contains("<bdi dir=\"rtl\">")
        .doesNotContain("<script", "<link", "NaN");
    assertThat(html.split("class=\"series\"", -1).length - 1)
        .as("coverage sources + 3 members daily + 3 weekly")
        .isGreaterThanOrEqualTo(7);
    // Each chart parses as XML (inline SVG must be well-formed for a browser to draw it).
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<svg.*?</svg>", java.util.regex.Pattern.DOTALL)
            .matcher(html);
    int charts = 0;
    while (m.find()) {
      var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.newDocumentBuilder()
          .parse(new java.io.ByteArrayInputStream(m.group().getBytes(StandardCharsets.UTF_8)));
      charts++;
    }
    assertThat(charts).isEqualTo(3);
    // Bad input: one line, exit 2.
    assertThat(
            Marsad.execute(
                "report", "--warehouse", whole, "--out", out.toString(), "--watchlist", "nope"))
        .isEqualTo(2);
    assertThat(
            Marsad.execute(
                "report", "--warehouse", whole, "--out", out.toString(), "--from", "1999-01-01",
                "--to", "1999-01-31"))
        .isEqualTo(2);
    assertThat(
            Marsad.execute(
                "report", "--warehouse", tmp.resolve("nothing").toString(), "--out",
                out.toString()))
        .isEqualTo(2);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static org.w3c.dom.Document xml(Path file) throws Exception {
    var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(file.toFile());
  }
}
