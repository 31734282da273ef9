package org.marsad.jobs;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code marsad query}: Spark SQL over the warehouse, each table a view named after it. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Run Spark SQL over the warehouse tables (each registered as a view by its name).")
public final class QueryCommand implements Callable<Integer> {
  /** Output formats. */
  public enum Format {
    table,
    csv,
    json
  }

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      required = true,
      description = "Warehouse root.")
  String warehouse;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "table (default), csv (header line, then one line per row) or json (one object per line).")
  Format format = Format.table;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Rows shown by the table format (default 100); csv and json print all rows.")
  int limit = 100;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*]).")
  String master;

  @Parameters(
      paramLabel = "SQL",
      description = "The query, e.g. \"SELECT source, count(*) FROM articles GROUP BY source\".")
  String sql;

  @picocli.CommandLine.Mixin ConfigOptions configOptions = new ConfigOptions();

  @Override
  public Integer call() {
    Config config = configOptions.load();
    SparkSession spark = Sessions.create("marsad query", master, config);
    Warehouse w = new Warehouse(warehouse, spark.sparkContext().hadoopConfiguration());
    if (w.registerViews(spark).isEmpty()) {
      throw new UsageException("no tables in warehouse " + warehouse);
    }
    Dataset<Row> result;
    try {
      result = spark.sql(sql);
    } catch (RuntimeException e) {
      // Scala's AnalysisException is unchecked to javac: a bad query is the user's to fix.
      if (e.getClass().getName().equals("org.apache.spark.sql.AnalysisException")
          || e.getClass().getName().contains("ParseException")) {
        throw new UsageException("bad query: " + Marsad.oneLine(e));
      }
      throw e;
    }
    print(result, format, limit, System.out);
    return 0;
  }

  /**
   * Prints a result; results are streamed to the driver partition by partition, never collected
   * whole.
   */
  static void print(Dataset<Row> result, Format format, int limit, PrintStream out) {
    String[] names = result.columns();
    switch (format) {
      case csv -> {
        out.println(csvLine(List.of(names)));
        for (Iterator<Row> it = result.toLocalIterator(); it.hasNext(); ) {
          Row r = it.next();
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < names.length; i++) {
            cells.add(cell(r.get(i)));
          }
          out.println(csvLine(cells));
        }
      }
      case json -> result.toJSON().toLocalIterator().forEachRemaining(out::println);
      case table -> {
        List<Row> rows = result.limit(limit + 1).collectAsList();
        boolean more = rows.size() > limit;
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
          List<String> c = new ArrayList<>();
          for (int i = 0; i < names.length; i++) {
            String v = cell(r.get(i)).replace('\n', ' ');
            c.add(v.length() > 80 ? v.substring(0, 79) + "…" : v);
          }
          cells.add(c);
        }
        out.print(Tables.render(List.of(names), cells));
        out.println(
            cells.size()
                + " row"
                + (cells.size() == 1 ? "" : "s")
                + (more ? " (more not shown: --limit or --format csv)" : ""));
      }
    }
  }

  static String cell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.collection.JavaConverters.seqAsJavaList(seq).toString();
    }
    return v.toString();
  }

  static String csvLine(List<String> cells) {
    return org.marsad.report.Csv.line(cells);
  }

  /** Plain-text tables for the terminal. */
  static final class Tables {
    private Tables() {}

    static String render(List<String> header, List<List<String>> rows) {
      int[] w = new int[header.size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = header.get(i).length();
        for (List<String> r : rows) {
          w[i] = Math.max(w[i], r.get(i).length());
        }
      }
      StringBuilder b = new StringBuilder();
      line(b, header, w);
      for (int i = 0; i < w.length; i++) {
        b.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
      }
      b.append('\n');
      for (List<String> r : rows) {
        line(b, r, w);
      }
      return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] w) {
      for (int i = 0; i < w.length; i++) {
        String c = cells.get(i);
        b.append(i == 0 ? "" : " | ").append(c).append(" ".repeat(w[i] - c.length()));
      }
      b.append('\n');
    }
  }
}
