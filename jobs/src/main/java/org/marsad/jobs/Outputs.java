package org.marsad.jobs;

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.marsad.analytics.AnalyticsSettings;

/** What the commands that write files for people (report, graph) share. */
final class Outputs {
  private Outputs() {}

  /** Writes a file's content to an output stream. */
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes a local file beside its name, then renames it over the name: a killed run never leaves
   * half a file under the name. Creates the folder when missing.
   */
  static void replace(File file, Body body) {
    File dir = file.getAbsoluteFile().getParentFile();
    File tmp = new File(dir, "." + file.getName() + ".tmp");
    try {
      Files.createDirectories(dir.toPath());
      try (OutputStream o = new BufferedOutputStream(new FileOutputStream(tmp))) {
        body.write(o);
      }
      Files.move(
          tmp.toPath(),
          file.toPath(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The members of a configured watch list, or a one-line refusal naming the configured ones. */
  static List<String> watchlist(AnalyticsSettings settings, String name) {
    List<String> members = settings.watchlists().get(name);
    if (members == null) {
      throw new UsageException(
          "--watchlist "
              + name
              + ": no such watch list (configured: "
              + String.join(", ", settings.watchlists().keySet())
              + ")");
    }
    return members;
  }
}
