package org.marsad.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.typesafe.config.Config;
import java.io.File;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.marsad.analytics.AnalyticsSettings;
import org.marsad.analytics.Periods;
import org.marsad.report.Network;
import org.marsad.tables.Tables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code marsad graph}: one period's co-occurrence network as GEXF, GraphML or Gephi's CSV. Only
 * the top edges reach the driver (at most {@code --top}), with their nodes' names and counts.
 */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description =
        "Export one period's co-occurrence network (nodes with names, types and mention counts;"
            + " edges with n_ab, NPMI, G2, lift) for Gephi, Cytoscape or networkx.")
public final class GraphCommand implements Callable<Integer> {
  /** The measure that ranks and weights edges. */
  public enum Weight {
    g2,
    npmi,
    n_ab,
    lift
  }

  @Option(names = "--warehouse", paramLabel = "DIR", required = true, description = "Warehouse.")
  String warehouse;

  @Option(
      names = "--period",
      paramLabel = "PERIOD",
      description =
          "YYYY-MM (a month) or YYYY-MM-DD (that day, or the week or month holding it with"
              + " --granularity). Default: the latest period with pairs.")
  String period;

  @Option(
      names = "--granularity",
      paramLabel = "G",
      description = "day, week or month (default: month for YYYY-MM, day for YYYY-MM-DD).")
  String granularity;

  @Option(
      names = "--scope",
      paramLabel = "SCOPE",
      description = "sentence (default), paragraph or article.")
  String scope = "sentence";

  @Option(
      names = "--level",
      paramLabel = "LEVEL",
      description = "rollup (default: capitals, leaders, demonyms count as their country) or entity.")
  String level = "rollup";

  @Option(names = "--top", paramLabel = "N", description = "Edges kept (default 100).")
  int top = 100;

  @Option(
      names = "--min-support",
      paramLabel = "K",
      description = "Pairs seen in fewer units are left out (default 3).")
  long minSupport = 3;

  @Option(
      names = "--weight",
      paramLabel = "W",
      description =
          "Edge weight and ranking: g2 (default: log-likelihood ratio, strong and well supported),"
              + " npmi, n_ab or lift. g2, npmi and lift keep positively associated pairs only.")
  Weight weight = Weight.g2;

  @Option(
      names = "--watchlist",
      paramLabel = "NAME",
      description = "Keep this watch list's members as nodes even when they have no edge.")
  String watchlist;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "gexf (default), graphml or csv (FILE gets the edges, FILE.nodes.csv the nodes).")
  Network.Format format = Network.Format.gexf;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Output file.")
  File out;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Override
  public Integer call() {
    Config config = configOptions.load();
    AnalyticsSettings settings = AnalyticsSettings.from(config);
    validate(settings);
    CommonOptions.checkWarehouse(warehouse, new org.apache.hadoop.conf.Configuration());
    SparkSession spark = Sessions.create("marsad graph", master, config);
    Warehouse w = new Warehouse(warehouse, spark.sparkContext().hadoopConfiguration());
    Network network = network(spark, w, settings.watchlists());
    write(network);
    System.out.printf(
        "marsad graph: %d nodes, %d edges (%s) -> %s%n",
        network.nodes().size(), network.edges().size(), network.description(), out);
    return 0;
  }

  void validate(AnalyticsSettings settings) {
    if (!AnalyticsSettings.SCOPES.contains(scope)) {
      throw new UsageException("--scope " + scope + ": sentence, paragraph or article");
    }
    if (!List.of("rollup", "entity").contains(level)) {
      throw new UsageException("--level " + level + ": rollup or entity");
    }
    if (granularity != null && !Periods.ALL.contains(granularity)) {
      throw new UsageException("--granularity " + granularity + ": day, week or month");
    }
    if (top < 1) {
      throw new UsageException("--top " + top + ": at least 1");
    }
    if (watchlist != null) {
      Outputs.watchlist(settings, watchlist);
    }
    File dir = out.getAbsoluteFile().getParentFile();
    if (dir != null && !dir.isDirectory()) {
      throw new UsageException("--out " + out + ": folder " + dir + " does not exist");
    }
  }

  /** The granularity and period start the options name, or null for the latest one. */
  static Selection selection(String period, String granularity) {
    if (period == null) {
      return new Selection(granularity != null ? granularity : "month", null);
    }
    try {
      if (period.length() == 7) {
        String g = granularity != null ? granularity : "month";
        if (!g.equals("month")) {
          throw new UsageException("--period " + period + " is a month: use YYYY-MM-DD for " + g);
        }
        return new Selection(g, YearMonth.parse(period).atDay(1));
      }
      String g = granularity != null ? granularity : "day";
      return new Selection(g, Periods.startOf(g, LocalDate.parse(period)));
    } catch (DateTimeParseException e) {
      throw new UsageException("--period " + period + ": use YYYY-MM or YYYY-MM-DD");
    }
  }

  /** A granularity and a period start (null: the latest with data). */
  record Selection(String granularity, LocalDate start) {}

  Network network(SparkSession spark, Warehouse w, Map<String, List<String>> watchlists) {
    w.require(
        "run extract, trends and cooccur first, or marsad pipeline",
        Tables.COOCCURRENCE,
        Tables.ENTITY_TRENDS,
        Tables.ENTITIES);
    Selection s = selection(period, granularity);
    Dataset<Row> pairs =
        w.read(spark, Tables.COOCCURRENCE)
            .where(
                col("granularity")
                    .equalTo(s.granularity())
                    .and(col("scope").equalTo(scope))
                    .and(col("level").equalTo(level)));
    LocalDate start = s.start();
    if (start == null) {
      Row latest = pairs.agg(org.apache.spark.sql.functions.max("period_start")).first();
      if (latest.isNullAt(0)) {
        throw new UsageException(
            "no " + s.granularity() + " pairs at scope " + scope + " in " + warehouse);
      }
      start = latest.getDate(0).toLocalDate();
    }
    Dataset<Row> inPeriod = pairs.where(col("period_start").equalTo(lit(java.sql.Date.valueOf(start))));
    Column measure =
        switch (weight) {
          case g2 -> col("llr");
          case npmi -> col("npmi");
          case n_ab -> col("n_ab");
          case lift -> col("lift");
        };
    Dataset<Row> kept = inPeriod.where(col("n_ab").geq(minSupport));
    if (weight != Weight.n_ab) {
      kept = kept.where(col("pmi").gt(0)); // G2 is two-sided: avoided pairs are not edges
    }
    List<Row> rows =
        kept.select(
                col("entity_a"),
                col("entity_b"),
                measure.cast("double").as("w"),
                col("n_ab"),
                col("npmi"),
                col("llr"),
                col("lift"),
                col("n_ab_articles"),
                col("n_ab_stories"),
                col("evidence").getItem(0).getField("article_id").as("evidence_article"))
            .orderBy(
                col("w").desc_nulls_last(),
                col("n_ab").desc(),
                col("entity_a"),
                col("entity_b"))
            .limit(top)
            .collectAsList();
    String what = s.granularity() + " " + label(s.granularity(), start);
    if (rows.isEmpty() && inPeriod.isEmpty()) {
      throw new UsageException(
          "no pairs at scope " + scope + ", level " + level + " in " + what + " in " + warehouse);
    }
    List<Network.Edge> edges = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Row r : rows) {
      edges.add(
          new Network.Edge(
              r.getString(0),
              r.getString(1),
              r.isNullAt(2) ? Double.NaN : r.getDouble(2),
              r.getLong(3),
              orNaN(r, 4),
              orNaN(r, 5),
              orNaN(r, 6),
              r.getLong(7),
              r.getLong(8),
              r.getString(9)));
      ids.add(r.getString(0));
      ids.add(r.getString(1));
    }
    Set<String> watched =
        watchlist == null ? Set.of() : new LinkedHashSet<>(watchlists.get(watchlist));
    ids.addAll(watched);
    List<Network.Node> nodes = nodes(spark, w, ids, watched, s.granularity(), start);
    String description =
        String.format(
            java.util.Locale.ROOT,
            "Marsad co-occurrence, %s, scope %s, level %s, top %d edges by %s with n_ab >= %d",
            what, scope, level, top, weight, minSupport);
    return new Network(description, nodes, edges);
  }

  private List<Network.Node> nodes(
      SparkSession spark,
      Warehouse w,
      Set<String> ids,
      Set<String> watched,
      String granularity,
      LocalDate start) {
    Map<String, Row> names = new HashMap<>();
    Map<String, Row> counts = new HashMap<>();
    if (!ids.isEmpty()) {
      Object[] idArray = ids.toArray();
      for (Row r :
          w.read(spark, Tables.ENTITIES)
              .where(col("entity_id").isin(idArray))
              .select("entity_id", "label_ar", "label_en", "entity_type")
              .collectAsList()) {
        names.put(r.getString(0), r);
      }
      for (Row r :
          w.read(spark, Tables.ENTITY_TRENDS)
              .where(
                  col("granularity")
                      .equalTo(granularity)
                      .and(col("period_start").equalTo(lit(java.sql.Date.valueOf(start))))
                      .and(col("level").equalTo(level))
                      .and(col("entity_id").isin(idArray)))
              .select("entity_id", "mentions", "articles")
              .collectAsList()) {
        counts.put(r.getString(0), r);
      }
    }
    List<Network.Node> nodes = new ArrayList<>();
    for (String id : ids) {
      Row n = names.get(id);
      Row c = counts.get(id);
      nodes.add(
          new Network.Node(
              id,
              n == null ? null : n.getString(1),
              n == null ? null : n.getString(2),
              n == null ? null : n.getString(3),
              c == null ? null : ((Number) c.get(1)).longValue(),
              c == null ? null : ((Number) c.get(2)).longValue(),
              watched.contains(id)));
    }
    return nodes;
  }

  private static double orNaN(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : r.getDouble(i);
  }

  static String label(String granularity, LocalDate start) {
    return granularity.equals("month") ? YearMonth.from(start).toString() : start.toString();
  }

  private void write(Network network) {
    switch (format) {
      case gexf -> Outputs.replace(out, network::writeGexf);
      case graphml -> Outputs.replace(out, network::writeGraphml);
      case csv -> {
        Outputs.replace(out, network::writeEdgesCsv);
        Outputs.replace(nodesFile(out), network::writeNodesCsv);
      }
    }
  }

  /** The node list beside a CSV edge list: {@code net.csv} gives {@code net.nodes.csv}. */
  static File nodesFile(File edges) {
    String n = edges.getName();
    String stem = n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
    return new File(edges.getAbsoluteFile().getParentFile(), stem + ".nodes.csv");
  }
}
