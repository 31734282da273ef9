package org.marsad.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.marsad.catalog.Catalog;
import org.marsad.config.MarsadConfig;
import org.marsad.ingest.IngestSettings;
import org.marsad.ingest.InputFile;
import org.marsad.jobs.InputLister;
import org.marsad.jobs.JobRunner;
import org.marsad.jobs.Sessions;

/**
 * The whole-pipeline benchmark, in one JVM and one Spark session on one input: the floor (Spark
 * reads the raw files and writes Parquet, no processing), then each job in order, each timed with
 * its peak JVM heap and the process's peak RSS during it. The pipeline's time is the sum of the
 * jobs'. Ratios are to the floor measured in the same run (this machine is shared and noisy).
 *
 * <p>Usage: {@code PipelineBenchmark OUT.json WORKDIR SOURCE FLOOR_KIND INPUT...}; FLOOR_KIND is
 * {@code wholetext}, {@code json-lines} or {@code json-multiline}.
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    File out = new File(args[0]);
    String work = args[1];
    String source = args[2];
    String floorKind = args[3];
    List<String> inputs = List.of(args).subList(4, args.length);
    Config config = MarsadConfig.load(null, List.of());
    SparkSession spark = Sessions.create("marsad bench", null, config);
    List<InputFile> files = InputLister.list(inputs, new Configuration());
    long bytes = files.stream().mapToLong(InputFile::size).sum();
    List<String> paths = files.stream().map(InputFile::path).toList();
    IngestSettings settings =
        IngestSettings.from(config, null, null, source, IngestSettings.todayUtc());
    Catalog catalog = Catalog.load(config);
    String wh = work + "/wh";

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("input", String.join(" ", inputs));
    report.put("input_files", files.size());
    report.put("input_bytes", bytes);
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    report.put("master", spark.sparkContext().master());
    ArrayNode runs = report.putArray("runs");

    // The floor once untimed: the JVM's warm-up is not charged to it.
    IngestBenchmark.floor(spark, floorKind, paths, work + "/floor-warmup");
    double floor =
        measure(
            runs,
            "floor (Spark read " + floorKind + " -> Parquet)",
            () -> {
              IngestBenchmark.floor(spark, floorKind, paths, work + "/floor");
              return "";
            });
    double total = 0;
    total +=
        measure(
            runs,
            "ingest",
            () -> {
              var r = JobRunner.ingest(spark, config, settings, files, wh, null, null);
              return r.recordsRead() + " records -> " + r.articlesWritten() + " articles";
            });
    total +=
        measure(
            runs,
            "extract",
            () -> {
              var r = JobRunner.extract(spark, config, catalog, wh, "lexicon");
              return r.mentionsWritten() + " mentions";
            });
    for (String job : List.of("trends", "cooccur", "events")) {
      total += measure(runs, job, () -> JobRunner.analytics(spark, config, wh, job).detail());
    }
    ObjectNode pipeline = runs.addObject();
    pipeline.put("run", "pipeline (the five jobs)");
    pipeline.put("seconds", round(total));
    for (var r : runs) {
      ObjectNode n = (ObjectNode) r;
      n.put("mb_per_s", round(bytes / 1e6 / n.get("seconds").asDouble()));
      n.put("ratio_to_floor", round(n.get("seconds").asDouble() / floor));
    }
    long peakHeap = 0;
    long peakRss = 0;
    for (var r : runs) {
      peakHeap = Math.max(peakHeap, r.path("peak_heap_mb").asLong());
      peakRss = Math.max(peakRss, r.path("peak_rss_mb").asLong());
    }
    pipeline.put("peak_heap_mb", peakHeap);
    pipeline.put("peak_rss_mb", peakRss);
    Files.createDirectories(out.toPath().toAbsolutePath().getParent());
    Files.writeString(out.toPath(), json.writeValueAsString(report));

    System.out.printf(
        Locale.ROOT,
        "%nInput: %d files, %.1f MB (%s); %d cores, heap %d MB%n",
        files.size(),
        bytes / 1e6,
        String.join(" ", inputs),
        report.get("cores").asInt(),
        report.get("max_heap_mb").asLong());
    System.out.printf(
        Locale.ROOT,
        "%-36s %9s %8s %8s %9s %9s  %s%n",
        "run",
        "seconds",
        "MB/s",
        "x floor",
        "heap MB",
        "RSS MB",
        "result");
    for (var r : runs) {
      System.out.printf(
          Locale.ROOT,
          "%-36s %9.1f %8.2f %8.2f %9d %9d  %s%n",
          r.get("run").asText(),
          r.get("seconds").asDouble(),
          r.get("mb_per_s").asDouble(),
          r.get("ratio_to_floor").asDouble(),
          r.path("peak_heap_mb").asLong(),
          r.path("peak_rss_mb").asLong(),
          r.path("result").asText(""));
    }
    System.out.println("JSON: " + out);
    spark.stop();
  }

  /** Runs one step with the peaks reset before it; returns its seconds. */
  private static double measure(ArrayNode runs, String name, Callable<String> step)
      throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    resetPeakRss();
    long t0 = System.nanoTime();
    String result = step.call();
    double sec = (System.nanoTime() - t0) / 1e9;
    ObjectNode n = runs.addObject();
    n.put("run", name);
    n.put("seconds", round(sec));
    n.put("peak_heap_mb", IngestBenchmark.peakHeapMb());
    n.put("peak_rss_mb", peakRssMb());
    n.put("result", result);
    System.out.printf(Locale.ROOT, "%s: %.1f s (%s)%n", name, sec, result);
    return sec;
  }

  /** Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM). */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (Exception e) {
      // not Linux, or not allowed: the peak is then the process's since it started
    }
  }

  private static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return -1;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
