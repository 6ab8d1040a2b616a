package io.nagare.metrics;

import io.nagare.api.metrics.Counter;

/**
 * A counter written by one thread (its owner, e.g. a subtask's thread) and read by reporters on
 * others. The count is a plain field so counting costs what an increment costs; readers see a
 * recent value, not necessarily the latest.
 */
public class SimpleCounter implements Counter {
  private long count;

  @Override
  public void inc() {
    count++;
  }

  @Override
  public void inc(long n) {
    count += n;
  }

  @Override
  public long getCount() {
    return count;
  }
}
