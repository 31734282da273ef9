package org.marsad.analytics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * The {@code k} smallest strings of a group, sorted, in a buffer that never holds more than {@code
 * k}: Spark's {@code collect_list} then sort would hold every value of the group (every story of a
 * frequent pair) in memory and in the shuffle.
 */
public final class FirstK extends Aggregator<String, FirstK.Buffer, FirstK.Buffer> {
  /** The kept values, sorted; a bean so that Spark can encode it as {@code struct<items>}. */
  public static final class Buffer implements Serializable {
    private List<String> items = new ArrayList<>();

    public List<String> getItems() {
      return items;
    }

    public void setItems(List<String> items) {
      this.items = items;
    }
  }

  private final int k;

  public FirstK(int k) {
    this.k = Math.max(1, k);
  }

  @Override
  public Buffer zero() {
    return new Buffer();
  }

  @Override
  public Buffer reduce(Buffer b, String value) {
    if (value == null) {
      return b;
    }
    List<String> items = b.items;
    if (items.size() == k && value.compareTo(items.get(k - 1)) >= 0) {
      return b;
    }
    int at = Collections.binarySearch(items, value);
    if (at < 0) {
      items.add(-at - 1, value);
    } else {
      items.add(at, value); // equal values are kept: each is another story
    }
    if (items.size() > k) {
      items.remove(k);
    }
    return b;
  }

  @Override
  public Buffer merge(Buffer a, Buffer b) {
    for (String v : b.items) {
      reduce(a, v);
    }
    return a;
  }

  @Override
  public Buffer finish(Buffer b) {
    return b;
  }

  @Override
  public Encoder<Buffer> bufferEncoder() {
    return Encoders.bean(Buffer.class);
  }

  @Override
  public Encoder<Buffer> outputEncoder() {
    return Encoders.bean(Buffer.class);
  }
}
