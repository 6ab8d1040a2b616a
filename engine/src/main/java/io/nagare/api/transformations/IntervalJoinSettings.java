package io.nagare.api.transformations;

import java.io.Serializable;

/**
 * The bounds of an interval join, inclusive, in milliseconds relative to the left element's
 * timestamp: a right element at {@code r} joins a left element at {@code l} when {@code l +
 * lowerBound <= r <= l + upperBound}.
 */
public final class IntervalJoinSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long lowerBound;
  private final long upperBound;

  public IntervalJoinSettings(long lowerBound, long upperBound) {
    if (lowerBound > upperBound) {
      throw new IllegalArgumentException("The interval join's lower bound (" + lowerBound
          + " ms) must not be above its upper bound (" + upperBound + " ms)");
    }
    this.lowerBound = lowerBound;
    this.upperBound = upperBound;
  }

  public long lowerBound() {
    return lowerBound;
  }

  public long upperBound() {
    return upperBound;
  }
}
