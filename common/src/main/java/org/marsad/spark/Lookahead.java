package org.marsad.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that computes each element one step ahead, for the functions that stream a sorted
 * partition ({@code mapPartitions}) and emit rows as they finish groups of it: subclasses say only
 * how the next element is made.
 *
 * @param <T> the elements, never null
 */
public abstract class Lookahead<T> implements Iterator<T> {
  private T next;

  /** The next element, or null when there are no more (and null again if asked again). */
  protected abstract T computeNext();

  @Override
  public final boolean hasNext() {
    if (next == null) {
      next = computeNext();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T out = next;
    next = null;
    return out;
  }
}
