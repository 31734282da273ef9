package org.marsad.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The run report each job writes to {@code _runs/<run_id>.json}: what it read and wrote, rejects by
 * reason, stage timings and the effective configuration. Written on failure too.
 */
public final class RunReport {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String runId;
  private final ObjectNode root = JSON.createObjectNode();
  private final Map<String, Long> timings = new LinkedHashMap<>();
  private final long started = System.nanoTime();

  public RunReport(String command, String runId) {
    this.runId = runId;
    root.put("run_id", runId);
    root.put("command", command);
    root.put("started_at", Instant.now().toString());
  }

  /** A new run id: command, UTC time and a random suffix, sortable by time. */
  public static String newRunId(String command) {
    return command
        + "-"
        + RUN_STAMP.format(Instant.now())
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
  }

  public String runId() {
    return runId;
  }

  /**
   * Runs a job with this report: logs and stores the effective configuration, then writes {@code
   * _runs/<run_id>.json} whether the job succeeds or fails.
   */
  public <T> T run(Warehouse warehouse, com.typesafe.config.Config config, Supplier<T> job) {
    String configJson = org.marsad.config.MarsadConfig.toJson(config);
    // One short line on the console; the whole configuration is in the run report (and at DEBUG).
    org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunReport.class);
    log.info(
        "{} {}: started (effective configuration: {}/{}/{}.json)",
        root.get("command").asText(),
        runId,
        warehouse.root(),
        Warehouse.RUNS,
        runId);
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {}: effective configuration {}",
          root.get("command").asText(),
          runId,
          org.marsad.config.MarsadConfig.toJson(config.withoutPath("sources")));
    }
    putConfig(configJson);
    String command = root.path("command").asText();
    boolean breakLock =
        config.hasPath("marsad.warehouse.break_lock")
            && config.getBoolean("marsad.warehouse.break_lock");
    // Taken before the job writes anything, so a refused run leaves no report behind.
    try (WriterLock lock =
        WriterLock.acquire(warehouse.root(), warehouse.conf(), command, runId, breakLock)) {
      return runLocked(warehouse, job);
    }
  }

  private <T> T runLocked(Warehouse warehouse, Supplier<T> job) {
    try {
      T result = job.get();
      reportPath =
          warehouse.writeText(Warehouse.RUNS + "/" + runId + ".json", finish("succeeded", null));
      return result;
    } catch (RuntimeException e) {
      try {
        warehouse.writeText(
            Warehouse.RUNS + "/" + runId + ".json", finish("failed", Marsad.oneLine(e)));
      } catch (RuntimeException ignored) {
        // the original failure matters more than a report we could not write
      }
      throw e;
    }
  }

  private String reportPath;

  /** Where the report was written, once {@link #run} succeeded. */
  public String reportPath() {
    return reportPath;
  }

  public ObjectNode root() {
    return root;
  }

  /** Runs {@code stage}, recording its wall time in milliseconds. */
  public <T> T time(String stage, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      timings.merge(stage, (System.nanoTime() - t0) / 1_000_000, Long::sum);
    }
  }

  public void time(String stage, Runnable work) {
    time(
        stage,
        () -> {
          work.run();
          return null;
        });
  }

  public void putConfig(String configJson) {
    try {
      root.set("config", JSON.readTree(configJson));
    } catch (JsonProcessingException e) {
      root.put("config", configJson);
    }
  }

  public void put(String key, JsonNode value) {
    root.set(key, value);
  }

  public String finish(String status, String error) {
    root.put("status", status);
    if (error != null) {
      root.put("error", error);
    }
    root.put("finished_at", Instant.now().toString());
    ObjectNode t = root.putObject("timings_ms");
    timings.forEach(t::put);
    t.put("total", (System.nanoTime() - started) / 1_000_000);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
