package org.marsad.analytics;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.marsad.config.MarsadConfig.InvalidConfigException;

/**
 * The analytics jobs' settings ({@code watchlists}, {@code trends}, {@code cooccur}, {@code
 * events}).
 */
public record AnalyticsSettings(
    List<String> granularities,
    Map<String, List<String>> watchlists,
    Map<String, Integer> baselinePeriods,
    double burstZ,
    int burstMinArticles,
    List<String> scopes,
    int minSupport,
    int evidence,
    List<String> calendars,
    int beforeDays,
    int afterDays,
    int baselineDays)
    implements Serializable {

  public static final List<String> SCOPES = List.of("sentence", "paragraph", "article");

  public static AnalyticsSettings from(Config c) {
    List<String> granularities = c.getStringList("trends.granularities");
    for (String g : granularities) {
      if (!Periods.ALL.contains(g)) {
        throw new InvalidConfigException(
            "trends.granularities: unknown '" + g + "' (day, week or month)");
      }
    }
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (String name : new java.util.TreeSet<>(c.getConfig("watchlists").root().keySet())) {
      List<String> members =
          List.copyOf(new LinkedHashSet<>(c.getStringList("watchlists." + quote(name))));
      if (members.size() < 2) {
        throw new InvalidConfigException(
            "watchlists." + name + ": a set needs two members or more");
      }
      lists.put(name, members);
    }
    Map<String, Integer> baseline = new LinkedHashMap<>();
    for (String g : Periods.ALL) {
      baseline.put(g, c.getInt("trends.baseline_periods." + g));
    }
    List<String> scopes = c.getStringList("cooccur.scopes");
    for (String s : scopes) {
      if (!SCOPES.contains(s)) {
        throw new InvalidConfigException(
            "cooccur.scopes: unknown '" + s + "' (sentence, paragraph or article)");
      }
    }
    return new AnalyticsSettings(
        List.copyOf(granularities),
        lists,
        baseline,
        c.getDouble("trends.burst_z"),
        c.getInt("trends.burst_min_articles"),
        List.copyOf(scopes),
        Math.max(1, c.getInt("cooccur.min_support")),
        Math.max(0, c.getInt("cooccur.evidence")),
        c.getStringList("events.calendars"),
        c.getInt("events.before_days"),
        c.getInt("events.after_days"),
        c.getInt("events.baseline_days"));
  }

  /** Every entity of every watch list. */
  public Set<String> watchedEntities() {
    Set<String> s = new LinkedHashSet<>();
    watchlists.values().forEach(s::addAll);
    return s;
  }

  private static String quote(String key) {
    return com.typesafe.config.ConfigUtil.quoteString(key);
  }
}
