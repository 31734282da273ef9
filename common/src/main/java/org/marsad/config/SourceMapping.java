package org.marsad.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.marsad.dates.DateSource;

/** How one kind of dump maps onto an article: which fields to read and which dates to trust. */
public record SourceMapping(
    String name,
    Map<Role, List<String>> fields,
    String sourceName,
    List<DateSource> dateOrder,
    String timezone)
    implements Serializable {

  /** The parts of an article a record field can fill. */
  public enum Role {
    TITLE("title"),
    BODY("body"),
    DATE("date"),
    CRAWL_DATE("crawl_date"),
    URL("url"),
    ID("id"),
    SOURCE("source");

    final String key;

    Role(String key) {
      this.key = key;
    }
  }

  /** Reads mapping {@code name} from the effective configuration. */
  public static SourceMapping from(Config config, String name) {
    String path = "sources." + com.typesafe.config.ConfigUtil.quoteString(name);
    if (!config.hasPath(path)) {
      throw new MarsadConfig.InvalidConfigException(
          "unknown source mapping '"
              + name
              + "'; known: "
              + String.join(", ", config.getConfig("sources").root().keySet()));
    }
    Config c = config.getConfig(path);
    Map<Role, List<String>> fields = new java.util.EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      fields.put(r, List.copyOf(c.getStringList("fields." + r.key)));
    }
    List<DateSource> order = new ArrayList<>();
    for (String s : c.getStringList("date_order")) {
      try {
        order.add(DateSource.fromCode(s));
      } catch (IllegalArgumentException e) {
        throw new MarsadConfig.InvalidConfigException(
            "sources."
                + name
                + ".date_order: unknown date source '"
                + s
                + "' (metadata, filename, text, crawl)");
      }
    }
    String tz = c.getString("timezone");
    try {
      ZoneId.of(tz);
    } catch (Exception e) {
      throw new MarsadConfig.InvalidConfigException(
          "sources." + name + ".timezone: unknown time zone '" + tz + "'");
    }
    String sourceName = c.getString("source_name");
    return new SourceMapping(
        name, Map.copyOf(fields), sourceName.isEmpty() ? name : sourceName, List.copyOf(order), tz);
  }

  public List<String> fieldNames(Role role) {
    return fields.get(role);
  }
}
