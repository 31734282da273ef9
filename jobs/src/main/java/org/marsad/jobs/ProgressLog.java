package org.marsad.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line every {@code interval} while a long job runs ("stage 4 (parquet at ExtractJob): 12/40
 * tasks, 35 s"), so a log in Airflow or a terminal shows the run is alive and how far it is; short
 * stages say nothing. Spark's own progress bar redraws one line with carriage returns, which a
 * scheduler's log file cannot show. Checked at each task end and each executor heartbeat (every
 * 10 s by default), so long tasks are reported too.
 */
public final class ProgressLog extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

  private record Stage(String name, int tasks, long started, AtomicInteger done) {}

  private final Map<String, Stage> running = new ConcurrentHashMap<>();
  private final AtomicLong lastLine = new AtomicLong(System.currentTimeMillis());
  private final long intervalMs;

  public ProgressLog(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  private static String key(int stage, int attempt) {
    return stage + "." + attempt;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    running.put(
        key(e.stageInfo().stageId(), e.stageInfo().attemptNumber()),
        new Stage(
            e.stageInfo().name(),
            e.stageInfo().numTasks(),
            System.currentTimeMillis(),
            new AtomicInteger()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Stage s = running.get(key(e.stageId(), e.stageAttemptId()));
    if (s != null && e.taskInfo() != null && e.taskInfo().successful()) {
      s.done.incrementAndGet();
    }
    maybeLog();
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
    maybeLog();
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    Stage s = running.remove(key(e.stageInfo().stageId(), e.stageInfo().attemptNumber()));
    long took = s == null ? 0 : System.currentTimeMillis() - s.started;
    if (s != null && took >= intervalMs) {
      LOG.info(
          "stage {} ({}): done, {} tasks in {} s",
          e.stageInfo().stageId(),
          s.name,
          s.tasks,
          took / 1000);
    }
  }

  private void maybeLog() {
    long now = System.currentTimeMillis();
    long last = lastLine.get();
    if (running.isEmpty() || now - last < intervalMs || !lastLine.compareAndSet(last, now)) {
      return;
    }
    running.forEach(
        (id, st) -> {
          if (now - st.started >= intervalMs) {
            LOG.info(
                "stage {} ({}): {}/{} tasks, {} s",
                id,
                st.name,
                st.done.get(),
                st.tasks,
                (now - st.started) / 1000);
          }
        });
  }
}
