package org.marsad.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.marsad.tables.Tables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer at a time per table of a warehouse. A job takes a lock file for each table it writes
 * ({@code _locks/<table>.lock}, holding its run id, host, process id and start), created
 * atomically (a local file with {@code O_EXCL}, elsewhere Hadoop's create-if-absent, atomic on
 * HDFS), and deletes it when it ends, also when the JVM is stopped by a signal. A second job that
 * finds a lock refuses with a message naming the run that holds it. A lock left by a crash is
 * stale: on the same host, when its process is gone, it is taken over with a warning; from
 * another host that cannot be checked, so {@code --set warehouse.break_lock=true} takes it over.
 */
public final class WriterLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriterLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String DIR = "_locks";

  /** The tables each command writes; commands not listed write no table. */
  static final Map<String, List<String>> TABLES =
      Map.of(
          "ingest", List.of(Tables.ARTICLES, Tables.REJECTS),
          "extract", List.of(Tables.MENTIONS, Tables.ARTICLE_UNITS, Tables.ENTITIES),
          "discover", List.of(org.marsad.ner.NameCandidates.TABLE),
          "trends", List.of(Tables.ENTITY_TRENDS),
          "cooccur", List.of(Tables.COOCCURRENCE, Tables.ENTITY_SETS),
          "events", List.of(Tables.EVENT_WINDOWS));

  /** A table another run is writing. */
  public static final class LockedException extends RuntimeException {
    LockedException(String message) {
      super(message);
    }
  }

  private final FileSystem fs;
  private final List<Path> held = new ArrayList<>();
  private Thread hook;

  private WriterLock(FileSystem fs) {
    this.fs = fs;
  }

  /** Locks every table {@code command} writes, or none and throws {@link LockedException}. */
  public static WriterLock acquire(
      String root, Configuration conf, String command, String runId, boolean breakLock) {
    try {
      Path dir = new Path(root + "/" + DIR);
      FileSystem fs = dir.getFileSystem(conf);
      WriterLock lock = new WriterLock(fs);
      String content = content(command, runId);
      try {
        for (String table : TABLES.getOrDefault(command, List.of())) {
          Path p = new Path(dir, table + ".lock");
          lock.take(p, table, content, breakLock);
        }
      } catch (RuntimeException | IOException e) {
        lock.close();
        throw e;
      }
      if (!lock.held.isEmpty()) {
        lock.hook = new Thread(lock::release, "marsad-writer-lock");
        Runtime.getRuntime().addShutdownHook(lock.hook);
      }
      return lock;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the warehouse " + root, e);
    }
  }

  private void take(Path p, String table, String content, boolean breakLock) throws IOException {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (create(p, content)) {
        held.add(p);
        return;
      }
      JsonNode holder = read(p);
      if (holder == null) {
        continue; // released between our create and read: try again
      }
      String who = describe(holder);
      if (breakLock) {
        LOG.warn("taking over the lock of {} from {} (warehouse.break_lock)", table, who);
      } else if (gone(holder)) {
        LOG.warn("taking over the stale lock of {}: {} is no longer running", table, who);
      } else {
        throw new LockedException(
            "table "
                + table
                + " is being written by "
                + who
                + "; wait for it, or if it is dead set warehouse.break_lock=true (lock: "
                + p
                + ")");
      }
      fs.delete(p, false);
    }
    throw new LockedException("could not lock table " + table + " (lock: " + p + ")");
  }

  /** Creates the file only if it does not exist, atomically where the filesystem allows. */
  private boolean create(Path p, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(p.toUri().getPath());
      Files.createDirectories(local.getParent());
      try {
        Files.write(local, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
    fs.mkdirs(p.getParent());
    try (OutputStream out = fs.create(p, false)) {
      out.write(bytes);
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(p)) {
        return false; // some filesystems say "already exists" with a plain IOException
      }
      throw e;
    }
  }

  private JsonNode read(Path p) {
    try (InputStream in = fs.open(p)) {
      return JSON.readTree(in);
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      // An unreadable lock (a crash while writing it) still locks: describe it by its path.
      ObjectNode n = JSON.createObjectNode();
      n.put("run_id", "an unknown run");
      return n;
    }
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static String content(String command, String runId) {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_id", runId);
    n.put("command", command);
    n.put("host", host());
    n.put("pid", ProcessHandle.current().pid());
    n.put("started_at", Instant.now().toString());
    return n.toString();
  }

  private static String describe(JsonNode holder) {
    StringBuilder b = new StringBuilder("run ").append(holder.path("run_id").asText("?"));
    if (holder.has("pid")) {
      b.append(" (pid ")
          .append(holder.path("pid").asLong())
          .append(" on ")
          .append(holder.path("host").asText("?"))
          .append(", since ")
          .append(holder.path("started_at").asText("?"))
          .append(')');
    }
    return b.toString();
  }

  /** True when the holder ran on this host and its process has ended. */
  private static boolean gone(JsonNode holder) {
    if (!holder.has("pid") || !host().equals(holder.path("host").asText())) {
      return false;
    }
    long pid = holder.path("pid").asLong();
    return pid != ProcessHandle.current().pid()
        && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }

  private synchronized void release() {
    for (Path p : held) {
      try {
        fs.delete(p, false);
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not remove the lock {}: {}", p, e.toString());
      }
    }
    held.clear();
  }

  @Override
  public void close() {
    release();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook releases
      }
      hook = null;
    }
  }
}
