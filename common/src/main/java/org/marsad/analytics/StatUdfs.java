package org.marsad.analytics;

import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** {@link Stats} functions of four counts as Spark UDFs: an undefined value is written as null. */
final class StatUdfs {
  private StatUdfs() {}

  static UserDefinedFunction of(String name, UDF4<Long, Long, Long, Long, Double> f) {
    return udf(
            (UDF4<Long, Long, Long, Long, Double>)
                (a, b, c, d) -> {
                  double v = f.call(a, b, c, d);
                  return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
                },
            DataTypes.DoubleType)
        .withName(name);
  }
}
