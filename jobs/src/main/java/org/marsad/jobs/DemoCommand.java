package org.marsad.jobs;

import com.typesafe.config.Config;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marsad demo}: the pipeline on {@code data-samples/} into a fresh warehouse, and a report.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Ingest data-samples/ into a temporary warehouse, extract entity mentions, print a report.")
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Where to write (default: a new temporary folder).")
  String warehouse;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description = "The samples folder (default: data-samples/ of the Marsad checkout).")
  File samples;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Override
  public Integer call() {
    File dir = samples != null ? samples : samplesDir();
    File articles = new File(dir, "articles");
    if (!articles.isDirectory()) {
      throw new UsageException("no samples at " + articles + " (use --samples DIR)");
    }
    String target = warehouse;
    if (target == null) {
      try {
        target = Files.createTempDirectory("marsad-demo-").toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // The samples' own calendar beside the shipped one; pairs seen once are kept (a small corpus).
    Config config =
        MarsadConfig.load(
            null,
            List.of(
                "events.calendars=[\"events/astana.tsv\", \""
                    + new File(dir, "events/demo-calendar.tsv").getAbsolutePath()
                    + "\"]",
                "cooccur.min_support=1",
                "events.before_days=3",
                "events.after_days=3"));
    IngestSettings settings =
        IngestSettings.from(config, null, null, null, IngestSettings.todayUtc());
    List<InputFile> files =
        InputLister.list(List.of(articles.getAbsolutePath()), new Configuration());
    SparkSession spark = Sessions.create("marsad demo", master, config);
    CommonOptions common = new CommonOptions();
    common.warehouse = target;
    PipelineCommand.Result p =
        PipelineCommand.run(
            spark,
            config,
            settings,
            files,
            org.marsad.catalog.Catalog.load(config),
            common,
            ExtractCommand.Engine.combined.name(),
            false);
    IngestJob.Result r = p.ingest();
    ExtractJob.Result x = p.extract();

    Warehouse w = new Warehouse(target, spark.sparkContext().hadoopConfiguration());
    w.registerViews(spark);
    System.out.println();
    System.out.println("Marsad demo: " + files.size() + " sample files from " + articles);
    System.out.printf(
        "  %d records read = %d articles + %d rejects (reconciled: %s)%n",
        r.recordsRead(), r.articlesWritten(), r.rejectsWritten(), r.reconciled() ? "yes" : "NO");
    System.out.printf(
        "  %d exact duplicates, %d near-duplicate stories (%d articles)%n%n",
        r.duplicates(), r.nearDuplicateClusters(), r.articlesInClusters());
    System.out.printf(
        "  %d entity mentions in %d of %d articles %s%n%n",
        x.mentionsWritten(), x.articlesWithMentions(), x.articlesRead(), x.mentionsByForm());
    section(
        spark,
        "Articles per source and day",
        "SELECT source, pub_date, count(*) AS articles, count(dup_of) AS duplicates,"
            + " count(DISTINCT story_id) AS stories FROM articles GROUP BY source, pub_date"
            + " ORDER BY pub_date, source");
    section(
        spark,
        "Rejects by reason",
        "SELECT reason, count(*) AS n, first(element_at(split(input_file, '/'), -1)) AS example_file,"
            + " first(detail) AS example_detail FROM rejects GROUP BY reason ORDER BY n DESC, reason");
    section(
        spark,
        "Duplicates and near-duplicates",
        "SELECT a.title, a.source, CASE WHEN a.dup_of IS NOT NULL THEN 'exact copy' ELSE"
            + " 'same story' END AS kind, b.title AS of_title, b.source AS of_source FROM articles a"
            + " JOIN articles b ON b.article_id = coalesce(a.dup_of, a.story_id)"
            + " WHERE a.dup_of IS NOT NULL OR a.story_id <> a.article_id ORDER BY kind, a.title");
    section(
        spark,
        "Most mentioned (rolled up: a capital, leader or demonym counts for its country)",
        "SELECT t.rollup_id, coalesce(e.label_en, e.label_ar) AS name, mentions, articles,"
            + " stories, forms FROM (SELECT rollup_id, count(*) AS mentions,"
            + " count(DISTINCT article_id) AS articles, count(DISTINCT story_id) AS stories, forms"
            + " FROM (SELECT m.*, concat_ws(', ', slice(array_sort(collect_set(form)"
            + " OVER (PARTITION BY rollup_id)), 1, 5)) AS forms FROM mentions m)"
            + " GROUP BY rollup_id, forms) t LEFT JOIN entities e ON e.entity_id = t.rollup_id"
            + " ORDER BY mentions DESC, t.rollup_id LIMIT 10");
    section(
        spark,
        "How the seed article names them (first 12 mentions of its body)",
        "SELECT m.surface, m.entity_id, coalesce(e.label_en, e.label_ar) AS name, m.form,"
            + " m.rollup_id, m.paragraph_idx AS paragraph"
            + " FROM mentions m JOIN articles a USING (article_id)"
            + " LEFT JOIN entities e ON e.entity_id = m.entity_id"
            + " WHERE a.input_file LIKE '%seed-article%' AND m.field = 'body'"
            + " ORDER BY m.start LIMIT 12");
    section(
        spark,
        "Names found beyond the catalog (name_candidates, by articles; the NER model's)",
        "SELECT entity_type, name, mentions, articles, concat_ws(', ', transform(slice(surfaces,"
            + " 1, 3), s -> concat(s.surface, ' (', s.n, ')'))) AS surfaces, entity_id"
            + " FROM name_candidates ORDER BY articles DESC, mentions DESC, entity_id LIMIT 10");
    section(
        spark,
        "Share of articles naming each astana_guarantors member, by day (entity_trends)",
        "SELECT period_start AS day, total_articles AS articles,"
            + " max(CASE WHEN entity_id = 'Q794' THEN articles END) AS iran,"
            + " max(CASE WHEN entity_id = 'Q159' THEN articles END) AS russia,"
            + " max(CASE WHEN entity_id = 'Q43' THEN articles END) AS turkey,"
            + " round(max(CASE WHEN entity_id = 'Q794' THEN robust_z END), 2) AS iran_z"
            + " FROM entity_trends WHERE granularity = 'day' AND level = 'rollup'"
            + " AND entity_id IN ('Q794', 'Q159', 'Q43') GROUP BY period_start, total_articles"
            + " ORDER BY day");
    section(
        spark,
        "Strongest pairs in sentences (cooccurrence, month, rolled up, by NPMI; support = n_ab)",
        "SELECT date_format(period_start, 'yyyy-MM') AS month, entity_a,"
            + " coalesce(ea.label_en, ea.label_ar) AS a, entity_b,"
            + " coalesce(eb.label_en, eb.label_ar) AS b, n_ab, n_a, n_b, n_total,"
            + " round(npmi, 3) AS npmi, round(llr, 1) AS g2, round(lift, 2) AS lift,"
            + " concat(evidence[0].article_id, ' ', evidence[0].a_field, ' s',"
            + " evidence[0].a_paragraph_idx, '.', evidence[0].a_sentence_idx) AS evidence"
            + " FROM cooccurrence c LEFT JOIN entities ea ON ea.entity_id = c.entity_a"
            + " LEFT JOIN entities eb ON eb.entity_id = c.entity_b"
            + " WHERE granularity = 'month' AND scope = 'sentence'"
            + " AND level = 'rollup' AND n_ab >= 3 ORDER BY npmi DESC, n_ab DESC LIMIT 10");
    section(
        spark,
        "astana_guarantors around the 22 April 2020 ministers' meeting (entity_sets, event_windows)",
        "SELECT window, window_start, window_end, subject_kind, subject, n, total,"
            + " round(rate, 1) AS per_1000, round(baseline_rate, 1) AS baseline,"
            + " round(lift, 2) AS lift, round(p_value, 3) AS p_value FROM event_windows"
            + " WHERE event_kind = 'ministerial' AND (subject = 'astana_guarantors'"
            + " OR subject IN ('Q794', 'Q159', 'Q43')) ORDER BY subject_kind DESC, subject,"
            + " window_start");
    System.out.println("Warehouse: " + target);
    System.out.println("Report:    " + r.reportPath());
    System.out.println(
        "Explore:   scripts/marsad query --warehouse "
            + target
            + " \"SELECT pub_date, source, title FROM articles ORDER BY pub_date\"");
    return 0;
  }

  private static void section(SparkSession spark, String title, String sql) {
    System.out.println(title + ":");
    QueryCommand.print(spark.sql(sql), QueryCommand.Format.table, 50, System.out);
    System.out.println();
  }

  /** data-samples/ beside the launcher (-Dmarsad.home), else under the working directory. */
  static File samplesDir() {
    String home = System.getProperty("marsad.home", System.getenv("MARSAD_HOME"));
    return new File(home != null ? home : ".", "data-samples");
  }
}
