package org.marsad.analytics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.marsad.config.MarsadConfig;
import org.marsad.config.MarsadConfig.InvalidConfigException;

/**
 * Event calendars as data ({@code conf/events/*.tsv}): {@code kind, round, start_date, end_date,
 * location, source_urls, note}, one event per line, {@code #} comments.
 */
public final class EventCalendar {
  private EventCalendar() {}

  /** One dated event; {@code id} is {@code kind-round} (or {@code kind-start_date}). */
  public record Event(
      String id, String kind, String round, LocalDate start, LocalDate end, String location)
      implements Serializable {}

  public static List<Event> load(List<String> paths) {
    List<Event> out = new ArrayList<>();
    for (String path : paths) {
      try (InputStream in = open(path);
          BufferedReader r =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int lineNo = 0;
        boolean header = true;
        while ((line = r.readLine()) != null) {
          lineNo++;
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          if (header) {
            header = false;
            continue;
          }
          String[] f = line.split("\t", -1);
          if (f.length < 4) {
            throw new InvalidConfigException(
                "event calendar "
                    + path
                    + " line "
                    + lineNo
                    + ": needs kind, round, start_date, end_date");
          }
          try {
            LocalDate start = LocalDate.parse(f[2].strip());
            LocalDate end = f[3].isBlank() ? start : LocalDate.parse(f[3].strip());
            if (end.isBefore(start)) {
              throw new InvalidConfigException(
                  "event calendar " + path + " line " + lineNo + ": ends before it starts");
            }
            String kind = f[0].strip();
            String round = f[1].strip();
            String id = kind + "-" + (round.isEmpty() || round.equals("-") ? start : round);
            out.add(new Event(id, kind, round, start, end, f.length > 4 ? f[4].strip() : ""));
          } catch (DateTimeParseException e) {
            throw new InvalidConfigException(
                "event calendar "
                    + path
                    + " line "
                    + lineNo
                    + ": bad date ("
                    + e.getParsedString()
                    + ")");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  private static InputStream open(String path) throws IOException {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      if (!Files.isReadable(p)) {
        throw new InvalidConfigException("event calendar not found: " + path);
      }
      return Files.newInputStream(p);
    }
    InputStream in =
        EventCalendar.class
            .getClassLoader()
            .getResourceAsStream(MarsadConfig.DEFAULTS_RESOURCE.replace("marsad.conf", path));
    if (in == null) {
      throw new InvalidConfigException("event calendar not found in conf/: " + path);
    }
    return in;
  }
}
