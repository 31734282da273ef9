package org.marsad.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The trailing baseline of entity_trends, by hand: median, MAD and mean deviation of earlier
 * shares.
 */
class TrailingBaselineTest {
  static final StructType SCHEMA =
      new StructType()
          .add("granularity", DataTypes.StringType)
          .add("level", DataTypes.StringType)
          .add("entity_id", DataTypes.StringType)
          .add("ord", DataTypes.IntegerType)
          .add("n_back", DataTypes.IntegerType)
          .add("share", DataTypes.DoubleType);

  static Row row(String entity, int ord, double share) {
    return RowFactory.create("day", "rollup", entity, ord, 3, share);
  }

  /** Output rows: the input's 6 columns, then periods, median, MAD, mean deviation. */
  static List<Row> run(Row... rows) throws Exception {
    Iterator<Row> out = new Trends.TrailingBaseline(SCHEMA).call(List.of(rows).iterator());
    List<Row> list = new ArrayList<>();
    out.forEachRemaining(list::add);
    return list;
  }

  @Test
  void medianMadAndMeanOverTheLastNPeriodsOfTheSameEntity() throws Exception {
    List<Row> out =
        run(
            row("Q794", 1, 0.1),
            row("Q794", 2, 0.3),
            row("Q794", 3, 0.2),
            row("Q794", 4, 0.0),
            row("Q794", 5, 0.5),
            row("Q794", 10, 0.4), // the 3 periods before it have no row (no articles): none
            row("Q159", 11, 0.7)); // another entity starts afresh
    assertThat(out.get(0).getInt(6)).isZero();
    assertThat(out.get(0).isNullAt(7)).isTrue();
    assertThat(out.get(0).isNullAt(8)).isTrue();
    assertThat(out.get(0).isNullAt(9)).isTrue();
    // Ord 3: earlier 0.1 and 0.3: median 0.2 (even count: the mean of the middle two), deviations
    // 0.1 and 0.1.
    Row third = out.get(2);
    assertThat(third.getInt(6)).isEqualTo(2);
    assertThat(third.getDouble(7)).isCloseTo(0.2, within(1e-12));
    assertThat(third.getDouble(8)).isCloseTo(0.1, within(1e-12));
    assertThat(third.getDouble(9)).isCloseTo(0.1, within(1e-12));
    // Ord 5: ords 2-4 (n_back 3): 0.3, 0.2, 0.0 -> median 0.2, deviations 0.1, 0, 0.2 -> MAD 0.1,
    // mean 0.1; ord 1 is out of the window.
    Row fifth = out.get(4);
    assertThat(fifth.getInt(6)).isEqualTo(3);
    assertThat(fifth.getDouble(7)).isCloseTo(0.2, within(1e-12));
    assertThat(fifth.getDouble(8)).isCloseTo(0.1, within(1e-12));
    assertThat(fifth.getDouble(9)).isCloseTo(0.1, within(1e-12));
    assertThat(out.get(5).getInt(6)).isZero();
    assertThat(out.get(6).getInt(6)).isZero();
    // The input columns pass through unchanged.
    assertThat(out.get(6).getString(2)).isEqualTo("Q159");
    assertThat(out.get(6).getDouble(5)).isEqualTo(0.7);
  }
}
