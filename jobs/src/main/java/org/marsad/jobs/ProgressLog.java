package org.marsad.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line every {@code interval} while a long job runs ("stage 4 (parquet at ExtractJob): 12/40
 * tasks, 35 s"), so a log in Airflow or a terminal shows the run is alive and how far it is; short
 * stages say nothing. Spark's own progress bar redraws one line with carriage returns, which a
 * scheduler's log file cannot show.
 */
public final class ProgressLog extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressLog.class);

  private record Stage(String name, int tasks, long started, AtomicInteger done) {}

  private final Map<Integer, Stage> running = new ConcurrentHashMap<>();
  private final AtomicLong lastLine = new AtomicLong(System.currentTimeMillis());
  private final long intervalMs;

  public ProgressLog(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    running.put(
        e.stageInfo().stageId(),
        new Stage(
            e.stageInfo().name(),
            e.stageInfo().numTasks(),
            System.currentTimeMillis(),
            new AtomicInteger()));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    Stage s = running.get(e.stageId());
    if (s != null) {
      s.done.incrementAndGet();
    }
    long now = System.currentTimeMillis();
    long last = lastLine.get();
    if (now - last >= intervalMs && lastLine.compareAndSet(last, now)) {
      running.forEach(
          (id, st) ->
              LOG.info(
                  "stage {} ({}): {}/{} tasks, {} s",
                  id,
                  st.name,
                  st.done.get(),
                  st.tasks,
                  (now - st.started) / 1000));
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted e) {
    Stage s = running.remove(e.stageInfo().stageId());
    long took = s == null ? 0 : System.currentTimeMillis() - s.started;
    if (s != null && took >= intervalMs) {
      LOG.info("stage {} ({}): done, {} tasks in {} s", e.stageInfo().stageId(), s.name, s.tasks, took / 1000);
    }
  }
}
