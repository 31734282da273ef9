package org.marsad.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Days a job must process again because a job before it rewrote them outside the range it was run
 * for: an ingest of day D that joins an article of D-2 to a story rewrites D-2's articles, so
 * extract, then trends, cooccur and events, must redo D-2 too. Each is a marker file {@code
 * _pending/<job>/<day>}; a job run for a range widens it to cover its pending days and clears them
 * once it succeeded, so a daily schedule ends with the tables one run over all days gives.
 */
final class PendingDays {
  private PendingDays() {}

  static final String DIR = "_pending";

  /** The jobs that read what extract writes. */
  static final List<String> AFTER_EXTRACT = List.of("trends", "cooccur", "events");

  static void mark(Warehouse w, Collection<String> jobs, Collection<String> days) {
    for (String job : jobs) {
      for (String day : days) {
        w.writeText(DIR + "/" + job + "/" + day, "");
      }
    }
  }

  static List<String> of(Warehouse w, String job) {
    List<String> out = new ArrayList<>();
    try {
      Path dir = new Path(w.root() + "/" + DIR + "/" + job);
      FileSystem fs = dir.getFileSystem(w.conf());
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus s : fs.listStatus(dir)) {
        String n = s.getPath().getName();
        if (!n.startsWith(".")) {
          out.add(n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  static void clear(Warehouse w, String job, Collection<String> days) {
    for (String day : days) {
      w.delete(DIR + "/" + job + "/" + day);
    }
  }

  /** A job's range widened to cover its pending days, and those days. */
  record Range(LocalDate from, LocalDate to, List<String> days) {
    /** Once the job succeeded: its pending days are done. */
    void done(Warehouse w, String job) {
      clear(w, job, days);
    }
  }

  /**
   * {@code [from, to]} widened to cover {@code job}'s pending days (a bound left open, all days,
   * stays open); the days are listed in the run report as {@code pending_days}.
   */
  static Range take(Warehouse w, String job, LocalDate from, LocalDate to, RunReport report) {
    List<String> pending = of(w, job);
    if (!pending.isEmpty()) {
      report.put("pending_days", RunReport.JSON.valueToTree(pending));
    }
    LocalDate f = from;
    LocalDate t = to;
    for (String day : pending) {
      LocalDate d = LocalDate.parse(day);
      if (f != null && d.isBefore(f)) {
        f = d;
      }
      if (t != null && d.isAfter(t)) {
        t = d;
      }
    }
    return new Range(f, t, pending);
  }
}
