package io.nagare.api.windowing.evictors;

import io.nagare.api.windowing.windows.Window;
import java.time.Duration;
import java.util.Iterator;

/**
 * Keeps only the elements within {@code windowSize} of the newest element's timestamp: an element
 * at {@code t} is evicted when {@code t <= newest - windowSize}. Elements without timestamps are kept.
 */
public final class TimeEvictor<W extends Window> implements Evictor<Object, W> {
  private static final long serialVersionUID = 1L;

  private final long windowSize;
  private final boolean doEvictAfter;

  private TimeEvictor(long windowSize, boolean doEvictAfter) {
    if (windowSize < 0) {
      throw new IllegalArgumentException("TimeEvictor needs a non-negative size, not " + windowSize + " ms");
    }
    this.windowSize = windowSize;
    this.doEvictAfter = doEvictAfter;
  }

  public static <W extends Window> TimeEvictor<W> of(Duration windowSize) {
    return new TimeEvictor<>(windowSize.toMillis(), false);
  }

  public static <W extends Window> TimeEvictor<W> of(Duration windowSize, boolean doEvictAfter) {
    return new TimeEvictor<>(windowSize.toMillis(), doEvictAfter);
  }

  @Override
  public void evictBefore(Iterable<TimestampedValue<Object>> elements, int size, W window, EvictorContext ctx) {
    if (!doEvictAfter) {
      evict(elements);
    }
  }

  @Override
  public void evictAfter(Iterable<TimestampedValue<Object>> elements, int size, W window, EvictorContext ctx) {
    if (doEvictAfter) {
      evict(elements);
    }
  }

  private void evict(Iterable<TimestampedValue<Object>> elements) {
    long newest = Long.MIN_VALUE;
    for (TimestampedValue<Object> e : elements) {
      if (e.hasTimestamp()) {
        newest = Math.max(newest, e.getTimestamp());
      }
    }
    if (newest == Long.MIN_VALUE) {
      return;
    }
    long evictCutoff = newest - windowSize;
    for (Iterator<TimestampedValue<Object>> it = elements.iterator(); it.hasNext(); ) {
      TimestampedValue<Object> e = it.next();
      if (e.hasTimestamp() && e.getTimestamp() <= evictCutoff) {
        it.remove();
      }
    }
  }
}
