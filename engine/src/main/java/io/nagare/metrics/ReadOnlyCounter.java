package io.nagare.metrics;

import io.nagare.api.metrics.Counter;
import java.util.function.LongSupplier;

/**
 * A counter whose count is kept elsewhere (a field the runtime increments on its hot path) and read
 * through {@code count}; incrementing it is refused. Reads from any thread see a recent value.
 */
public final class ReadOnlyCounter implements Counter {
  private final LongSupplier count;

  public ReadOnlyCounter(LongSupplier count) {
    this.count = count;
  }

  @Override
  public void inc() {
    throw new UnsupportedOperationException("read-only counter");
  }

  @Override
  public void inc(long n) {
    throw new UnsupportedOperationException("read-only counter");
  }

  @Override
  public long getCount() {
    return count.getAsLong();
  }
}
