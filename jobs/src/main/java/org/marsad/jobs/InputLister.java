package org.marsad.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.marsad.ingest.InputFile;

/**
 * Expands the {@code --input} arguments (files, directories, globs; local, hdfs://, s3a://) into
 * the list of files to read: directories recursively, hidden and {@code _}-prefixed files skipped.
 * Only names and sizes reach the driver, never contents.
 */
public final class InputLister {
  private InputLister() {}

  public static List<InputFile> list(List<String> inputs, Configuration conf) {
    return list(inputs, conf, null, null);
  }

  /** Date fields an input may hold, expanded for each day of {@code --from .. --to}. */
  static final java.util.regex.Pattern DATE_FIELD =
      java.util.regex.Pattern.compile("\\{(ds|ds_nodash|yyyy|mm|dd)\\}");

  /** The most days a dated input is expanded for. */
  static final int MAX_DAYS = 3660;

  /**
   * Inputs with date fields ({@code {ds}} as 2015-07-21, {@code {ds_nodash}} as 20150721, {@code
   * {yyyy}}, {@code {mm}}, {@code {dd}}; Airflow's names) become one input per day of {@code from ..
   * to}, so a daily run reads only its day's files: {@code --input 'dumps/{ds}/*.json.gz'}. A day
   * without files is skipped; other inputs must exist.
   */
  public static List<String> expandDates(
      List<String> inputs, java.time.LocalDate from, java.time.LocalDate to) {
    List<String> out = new ArrayList<>();
    for (String input : inputs) {
      if (!DATE_FIELD.matcher(input).find()) {
        out.add(input);
        continue;
      }
      if (from == null || to == null) {
        throw new UsageException(
            "--input " + input + " has date fields: give --from and --to to expand them");
      }
      if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
        throw new UsageException(
            "--input " + input + ": --from/--to span more than " + MAX_DAYS + " days");
      }
      for (java.time.LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
        java.time.LocalDate day = d;
        out.add(
            DATE_FIELD
                .matcher(input)
                .replaceAll(
                    m ->
                        switch (m.group(1)) {
                          case "ds" -> day.toString();
                          case "ds_nodash" -> day.toString().replace("-", "");
                          case "yyyy" -> String.format("%04d", day.getYear());
                          case "mm" -> String.format("%02d", day.getMonthValue());
                          default -> String.format("%02d", day.getDayOfMonth());
                        }));
      }
    }
    return out;
  }

  /** {@link #list(List, Configuration)} after {@link #expandDates}. */
  public static List<InputFile> list(
      List<String> inputs, Configuration conf, java.time.LocalDate from, java.time.LocalDate to) {
    List<String> expanded = expandDates(inputs, from, to);
    java.util.Set<String> dated = new java.util.HashSet<>(expanded);
    dated.removeAll(inputs);
    List<FileStatus> found = new ArrayList<>();
    for (String input : expanded) {
      try {
        Path p = new Path(input);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(p);
        if (matches == null || matches.length == 0) {
          if (dated.contains(input)) {
            continue; // no dump that day
          }
          throw new UsageException("input not found: " + input);
        }
        for (FileStatus m : matches) {
          if (m.isDirectory()) {
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(m.getPath(), true);
            while (it.hasNext()) {
              LocatedFileStatus f = it.next();
              if (!isHidden(f.getPath(), m.getPath())) {
                found.add(f);
              }
            }
          } else {
            found.add(m);
          }
        }
      } catch (FileNotFoundException e) {
        if (dated.contains(input)) {
          continue;
        }
        throw new UsageException("input not found: " + input);
      } catch (IOException e) {
        throw new UsageException("cannot read input " + input + ": " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UsageException("bad input path " + input + ": " + e.getMessage());
      }
    }
    found.sort(Comparator.comparing(f -> f.getPath().toString()));
    List<InputFile> files = new ArrayList<>();
    String last = null;
    for (FileStatus f : found) {
      String path = f.getPath().toString();
      if (!path.equals(last)) { // the same file named twice is read once
        files.add(new InputFile(path, f.getLen(), files.size()));
      }
      last = path;
    }
    if (files.isEmpty()) {
      throw new UsageException(
          "no input files in "
              + String.join(", ", inputs)
              + (dated.isEmpty() ? "" : " for " + from + " .. " + to));
    }
    return files;
  }

  /** Hidden below the listed root: any segment starting with '.' or '_' (like Spark's reader). */
  private static boolean isHidden(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String n = p.getName();
      if (n.startsWith(".") || n.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  /** Spreads files over {@code n} bins of similar total size (largest first, into the lightest). */
  public static List<List<InputFile>> balance(List<InputFile> files, int n) {
    int bins = Math.max(1, Math.min(n, files.size()));
    List<List<InputFile>> out = new ArrayList<>();
    long[] load = new long[bins];
    for (int i = 0; i < bins; i++) {
      out.add(new ArrayList<>());
    }
    List<InputFile> bySize = new ArrayList<>(files);
    bySize.sort(
        Comparator.comparingLong((InputFile f) -> f.end() - f.start())
            .reversed()
            .thenComparing(InputFile::path)
            .thenComparingLong(InputFile::start));
    for (InputFile f : bySize) {
      int best = 0;
      for (int i = 1; i < bins; i++) {
        if (load[i] < load[best]) {
          best = i;
        }
      }
      out.get(best).add(f);
      load[best] += Math.max(f.end() - f.start(), 1);
    }
    return out;
  }
}
