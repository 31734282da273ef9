package org.marsad.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** One story's trend counts, by hand: mentions, articles, sources and the row standing for it. */
class TrendCounterTest {
  static final CountKey KEYS = new CountKey(List.of("Q159", "Q3616", "Q43", "Q794"), List.of());

  @Test
  void countsMentionsArticlesPerSourceAndMarksOneRowPerPeriod() {
    TrendCounter c = new TrendCounter(KEYS, Map.of("a", 0, "b", 1));
    // Monday 2020-04-20, source b: Iran twice (once as Tehran), Russia once.
    c.addArticle(
        LocalDate.parse("2020-04-20"),
        "b",
        List.of(
            new String[] {"Q794", "Q794"},
            new String[] {"Q3616", "Q794"},
            new String[] {"Q159", "Q159"}));
    // Its copy on Tuesday from source a: Iran once.
    c.addArticle(
        LocalDate.parse("2020-04-21"), "a", List.<String[]>of(new String[] {"Q794", "Q794"}));
    Map<String, Row> rows = new HashMap<>();
    for (Row r : c.drain()) {
      // entity/day/<day>/sentence/<level>/<entity>/<b>: b holds the source number + 1 and
      // describe() reads it through the entity dictionary: source a (0) reads "Q159", b (1)
      // reads "Q3616".
      rows.put(KEYS.describe(r.getLong(0)), r);
    }
    Row iranMonday = rows.get("entity/day/2020-04-20/sentence/rollup/Q794/Q3616");
    assertThat(iranMonday.getLong(1)).isEqualTo(2); // two mentions
    assertThat(iranMonday.getLong(2)).isEqualTo(1); // one article
    // Monday's row stands for the story that day, that week and that month.
    assertThat(iranMonday.getInt(3))
        .isEqualTo(StoryCounter.storyBit(0) | StoryCounter.storyBit(1) | StoryCounter.storyBit(2));
    Row iranTuesday = rows.get("entity/day/2020-04-21/sentence/rollup/Q794/Q159");
    assertThat(iranTuesday.getLong(1)).isEqualTo(1);
    assertThat(iranTuesday.getInt(3)).isEqualTo(StoryCounter.storyBit(0)); // its own day only
    // Entity level keeps Tehran apart.
    assertThat(rows.get("entity/day/2020-04-20/sentence/entity/Q3616/Q3616").getLong(1))
        .isEqualTo(1);
    assertThat(rows.get("entity/day/2020-04-20/sentence/entity/Q794/Q3616").getLong(1))
        .isEqualTo(1);
    assertThat(rows).hasSize(7); // Monday: 2 rollup + 3 entity rows; Tuesday: 1 + 1
    assertThat(c.drain()).isEmpty();
  }
}
